import type { Person } from '../../domain/errors.ts';
import type { AssignResult, LicenseUsage } from '../../services/licenses.ts';
import type { ListPage } from '../../services/queries.ts';
import { escapeText, MRKDWN, mention, plural, showText, who } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { cardLine, personOfCard } from './card.ts';
import { groupByRequest, type HistoryEntry, predicate, slackTime } from './history-sentences.ts';
import { BLOCK_KIT } from './limits.ts';
import {
  context,
  type KnownBlock,
  linesMessage,
  type Message,
  plain,
  section,
  textLength,
} from './message.ts';

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

/** Text the history's groups may use, leaving room for the title, footer and More button (12,000 a message). */
const HISTORY_TEXT = 10_000;

/**
 * A history page: one section per request (its time in the reader's time zone, who made it, a sentence per
 * change), newest first. When older entries exist (`more`, or what did not fit Slack's limits), a More button
 * carries `cursor(oldest id shown)`.
 */
export function historyMessage(
  subject: Person | 'recent',
  entries: HistoryEntry[],
  more: boolean,
  cursor: (beforeId: number) => string,
): Message {
  const title = subject === 'recent' ? '*Recent changes*' : `*History of ${who(subject)}*`;
  if (entries.length === 0) return linesMessage(`${title}\nNo changes recorded.`, []);
  const blocks: KnownBlock[] = [section(title)];
  let budget = HISTORY_TEXT;
  let oldest: number | undefined;
  let cut = false;
  for (const group of groupByRequest(entries)) {
    const lines = group.entries.map((entry) => `• ${predicate(entry)}`);
    const block = section(`*${slackTime(group.at)}* · ${MRKDWN.actor(group.actor)}\n${lines.join('\n')}`);
    const length = textLength(block);
    if (blocks.length + 3 > BLOCK_KIT.messageBlocks || length > budget) {
      cut = true;
      break;
    }
    blocks.push(block);
    budget -= length;
    oldest = Math.min(...group.entries.map((entry) => entry.id));
  }
  blocks.push(context('Newest first, grouped by request. Times are in your time zone.'));
  if ((more || cut) && oldest !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ACTIONS.historyMore,
          text: { type: 'plain_text', text: 'More' },
          value: cursor(oldest),
        },
      ],
    });
  }
  return { text: plain(title), blocks };
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
