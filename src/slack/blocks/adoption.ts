import { csvRecord, neutraliseFormulaText } from '../../csv/formula.ts';
import type { AdoptionCounts } from '../../domain/adoption.ts';
import type { AdoptedLine, AdoptionChoice, AdoptionPlan, FieldChange } from '../../services/adoption.ts';
import type { AdoptedField } from '../../services/adoption-settings.ts';
import type { AdoptionRow } from '../../store/adoptions.ts';
import { clip, clipMrkdwn, code, plainStyle, showText, someOf, utcMinute } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { FIELD_NAMES } from './drift.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';

/** Conflicts and refusals a preview names; the file holds every line. */
const LISTED = 5;

/** A count as people read it: 10,000. */
const n = (count: number) => count.toLocaleString('en-US');
const counted = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

const shown = (value: string) => (value === '' ? 'none' : code(value));

function changeText(change: FieldChange, system: string): string {
  if (change.field === 'pin') return `${fieldName(change.field)} differs in ${system}`;
  return `${fieldName(change.field)} ${shown(change.from)} here, ${shown(change.to)} in ${system}`;
}

/** Fields of a line and of its settings in words. */
const ADOPTED_FIELD_NAMES: Record<AdoptedField, string> = {
  ...FIELD_NAMES,
  name: 'name',
  callerId: 'caller ID',
  areaCode: 'area code',
  language: 'language',
  address: 'emergency address',
  deskPhones: 'desk phones',
  hours: 'business hours',
  holdMusic: 'hold music',
  pin: 'voicemail PIN',
  blocked: 'blocked numbers',
  assistants: 'assistants',
};

const fieldName = (field: AdoptedField) => ADOPTED_FIELD_NAMES[field] ?? field;

/** The PIN is a secret: a change to it is named, never shown. */
const PIN_CHANGED = 'changed';

/** How many lines each button adopts. */
export function adoptable(counts: AdoptionCounts): { all: number; others: number } {
  const others = counts.create + counts.update;
  return { all: others + counts.conflict, others };
}

const accountChanges = (counts: AdoptionCounts) =>
  counts.sites + counts.plans + counts.numbers + (counts.queues ?? 0) + (counts.receptionists ?? 0);

const button = (text: string, actionId: string, value: string, style?: 'primary') => ({
  type: 'button' as const,
  action_id: actionId,
  text: { type: 'plain_text' as const, text: clip(text, BLOCK_KIT.buttonText) },
  value,
  ...(style ? { style } : {}),
});

