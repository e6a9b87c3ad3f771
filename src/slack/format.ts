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
};

const SLACK_ID = /^[UW][A-Z0-9]{2,}$/;

export const MRKDWN: Style = {
  who,
  mention,
  actor: (actor) => (SLACK_ID.test(actor) ? mention(actor) : escapeText(actor)),
  code,
  escape: escapeText,
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
  };
}
