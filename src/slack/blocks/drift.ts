import { csvRecord, neutraliseFormulaText } from '../../csv/formula.ts';
import { type Difference, type DriftField, peopleIn } from '../../domain/drift.ts';
import { emailKey } from '../../domain/email.ts';
import type { DriftCheckRow } from '../../store/drift.ts';
import { clip, code, plural, showText, someOf, utcMinute } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';

/** People a report lists with their own buttons; the file holds them all. */
export const PEOPLE_LISTED = 10;
/** Account-wide differences (sites, plans, numbers) a report names in words. */
const ACCOUNT_ITEMS_LISTED = 10;

/** A line's fields in words, for drift reports and adoption previews. */
export const FIELD_NAMES: Record<DriftField, string> = {
  extension: 'extension',
  site: 'site',
  plans: 'calling plans',
  numbers: 'numbers',
  status: 'status',
  hours: 'business hours',
  holdMusic: 'hold music',
  pin: 'voicemail PIN',
  callerId: 'caller ID',
  areaCode: 'area code',
  language: 'language',
  address: 'emergency address',
  deskPhones: 'desk phones',
  assistants: 'assistants',
  blocked: 'blocked numbers',
};

const shown = (value: string) => (value === '' ? 'none' : code(value));

/** A button's value: the check, and the person by their place in the check's list (an email can be too long). */
export const driftValue = (checkId: number, person?: number) =>
  person === undefined ? `${checkId}` : `${checkId}:${person}`;

/** Reads a button's value strictly: anyone could craft it. */
export function readDriftValue(value: string | undefined): { checkId: number; person?: number } | undefined {
  const match = /^([1-9][0-9]{0,9})(?::([0-9]{1,6}))?$/.exec(value ?? '');
  if (!match) return undefined;
  return match[2] === undefined
    ? { checkId: Number(match[1]) }
    : { checkId: Number(match[1]), person: Number(match[2]) };
}

/** What one person's differences say, Switchboard's value first: "extension `1001` here, `1002` in Zoom Phone". */
function personText(system: string, email: string, differences: readonly Difference[]): string {
  const mine = differences.filter((d) => 'email' in d && emailKey(d.email) === emailKey(email));
  const parts = mine.map((d) => {
    if (d.kind === 'only_phone_system')
      return `has a line only in ${system} (extension ${shown(d.extension)})`;
    if (d.kind === 'only_switchboard')
      return `has no line in ${system} (extension ${shown(d.extension)} here)`;
    if (d.kind === 'field') {
      if (d.field === 'pin') return `${FIELD_NAMES[d.field]} differs in ${system}`;
      return `${FIELD_NAMES[d.field]} ${shown(d.switchboard)} here, ${shown(d.phoneSystem)} in ${system}`;
    }
    return '';
  });
  return `*${showText(email)}*: ${parts.filter(Boolean).join('; ')}`;
}

function accountText(d: Difference, system: string): string | undefined {
  switch (d.kind) {
    case 'site':
      return `site ${showText(d.name)}: ${d.switchboard} here, ${d.phoneSystem} in ${system}`;
    case 'plan':
      return `plan ${showText(d.name)} (${d.code}): ${d.switchboard} here, ${d.phoneSystem} in ${system}`;
    case 'number':
      return d.switchboard === 'missing'
        ? `number ${code(d.number)} only in ${system}`
        : `number ${code(d.number)} only in Switchboard`;
    default:
      return undefined;
  }
}

const button = (
  text: string,
  actionId: string,
  value: string,
  confirm?: { title: string; text: string; confirm: string },
) => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text },
  value,
  ...(confirm
    ? {
        confirm: {
          title: { type: 'plain_text' as const, text: confirm.title },
          text: { type: 'plain_text' as const, text: clip(confirm.text, BLOCK_KIT.confirmText) },
          confirm: { type: 'plain_text' as const, text: confirm.confirm },
          deny: { type: 'plain_text' as const, text: 'Cancel' },
        },
      }
    : {}),
});

