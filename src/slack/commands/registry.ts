import { MAX_COMMAND_TEXT_LENGTH } from '../../domain/people.ts';
import type { Outcome } from '../outcome.ts';
import * as account from './account.ts';
import * as audio from './audio.ts';
import * as callHandling from './call-handling.ts';
import type { AnyCommand, Command, CommandForm } from './command.ts';
import type { HandlerContext } from './context.ts';
import {
  badAction,
  type Failure,
  fail,
  keyword,
  registerForms,
  showToken,
  type UsageError,
  usageFor,
} from './grammar.ts';
import * as help from './help.ts';
import * as imports from './imports.ts';
import * as people from './people.ts';
import * as phoneSync from './phone-sync.ts';
import * as phoneUser from './phone-user.ts';
import * as placesAndDevices from './places-and-devices.ts';
import * as routing from './routing.ts';
import * as settings from './settings.ts';
import * as sip from './sip.ts';
import { type Token, tokenize } from './tokenize.ts';
import { showWord, toUserRef } from './user-ref.ts';

export type { UserRef } from './user-ref.ts';

/** Every `/phone` command, family by family, in the order help lists them within each section. */
const families = [
  help.commands,
  people.commands,
  phoneUser.commands,
  imports.commands,
  audio.commands,
  settings.commands,
  callHandling.commands,
  routing.commands,
  account.commands,
  placesAndDevices.commands,
  phoneSync.commands,
  sip.commands,
] as const;

type CommandOf<T> = T extends Command<infer C> ? C : never;

/** A parsed command: the union of what every command's grammar gives, each with its `name`. */
export type PhoneCommand = CommandOf<(typeof families)[number][number]>;

export type ParseResult = { ok: true; command: PhoneCommand } | { ok: false; error: UsageError };

export const commands: readonly AnyCommand[] = families.flat() as readonly AnyCommand[];

/** Every form of every command, as help and the README show them. */
export const commandReference: readonly CommandForm[] = commands.flatMap(
  ({ name, syntax, description, example, audience, section, also }) => [
    { name, syntax, description, example, audience, section },
    ...(also ?? []),
  ],
);
registerForms(commandReference);

const byName = new Map(
  commands.flatMap((command) =>
    [command, ...(command.also ?? [])].map((form) => [form.name, command] as const),
  ),
);
const byFirstWord = new Map<string, AnyCommand[]>();
for (const command of commands) {
  const [first] = command.words;
  if (first === undefined) throw new Error(`${command.name} has no command word in its syntax`);
  byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), command]);
}

/** The command a parsed command belongs to (`address.site-default` is a form of `address`). */
export function commandOf(name: PhoneCommand['name']): AnyCommand {
  const command = byName.get(name);
  if (!command) throw new Error(`No command is called ${name}`);
  return command;
}

/** Runs a parsed command: the one place a name meets its handler. */
export function runCommand(ctx: HandlerContext, command: PhoneCommand): Promise<Outcome> {
  return commandOf(command.name).run(ctx, command);
}

/**
 * Parses the text of `/phone` as Slack sends it with `should_escape` on. Pure, and never throws: anything it cannot
 * read becomes a USAGE error that says what is wrong and what to type instead. The first word picks the commands
 * that start with it; a second word that is one of their actions (`plan add`) picks that one, else the command that
 * is the word alone (`numbers`), else the error lists the actions.
 */
export function parseCommand(text: string): ParseResult {
  if (text.length > MAX_COMMAND_TEXT_LENGTH) return tooLong(text);
  const tokenized = tokenize(text);
  if (!tokenized.ok)
    return { ok: false, error: { code: 'USAGE', message: tokenized.message, usage: usageOfFirstWord(text) } };
  const [head, ...args] = tokenized.tokens;
  if (!head) return { ok: true, command: { name: 'help' } };
  const word = keyword(head);
  const candidates = word === undefined ? undefined : byFirstWord.get(word);
  if (!word || !candidates) return unknownCommand(head);
  const [first, ...rest] = args;
  const action = first && keyword(first);
  const withAction =
    action === undefined ? undefined : candidates.find((command) => command.words[1] === action);
  if (withAction) return withAction.parse(rest) as ParseResult;
  const alone = candidates.find((command) => command.words.length === 1);
  if (alone) return alone.parse(args) as ParseResult;
  return badAction(word, first);
}

function tooLong(text: string): Failure {
  return fail(
    `This command is ${count(text.length)} characters long; a command may be at most ${count(MAX_COMMAND_TEXT_LENGTH)}. Split it into several commands, or for many people at once use a CSV import (\`/phone import\` explains how).`,
  );
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownCommand(head: Token): Failure {
  if (head.kind === 'word' && toUserRef(head).ok) {
    return fail(
      `\`/phone\` starts with a command, not ${showWord(head)}. To see a person's card, type \`/phone show @ada\`; \`/phone help\` lists every command.`,
    );
  }
  const word = keyword(head);
  const suggestion = word === undefined ? undefined : closestCommand(word);
  const didYouMean = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
  return fail(`Unknown command ${showToken(head)}.${didYouMean} Type \`/phone help\` to see every command.`);
}

function closestCommand(word: string): string | undefined {
  if (word.length > 20) return undefined;
  let best: { command: string; distance: number } | undefined;
  for (const command of byFirstWord.keys()) {
    const distance = editDistance(word, command);
    if (distance <= 2 && distance < word.length && (!best || distance < best.distance))
      best = { command, distance };
  }
  return best?.command;
}

/** For an error found before the words are known (an unclosed quote): the usage of the command it starts with. */
function usageOfFirstWord(text: string): string {
  const first =
    text
      .trim()
      .split(/[\s,]+/)[0]
      ?.toLowerCase() ?? '';
  return byFirstWord.has(first) ? usageFor(first) : '/phone help';
}
