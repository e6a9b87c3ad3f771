import type { Run } from '../../domain/runs.ts';
import type { AdminEntry } from '../../services/people.ts';
import type { NumbersPage } from '../../services/queries.ts';
import type { RunPage } from '../../services/run-pages.ts';
import type { NumberRow } from '../../store/numbers.ts';
import type { PlanUsage } from '../../store/plans.ts';
import type { Site } from '../../store/sites.ts';
import { code, escapeText, mention } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { linesMessage, type Message } from './message.ts';

export function sitesMessage(siteCodes: boolean, sites: Site[]): Message {
  const lines = sites.map((site) => {
    const parts = [`*${escapeText(site.name)}*`];
    if (site.siteCode) parts.push(`site code ${code(site.siteCode)}`);
    parts.push(`first extension ${code(site.firstExtension ?? (siteCodes ? '100' : '1000'))}`);
    return `• ${parts.join(' · ')}`;
  });
  return linesMessage(`*Sites* (site codes ${siteCodes ? 'on' : 'off'})`, lines);
}

export function numbersMessage(page: NumbersPage, more?: string): Message {
  const { runs, total, free, site } = page;
  const scope = [free ? 'free' : undefined, site ? `in ${escapeText(site)}` : undefined]
    .filter(Boolean)
    .join(' ');
  const title = `*Numbers${scope ? ` (${scope})` : ''}*: ${total}`;
  if (runs.length === 0)
    return linesMessage(
      `${title}\nAdd some with ${code(escapeText('/phone numbers add <+E164>[..<+E164>]'))}.`,
      [],
    );
  const label = (row: NumberRow) => {
    const where = row.site ? ` · ${escapeText(row.site)}` : '';
    const holder = row.isMain ? ' · *main number*' : row.holder ? ` · ${escapeText(row.holder)}` : ' · free';
    return `${where}${holder}`;
  };
  const lines = runs.map((run) => `• ${runText(run, (row) => row.number)}${label(run.first)}`);
  return withMore(linesMessage(title, lines, pageFooter(page, total, more)), ACTIONS.numbersMore, more);
}

/** Where a page sits in its list, once the list takes more than one page: "Showing 51–180 of 200". */
function pageFooter(page: { rows: unknown[]; before: number }, total: number, more: string | undefined) {
  if (!more && page.before === 0) return undefined;
  const shown = `Showing ${page.before + 1}–${page.before + page.rows.length} of ${total}`;
  return more ? `${shown}; *More* shows the next ones.` : `${shown}.`;
}

function withMore(message: Message, actionId: string, more: string | undefined): Message {
  if (more) {
    message.blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'More' }, value: more },
      ],
    });
  }
  return message;
}

/** `+14155550100`, or `+14155550100`–`+14155550149` (50) for a run of consecutive ones. */
function runText<T>(run: Run<T>, text: (item: T) => string): string {
  if (run.count === 1) return code(text(run.first));
  return `${code(text(run.first))}–${code(text(run.last))} (${run.count})`;
}

export function plansMessage(plans: PlanUsage[]): Message {
  const lines = plans.map(
    (plan) =>
      `• ${code(String(plan.code))} *${escapeText(plan.shortName)}*: ${plan.used} of ${plan.inventory} in use · _${escapeText(plan.longName)}_`,
  );
  return linesMessage(
    '*Calling plans* (code, name: in use of owned)',
    lines,
    `Set how many the account owns with ${code(escapeText('/phone plans set <plan> <count>'))}.`,
  );
}

export function reservedMessage(
  page: RunPage<{ extension: string; note: string | null }> & { total: number; before: number },
  more?: string,
): Message {
  const lines = page.runs.map(
    (run) =>
      `• ${runText(run, (row) => row.extension)}${run.first.note ? ` ${escapeText(run.first.note)}` : ''}`,
  );
  return withMore(
    linesMessage(
      `*Reserved extensions* (never assigned to anyone): ${page.total}`,
      lines,
      pageFooter(page, page.total, more),
    ),
    ACTIONS.reservedMore,
    more,
  );
}

export function adminsMessage(rows: AdminEntry[]): Message {
  const lines = rows.map(
    (row) => `• ${mention(row.slackUserId)}${row.fromConfig ? ' (from ADMIN_USER_IDS)' : ''}`,
  );
  return linesMessage('*Phone admins*', lines);
}
