import type { types } from '@slack/bolt';
import { clip, clipMrkdwn } from '../format.ts';
import { BLOCK_KIT } from './limits.ts';

type KnownBlock = types.KnownBlock;

/** A message as the app sends it: blocks plus the plain-text fallback shown in notifications. */
export type Message = { text: string; blocks: KnownBlock[] };
export type { KnownBlock };

/** Text the lines of a message leave for what callers add under them: a button, its confirmation dialog. */
const RESERVED_TEXT = 600;

export const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clipMrkdwn(text, BLOCK_KIT.sectionText) },
});

/** A section of plain text, for a note on top of a form: emoji codes show, markup and mentions do not. */
export const plainSection = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'plain_text', text: text.slice(0, 3000), emoji: true },
});

export const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clipMrkdwn(text, BLOCK_KIT.contextText) }],
});

export const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, BLOCK_KIT.headerText) },
});

/** One line of mrkdwn in a section. */
export const textMessage = (text: string): Message => ({ text: plain(text), blocks: [section(text)] });

/**
 * A summary followed by many lines, packed into as few sections as Slack's 3000-character limit allows, within the
 * blocks and the text a message may hold, with room for one row of buttons under them. Lines that do not fit are
 * counted in a note, not dropped silently.
 */
export function linesMessage(summary: string, lines: string[], footer?: string): Message {
  const head = section(summary);
  const tail = footer ? [context(footer)] : [];
  // The summary, the "…and N more" note, the footer and a row of buttons take a block each.
  const maxSections = BLOCK_KIT.messageBlocks - 3 - tail.length;
  let budget = BLOCK_KIT.messageBlocksText - textLength([head, ...tail]) - RESERVED_TEXT;
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const whole of lines) {
    const line = clipMrkdwn(whole, BLOCK_KIT.sectionText);
    if (line.length + 1 > budget) break;
    if (current !== '' && current.length + 1 + line.length > BLOCK_KIT.sectionText) {
      if (sections.length + 2 > maxSections) break;
      sections.push(current);
      current = line;
    } else {
      current = current === '' ? line : `${current}\n${line}`;
    }
    budget -= line.length + 1;
    shown += 1;
  }
  if (current !== '') sections.push(current);
  const more = shown < lines.length ? [context(`…and ${lines.length - shown} more.`)] : [];
  return { text: plain(summary), blocks: [head, ...sections.map(section), ...more, ...tail] };
}

/** The characters of text in blocks, as Slack adds them up for `msg_blocks_too_long`. */
export function textLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (sum, [key, child]) =>
      sum + (key === 'text' && typeof child === 'string' ? child.length : textLength(child)),
    0,
  );
}

/** Notification text: mrkdwn markup removed, mentions kept (Slack renders them in notifications). */
export function plain(text: string): string {
  // Underscores go only where they mark italics, so emoji codes such as :white_check_mark: survive.
  const flat = text
    .replace(/[*`~]/g, '')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
    .replace(/\n+/g, ' ');
  return clip(flat, BLOCK_KIT.fallbackText);
}
