import { codePoint } from '../domain/characters.ts';
import type { AdminsNamed, Person } from '../domain/errors.ts';

/** Escapes the three characters Slack's mrkdwn treats as markup in text we did not write ourselves. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A person as Slack shows them: a mention when they have a chat account, else their name and email. */
export function who(person: Person): string {
  if (person.slackUserId) return `<@${person.slackUserId}>`;
  if (person.email && person.name !== person.email)
    return `${showText(person.name)} (${showText(person.email)})`;
  return showText(person.name || person.email);
}

export const mention = (slackUserId: string) => `<@${slackUserId}>`;

/** A moment as the app shows one: "2026-12-06 03:24 UTC". */
export const utcMinute = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** "a, b and c" */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "a, b and c", or the first `max` and how many more, so that a long list of names keeps a reply short. */
export function someOf(items: string[], max = 20): string {
  if (items.length <= max) return listing(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How much of a value someone typed is quoted back: enough to recognise it, and any valid name (64) whole. */
export const QUOTED_LENGTH = 80;

/**
 * Cuts plain text to at most `max` characters (as Slack counts them, in UTF-16 units), marking the cut with `…`;
 * never splits an emoji or another character outside the Basic Multilingual Plane.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Cuts mrkdwn to at most `max` characters, marking the cut with `…`: at a line break or a space when one is near,
 * and never inside an escape (`&amp;`), Slack markup (`<@U123>`, `<https://…|label>`) or an emoji's surrogate pair,
 * so what is left is still valid mrkdwn.
 */
export function clipMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const line = text.lastIndexOf('\n', end);
  const space = text.lastIndexOf(' ', end);
  if (line > end * 0.75) end = line;
  else if (space > end * 0.9) end = space;
  // The app escapes every `<`, `>` and `&` it did not write as markup, so these start markup or an escape.
  const open = text.lastIndexOf('<', end - 1);
  if (open > text.lastIndexOf('>', end - 1)) end = open;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp !== -1 && !text.slice(amp, end).includes(';')) end = amp;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * What a person typed, quoted back as inline code: shortened, on one line, without backticks (which would end the
 * code span), with characters nobody can see written as code points, and escaped for mrkdwn. Takes unescaped text;
 * shortening comes before escaping, so no escape is cut.
 */
export function showInput(text: string, max = QUOTED_LENGTH): string {
  const short = clip(markInvisible(oneLine(head(text, max))), max).replace(/`/g, "'");
  return `\`${escapeText(short.trim() === '' ? '""' : short)}\``;
}

/** A name or other text a person typed, shown within a sentence: shortened, on one line, escaped for mrkdwn. */
export function showText(text: string, max = QUOTED_LENGTH): string {
  return escapeText(clip(markInvisible(oneLine(head(text, max))), max));
}

/** Enough of `text` to show `max` characters of it and the mark of a cut: a long word costs no more than a short. */
function head(text: string, max: number): string {
  return text.length > max + 1 ? text.slice(0, max + 1) : text;
}

function oneLine(text: string): string {
  return Array.from(text, (char) => (isControl(char) ? ' ' : char)).join('');
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Zl}\p{Zp}]/gu;
/** Zero-width spaces and joiners but the emoji joiner, soft hyphen, BOM, direction controls, line separators. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * Invisible and direction-control characters as their code points, so a quote cannot hide or reorder text; the
 * joiners and variation selectors of emoji are left alone.
 */
export function markInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => `[${codePoint(char)}]`);
}

/**
 * Text a person typed, quoted back where a character they cannot see matters: every invisible, direction control or
 * control character is written as its code point (`[U+202E]`), so the message shows the text as it is stored and
 * cannot be reordered by it; long text is cut.
 */
export function visibleInput(text: string, max = QUOTED_LENGTH): string {
  return clip(
    text.replace(HIDDEN, (char) => `[${codePoint(char)}]`),
    max,
  );
}

/**
 * How a reply writes people, code and what someone typed. Messages use Slack's mrkdwn; a modal's inline errors
 * and notes are plain text, where Slack shows `<@U…>` and backticks as typed, so there people are named.
 */
export type Style = {
  who(person: Person): string;
  mention(slackUserId: string): string;
  /** Who made a change: the audit log's actor, a Slack id or the name of a process (`csv import`). */
  actor(actor: string): string;
  code(text: string): string;
  /** Text someone typed, made safe to show. */
  escape(text: string): string;
  /** What someone typed, quoted back: shortened to `max`, on one line, its invisible characters shown. */
  input(text: string, max?: number): string;
  /** A name or other text someone typed, within a sentence: shortened the same way. */
  text(text: string, max?: number): string;
};

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;

export const MRKDWN: Style = {
  who,
  mention,
  actor: (actor) => (SLACK_ID.test(actor) ? mention(actor) : escapeText(actor)),
  code,
  escape: escapeText,
  input: showInput,
  text: showText,
};

/**
 * Plain text for forms. `names` holds the names Slack gave for ids the error carries without one; anyone else is
 * "that person". Mentions, channels and broadcasts someone typed are shown as Slack would show them.
 */
export function plainStyle(names: ReadonlyMap<string, string> = new Map()): Style {
  const named = (slackUserId: string) => names.get(slackUserId) ?? 'that person';
  const asTyped = (text: string) =>
    text
      .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, label?: string) =>
        names.has(id) || !label ? named(id) : label,
      )
      .replace(/<#C[A-Z0-9]+(?:\|([^>]*))?>/g, (_, label?: string) => `#${label || 'a channel'}`)
      .replace(
        /<!(\w+)(?:\^[A-Z0-9]+)?(?:\|([^>]*))?>/g,
        (_, word: string, label?: string) => label || `@${word}`,
      );
  return {
    who(person) {
      if (person.slackUserId && (names.has(person.slackUserId) || person.name.startsWith('<@'))) {
        return named(person.slackUserId);
      }
      if (person.email && person.name !== person.email && !person.slackUserId) {
        return `${asTyped(person.name)} (${person.email})`;
      }
      return asTyped(person.name || person.email);
    },
    mention: named,
    actor: (actor) => (SLACK_ID.test(actor) ? (names.get(actor) ?? 'someone else') : asTyped(actor)),
    code: (text) => asTyped(text),
    escape: asTyped,
    input: (text, max = QUOTED_LENGTH) => asTyped(clip(markInvisible(oneLine(text)), max)),
    text: (text, max = QUOTED_LENGTH) => asTyped(clip(markInvisible(oneLine(text)), max)),
  };
}

/**
 * The phone admins a person who is no admin can ask, by mention (`@ada, @bob or @eve`, `@ada or one of 3 more`),
 * or "a phone admin" when none is known yet: never a command they could not run.
 */
export function adminNames(admins: AdminsNamed | undefined, s: Style = MRKDWN): string {
  if (!admins || admins.first.length === 0) return 'a phone admin';
  const named = admins.first.map(s.mention);
  const more = admins.total - named.length;
  if (more > 0) return `${named.join(', ')} or one of ${more} more`;
  return named.length === 1 ? (named[0] as string) : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}