/** The preview of `/phone adopt`, only for the admin who asked: counts, what conflicts, what is refused, buttons. */
export function adoptionPreviewMessage(adoption: AdoptionRow, plan: AdoptionPlan): Message {
  const { system } = adoption;
  const { counts } = plan;
  const head = `*Adopting ${system}'s account* (read ${utcMinute(adoption.createdAt)}): ${counted(counts.lines, 'line')}.`;
  const tally = [
    `To create: ${n(counts.create)}`,
    `To update: ${n(counts.update)}`,
    `Already equal: ${n(counts.unchanged)}`,
    `Conflicts: ${n(counts.conflict)}`,
    `Refused: ${n(counts.invalid)}`,
  ].join(' · ');
  const blocks: KnownBlock[] = [section(`${head}\n${tally}`)];
  const account = [
    plan.sites.length > 0
      ? `${counted(plan.sites.length, 'site')} to add (${someOf(
          plan.sites.map((s) => showText(s)),
          5,
        )})`
      : '',
    plan.plans.length > 0
      ? `plan counts to raise (${someOf(
          plan.plans.map((p) => `${showText(p.name)} ${p.from} → ${p.to}`),
          5,
        )})`
      : '',
    plan.numbers.length > 0 ? `${counted(plan.numbers.length, 'number')} to add` : '',
    plan.queues.added.length > 0
      ? `call queues to add or complete (${someOf(
          plan.queues.added.map((q) => `${showText(q.name)} with ${counted(q.members, 'member')}`),
          5,
        )})`
      : '',
    plan.receptionists.added.length > 0
      ? `auto receptionists to add or give an operator (${someOf(
          plan.receptionists.added.map(
            (r) => `${showText(r.name)}${r.operator ? `, operator ${showText(r.operator)}` : ''}`,
          ),
          5,
        )})`
      : '',
  ].filter(Boolean);
  if (account.length > 0) blocks.push(section(`Account: ${account.join('; ')}.`));
  const conflicts = plan.lines.filter((line) => line.kind === 'conflict');
  if (conflicts.length > 0) {
    blocks.push(
      section(
        clipMrkdwn(
          `*Conflicts*: Switchboard gives these people another extension. *Adopt ${adoptable(counts).all}* takes ${system}'s; *Adopt the others* leaves them as Switchboard has them.\n${listed(conflicts, system)}`,
          BLOCK_KIT.sectionText,
        ),
      ),
    );
  }
  const refused = plan.lines.filter((line) => line.kind === 'invalid');
  if (refused.length > 0) {
    blocks.push(
      section(
        clipMrkdwn(
          `*Refused* by Switchboard's rules (not adopted):\n${listed(refused, system)}`,
          BLOCK_KIT.sectionText,
        ),
      ),
    );
  }
  const notes = [
    plan.unknownPlans.length > 0
      ? `${system} has calling plans Switchboard does not know: ${someOf(
          plan.unknownPlans.map((p) => `${showText(p.name)} (${p.code})`),
          5,
        )}; people holding them are refused.`
      : '',
    plan.badNumbers.length > 0
      ? `${counted(plan.badNumbers.length, 'number')} ${system} lists ${plan.badNumbers.length === 1 ? 'is' : 'are'} not a phone number Switchboard can hold and ${plan.badNumbers.length === 1 ? 'is' : 'are'} left out: ${someOf(
          plan.badNumbers.map((n) => showText(n)),
          5,
        )}.`
      : '',
  ].filter(Boolean);
  const kept = plan.lines.filter((line) => line.kind !== 'invalid' && line.settingsKept);
  if (counts.settings !== undefined) {
    const head = `*Settings*: read from ${system} for ${counted(counts.settings, 'person', 'people')}, and taken where they differ`;
    blocks.push(
      section(
        clipMrkdwn(
          kept.length === 0
            ? `${head}.`
            : `${head}; ${n(kept.length)} keep theirs in ${system}, which holds what Switchboard cannot:\n${listed(kept, system)}`,
          BLOCK_KIT.sectionText,
        ),
      ),
    );
  }
  for (const queue of plan.queues.refused.slice(0, LISTED)) {
    notes.push(`Call queue ${showText(queue.name)} is left out: ${errorText(queue.error)}`);
  }
  for (const receptionist of plan.receptionists.refused.slice(0, LISTED)) {
    notes.push(
      `Auto receptionist ${showText(receptionist.name)} is left out: ${errorText(receptionist.error)}`,
    );
  }
  if (notes.length > 0) blocks.push(section(clipMrkdwn(notes.join('\n'), BLOCK_KIT.sectionText)));
  const { all, others } = adoptable(counts);
  if (all + accountChanges(counts) === 0) {
    blocks.push(section(`Nothing to adopt: Switchboard already holds every line it accepts. 0 changes.`));
    return { text: plain(`${head} Nothing to adopt: 0 changes.`), blocks };
  }
  const value = String(adoption.id);
  blocks.push({
    type: 'actions',
    elements: [
      button(all > 0 ? `Adopt ${n(all)}` : 'Adopt the account', ACTIONS.adoptAll, value, 'primary'),
      ...(counts.conflict > 0 ? [button(`Adopt the others (${n(others)})`, ACTIONS.adoptOthers, value)] : []),
      button('Cancel', ACTIONS.adoptCancel, value),
    ],
  });
  blocks.push(
    context(
      `Nothing is sent to ${system}: Switchboard takes what it holds, with each person's settings (business hours, hold music, voicemail PIN, caller ID, area code, language, emergency address, desk phones, blocked numbers, assistants). Call handling (ring order, forwarding) is not read from ${system}. Every line is in the file in your direct messages with the app.`,
    ),
  );
  return { text: plain(`${head} ${tally}`), blocks };
}

