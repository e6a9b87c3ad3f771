import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

/** A message as the app sends it: blocks plus the plain-text fallback shown in notifications. */
export type Message = { text: string; blocks: KnownBlock[] };
export type { KnownBlock };

const SECTION_LIMIT = 2900;
const MESSAGE_BLOCK_LIMIT = 50;

export const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A section of plain text, for a note on top of a form: emoji codes show, markup and mentions do not. */
export const plainSection = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'plain_text', text: text.slice(0, 3000), emoji: true },
});

export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text }],
});

export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: text.length > 150 ? `${text.slice(0, 149)}…` : text },
});

/** One line of mrkdwn in a section. */
export const textMessage = (text: string): Message => ({ text: plain(text), blocks: [section(text)] });

/**
 * A summary followed by many lines, packed into as few sections as Slack's 3000-character limit allows, and
 * never more blocks than a message may hold (the rest is counted, not dropped silently).
 */
export function linesMessage(summary: string, lines: string[], footer?: string): Message {
  const blocks: KnownBlock[] = [section(summary)];
  const reserve = footer ? 2 : 1;
  let current = '';
  let shown = 0;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length > SECTION_LIMIT) {
      if (blocks.length >= MESSAGE_BLOCK_LIMIT - reserve) break;
      blocks.push(section(current));
      current = line.slice(0, SECTION_LIMIT);
    } else {
      current = next;
    }
    shown += 1;
  }
  if (current && blocks.length < MESSAGE_BLOCK_LIMIT - reserve) blocks.push(section(current));
  else if (current) shown -= current.split('\n').length;
  if (shown < lines.length) blocks.push(context(`…and ${lines.length - shown} more.`));
  if (footer) blocks.push(context(footer));
  return { text: plain(summary), blocks };
}

/** Notification text: mrkdwn markup removed, mentions kept (Slack renders them in notifications). */
export function plain(text: string): string {
  // Underscores go only where they mark italics, so emoji codes such as :white_check_mark: survive.
  const flat = text
    .replace(/[*`~]/g, '')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/\n+/g, ' ');
  return flat.length > 3000 ? `${flat.slice(0, 2999)}…` : flat;
}
