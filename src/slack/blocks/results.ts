import type { Person } from '../../domain/errors.ts';
import type { AssignResult, LicenseUsage } from '../../services/licenses.ts';
import type { ListPage } from '../../services/queries.ts';
import type { AuditRecord } from '../../store/audit.ts';
import { clip, code, escapeText, mention, plural, showText, who } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { cardLine, personOfCard } from './card.ts';
import { context, linesMessage, type Message, plain, section } from './message.ts';

export function assignedMessage(actor: string, result: AssignResult): Message {
  const plan = result.plan ? ` with ${escapeText(result.plan)}` : '';
  const summary = `${mention(actor)} gave phone licenses to ${plural(result.assigned.length, 'person', 'people')} in ${escapeText(result.site)}${plan}:`;
  return linesMessage(
    summary,
    result.assigned.map((card) => `• ${who(personOfCard(card))}: extension *${card.extension}*`),
  );
}

export function listMessage(page: ListPage, nextValue: string | undefined): Message {
  const filters = [
    page.query.site ? `site ${showText(page.query.site)}` : undefined,
    page.query.status ? page.query.status : undefined,
    page.query.plan ? `plan ${showText(page.query.plan)}` : undefined,
    page.query.search ? `matching “${showText(page.query.search)}”` : undefined,
  ].filter(Boolean);
  const scope = filters.length > 0 ? ` (${filters.join(', ')})` : '';
  if (page.cards.length === 0) return linesMessage(`No phone users${scope}.`, []);
  const message = linesMessage(`*Phone users${scope}*`, page.cards.map(cardLine));
  if (nextValue) {
    message.blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.listNext,
          text: { type: 'plain_text', text: 'Next' },
          value: nextValue,
        },
      ],
    });
  }
  return message;
}

const describe = (value: unknown): string => {
  if (value === null || value === undefined) return '—';
  return clip(JSON.stringify(value), 300);
};

export function historyMessage(subject: Person | 'recent', entries: AuditRecord[]): Message {
  const title = subject === 'recent' ? '*Recent changes*' : `*History of ${who(subject)}*`;
  if (entries.length === 0) return linesMessage(`${title}\nNo changes recorded.`, []);
  const lines = entries.map((entry) => {
    const when = entry.at.toISOString().replace('T', ' ').slice(0, 16);
    const target = subject === 'recent' ? ` ${showText(entry.targetLabel)}:` : '';
    const actor = /^[UW][A-Z0-9]+$/.test(entry.actor) ? mention(entry.actor) : escapeText(entry.actor);
    return `• ${when} UTC, ${actor}, ${code(entry.action)}${target} ${escapeText(describe(entry.before))} → ${escapeText(describe(entry.after))}`;
  });
  return linesMessage(title, lines, 'Newest first. Times are UTC.');
}

export function licensesMessage(usage: LicenseUsage, actor?: string): Message {
  const line = `${usage.used} of ${usage.total} phone licenses in use (${usage.active} active, ${usage.inactive} inactive); ${usage.free} free.`;
  return actor
    ? {
        text: `License total set to ${usage.total}`,
        blocks: [
          section(`${mention(actor)} set the purchased license total to *${usage.total}*.`),
          context(line),
        ],
      }
    : { text: line, blocks: [section(`*Phone licenses*\n${line}`)] };
}

/** A change posted to the channel; the fallback (notifications, screen readers) names who made it too. */
export const changeLine = (actor: string, what: string): Message => ({
  text: plain(`${mention(actor)} ${what}`),
  blocks: [section(`${mention(actor)} ${what}`)],
});