function listed(lines: AdoptedLine[], system: string): string {
  const shownLines = lines.slice(0, LISTED).map((line) => {
    if (line.kind === 'conflict' || line.kind === 'update') {
      return `• Line ${line.line}, ${showText(line.email)}: ${line.changes.map((c) => changeText(c, system)).join('; ')}`;
    }
    if (line.kind === 'invalid') {
      return `• Line ${line.line}, ${showText(line.email)}: ${line.problems
        .map((p) => `${showText(p.column)}: ${errorText(p.error)}`)
        .join(' ')}`;
    }
    if (line.settingsKept) {
      return `• Line ${line.line}, ${showText(line.email)}: ${line.settingsKept
        .map((p) => `${showText(p.column)}: ${errorText(p.error)}`)
        .join(' ')}`;
    }
    return `• Line ${line.line}, ${showText(line.email)}`;
  });
  const more = lines.length > LISTED ? [`…and ${n(lines.length - LISTED)} more in the file.`] : [];
  return [...shownLines, ...more].join('\n');
}

/** Every line of the phone system and what adoption does with it, for the requester's DM. */
export function adoptionFile(plan: AdoptionPlan): Buffer {
  const style = plainStyle();
  let text = csvRecord(['Line', 'Email', 'Outcome', 'Detail', 'Settings']);
  for (const line of plan.lines) {
    const settings =
      line.kind === 'invalid'
        ? ''
        : line.settingsKept
          ? `kept in the phone system: ${line.settingsKept.map((p) => `${p.column}: ${errorText(p.error, style)}`).join(' ')}`
          : plan.counts.settings === undefined
            ? ''
            : 'taken';
    const [outcome, detail] = (() => {
      switch (line.kind) {
        case 'create':
          return ['create', `extension ${line.extension}`];
        case 'update':
        case 'conflict':
          return [
            line.kind,
            line.changes
              .map((c) =>
                c.field === 'pin'
                  ? `${fieldName(c.field)} ${PIN_CHANGED}`
                  : `${fieldName(c.field)} ${c.from || 'none'} → ${c.to || 'none'}`,
              )
              .join('; '),
          ];
        case 'unchanged':
          return ['already equal', ''];
        case 'invalid':
          return ['refused', line.problems.map((p) => `${p.column}: ${errorText(p.error, style)}`).join(' ')];
      }
    })();
    text += csvRecord([String(line.line), line.email, outcome, detail, settings].map(neutraliseFormulaText));
  }
  return Buffer.from(text, 'utf8');
}

/** What the click adopted, in place of the preview. */
export function adoptedMessage(system: string, plan: AdoptionPlan, choice: AdoptionChoice): string {
  const { counts } = plan;
  const people = [
    `${counted(counts.create, 'person', 'people')} created`,
    `${n(counts.update)} updated`,
    ...(counts.conflict > 0
      ? [
          choice === 'all'
            ? `${counted(counts.conflict, 'conflict')} taken from ${system}`
            : `${counted(counts.conflict, 'conflict')} left as Switchboard has them`,
        ]
      : []),
    `${n(counts.unchanged)} already equal`,
    ...(counts.invalid > 0 ? [`${n(counts.invalid)} refused`] : []),
  ];
  const account = [
    counts.sites > 0 ? counted(counts.sites, 'site') : '',
    counts.plans > 0 ? counted(counts.plans, 'plan count') : '',
    counts.numbers > 0 ? counted(counts.numbers, 'number') : '',
    (counts.queues ?? 0) > 0 ? counted(counts.queues ?? 0, 'call queue') : '',
    (counts.receptionists ?? 0) > 0 ? counted(counts.receptionists ?? 0, 'auto receptionist') : '',
  ].filter(Boolean);
  const settings =
    counts.settings === undefined
      ? `their settings stay in ${system}.`
      : `settings were taken for ${counted(counts.settings, 'person', 'people')}${(counts.settingsKept ?? 0) > 0 ? `, and stay in ${system} for ${n(counts.settingsKept ?? 0)} (see the preview's file)` : ''}.`;
  return `:white_check_mark: Adopted ${system}'s account: ${people.join(', ')}${account.length > 0 ? `; ${account.join(', ')} added` : ''}. Nothing was sent to ${system}. People are linked to their Slack accounts in the background; ${settings}`;
}