/** The report of a check: what differs, per person with its buttons, and the buttons for all. */
export function driftReportMessage(check: DriftCheckRow): Message {
  const system = check.system;
  const when = utcMinute(check.finishedAt ?? check.startedAt);
  if (check.state === 'failed') {
    const text = `:warning: ${system} could not be read at ${when}: ${showText(check.failure ?? '', 300)} Nothing was compared.`;
    return { text: plain(text), blocks: [section(text)] };
  }
  const differences = check.differences;
  const people = peopleIn(differences);
  const account = differences.filter((d) => d.kind === 'site' || d.kind === 'plan' || d.kind === 'number');
  const scope = check.settingsCompared
    ? ''
    : ` Settings were not compared (a scheduled check reads lines only): ${code('/phone drift')} compares them too.`;
  if (differences.length === 0) {
    const compared = check.settingsCompared ? ' and their settings' : '';
    const text = `:white_check_mark: ${system} holds what Switchboard says: ${plural(check.linesRead, 'line')}${compared} compared at ${when}, no differences.${scope}`;
    return { text: plain(text), blocks: [section(text)] };
  }
  const summary = `*${system} compared with Switchboard* at ${when}: ${plural(differences.length, 'difference')}, about ${plural(people.length, 'person', 'people')}${account.length > 0 ? ` and ${plural(account.length, 'account item')}` : ''}.`;
  const blocks: KnownBlock[] = [section(summary)];
  // A line only in the phone system is for `/phone adopt` (said below): neither button would do anything for it.
  const settleable = new Set(
    differences.flatMap((d) =>
      d.kind === 'field' || d.kind === 'only_switchboard' ? [emailKey(d.email)] : [],
    ),
  );
  people.slice(0, PEOPLE_LISTED).forEach((email, index) => {
    blocks.push(section(personText(system, email, differences)));
    if (!settleable.has(emailKey(email))) return;
    blocks.push({
      type: 'actions',
      elements: [
        button("Keep Switchboard's", ACTIONS.driftKeep, driftValue(check.id, index)),
        button(`Take ${system}'s`, ACTIONS.driftTake, driftValue(check.id, index)),
      ],
    });
  });
  if (people.length > PEOPLE_LISTED) {
    blocks.push(
      context(
        `…and ${plural(people.length - PEOPLE_LISTED, 'more person', 'more people')}: every difference is in the file sent to you.`,
      ),
    );
  }
  if (differences.some((d) => d.kind === 'only_phone_system')) {
    blocks.push(
      context(
        `People with a line only in ${system} are left as they are by both buttons: ${code('/phone adopt')} takes them into Switchboard.`,
      ),
    );
  }
  if (account.length > 0) {
    const items = account.flatMap((d) => accountText(d, system) ?? []);
    blocks.push(
      section(
        `Account: ${someOf(items, ACCOUNT_ITEMS_LISTED)}. Settle these with ${code('/phone site')}, ${code('/phone plans set')} and ${code('/phone numbers')}.`,
      ),
    );
  }
  if (settleable.size > 0) {
    blocks.push({
      type: 'actions',
      elements: [
        button("Keep Switchboard's for all", ACTIONS.driftKeep, driftValue(check.id), {
          title: "Keep Switchboard's?",
          text: `${system} will be given Switchboard's values again for ${plural(people.length, 'person', 'people')}, undoing what was changed there. People only in ${system} are left as they are.`,
          confirm: 'Push them',
        }),
        button(`Take ${system}'s for all`, ACTIONS.driftTake, driftValue(check.id), {
          title: `Take ${system}'s?`,
          text: `Switchboard will take ${system}'s values for every differing field of ${plural(people.length, 'person', 'people')}, audited as taken from ${system}; people ${system} gives no line lose their license here. People only in ${system} are left as they are.`,
          confirm: 'Take them',
        }),
      ],
    });
  }
  blocks.push(
    context(
      `Every difference is in the file in your direct messages with the app. Run ${code('/phone drift')} again to compare anew. Times are UTC.${scope}`,
    ),
  );
  return {
    text: `${system} compared with Switchboard: ${plural(differences.length, 'difference')}`,
    blocks,
  };
}

/** The name of a check's file: `drift-<UTC minute>.csv`. */
export const driftFileName = (check: DriftCheckRow) =>
  `drift-${check.startedAt.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.csv`;

/** Every difference of a check, one per line, for the requester's DM. */
export function driftFile(check: DriftCheckRow): Buffer {
  let text = csvRecord(['Email or Item', 'Field', 'Switchboard', check.system]);
  for (const d of check.differences) {
    const row = (() => {
      switch (d.kind) {
        case 'field':
          // A PIN difference holds no PIN, only that they differ.
          return [d.email, FIELD_NAMES[d.field], d.switchboard, d.phoneSystem];
        case 'only_phone_system':
          return [d.email, 'line', 'none', `extension ${d.extension}`];
        case 'only_switchboard':
          return [d.email, 'line', `extension ${d.extension}`, 'none'];
        case 'site':
          return [d.name, 'site', d.switchboard, d.phoneSystem];
        case 'plan':
          return [`${d.name} (${d.code})`, 'plan inventory', String(d.switchboard), String(d.phoneSystem)];
        case 'number':
          return [d.number, 'number', d.switchboard, d.phoneSystem];
      }
    })();
    text += csvRecord(row.map(neutraliseFormulaText));
  }
  return Buffer.from(text, 'utf8');
}
