import { codePoint } from '../domain/characters.ts';
import type { Person } from '../domain/errors.ts';

/** Escapes the three characters Slack's mrkdwn treats as markup in text we did not write ourselves. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A person as Slack shows them: a mention when they have a chat account, else their name and email. */
export function who(person: Person): string {
  if (person.slackUserId) return `<@${person.slackUserId}>`;
  if (person.email && person.name !== person.email)
    return `${escapeText(person.name)} (${escapeText(person.email)})`;
  return escapeText(person.name || person.email);
}

export const mention = (slackUserId: string) => `<@${slackUserId}>`;

export const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** "a, b and c" */
export function listing(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Cuts text to fit a Slack field, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const HIDDEN = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Zl}\p{Zp}]/gu;

/**
 * Text a person typed, quoted back where a character they cannot see matters: every invisible or direction
 * control character is written as its code point (`[U+202E]`), so the message shows the text as it is stored and
 * cannot be reordered by it; long text is cut.
 */
export function visibleInput(text: string, max = 80): string {
  const marked = text.replace(HIDDEN, (char) => `[${codePoint(char)}]`);
  const chars = [...marked];
  return chars.length <= max ? marked : `${chars.slice(0, max - 1).join('')}…`;
}
