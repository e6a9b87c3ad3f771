import type { CommandForm } from '../../src/slack/commands/command.ts';
import { commandReference } from '../../src/slack/commands/registry.ts';

/** Longer than any one section may be (3,000), so a reply that echoes it whole is refused by Slack. */
export const OVERSIZED = 3_500;
/** Commands longer than about 10,000 characters are refused before they are parsed, so every case stays under. */
export const LONGEST_COMMAND = 9_500;

const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/**
 * Long values as Slack sends them in a command's text (a typed `&`, `<` or `>` arrives escaped), with mrkdwn
 * markup, backticks and an emoji outside the Basic Multilingual Plane, so that a cut in the wrong place shows.
 */
export const oversizedValues = (length = OVERSIZED): Record<string, string> => ({
  word: fill('Zoë&amp;Co&lt;b&gt;*_~`😀', length),
  quoted: `"${fill('New &amp; York &lt;HQ&gt; *Office* 😀 ', length - 2).trim()}"`,
  email: `${fill('ada.lovelace', length - 12)}@example.com`,
  digits: `+1${fill('4155550100', length - 2)}`,
});

/**
 * Windows of the long values' text as a reply would show it (unescaped markup re-escaped alike), at every offset
 * of their repeating unit: a reply holding one of them quoted a long value instead of shortening it.
 */
export function longRuns(window = 200): string[] {
  return Object.values(oversizedValues()).flatMap((value) => {
    const text = value.replace(/^"|"$/g, '');
    return Array.from({ length: 40 }, (_, offset) => text.slice(offset, offset + window));
  });
}

/** The example's people, as Slack sends a mention: the first is a phone user, the second is not yet. */
export type Mentions = { first: string; second: string };

/** The words of `/phone` that name the command (`queue member`, `history recent`), read from its syntax. */
function literalWords(doc: CommandForm): string[] {
  const words = doc.syntax.split(' ');
  const end = words.findIndex((word) => /[<[|…]/.test(word));
  return end === -1 ? words : words.slice(0, end);
}

/** The arguments of a command's example, a quoted value (`"New York"`, `site:"New York"`) being one. */
function exampleArguments(doc: CommandForm, mentions: Mentions): string[] {
  const prefix = `/phone ${literalWords(doc).join(' ')}`;
  const rest = doc.example.slice(prefix.length).trim();
  const words = rest.match(/[^\s"]*"[^"]*"\S*|\S+/g) ?? [];
  return words.map((word) => word.replace('@ada', mentions.first).replace('@grace', mentions.second));
}

const option = /^([A-Za-z][\w-]*[:=])(.+)$/;

/** Any argument may be a long word or quoted name; a long email stands for a person, long digits for a number. */
function fits(kind: string, example: string): boolean {
  if (kind === 'email') return example.startsWith('<@') || example.includes('@');
  if (kind === 'digits') return /^\+?\d/.test(example);
  return true;
}

export type OversizedCase = { doc: CommandForm; text: string; what: string };

/**
 * Every command of the reference, each time with one argument of its example replaced by a long value (of each
 * kind; an option keeps its key), with a long extra argument after it, and with every argument long at once.
 * A command added to the reference is covered without a change here.
 */
export function oversizedCases(mentions: Mentions): OversizedCase[] {
  const values = Object.entries(oversizedValues());
  return commandReference.flatMap((doc) => {
    const name = literalWords(doc).join(' ');
    const args = exampleArguments(doc, mentions);
    const command = (words: string[]) => [name, ...words].join(' ');
    const cases: OversizedCase[] = [];
    args.forEach((arg, position) => {
      const key = option.exec(arg)?.[1] ?? '';
      for (const [kind, value] of values.filter(([kind]) => fits(kind, arg.slice(key.length)))) {
        const replaced = args.map((other, i) => (i === position ? `${key}${value}` : other));
        cases.push({ doc, text: command(replaced), what: `a long ${kind} as argument ${position + 1}` });
      }
    });
    for (const [kind, value] of values) {
      cases.push({ doc, text: command([...args, value]), what: `a long ${kind} after the arguments` });
    }
    if (args.length > 1) {
      const each = Math.floor((LONGEST_COMMAND - name.length) / args.length) - 20;
      const long = oversizedValues(each);
      const every = args.map((arg) => `${option.exec(arg)?.[1] ?? ''}${long.quoted}`);
      cases.push({ doc, text: command(every), what: 'every argument long' });
    }
    return cases;
  });
}
