import { showInput } from '../format.ts';
import type { CommandForm } from './command.ts';
import {
  gapText,
  isStandaloneEntity,
  joinWords,
  type OptionToken,
  type Token,
  type WordToken,
} from './tokenize.ts';
import {
  dedupeUserRefs,
  looksLikePhoneNumber,
  looksLikeUserOrNumber,
  showWord,
  toUserRef,
  type UserRef,
} from './user-ref.ts';

/**
 * What a command's grammar is made of: reading users, options, numbers and text out of the words typed, and the
 * USAGE errors that name what is wrong and show the command's own example. A command's `parse` builds on these.
 */

/** `message` is mrkdwn, ready to post (what the person typed is escaped); `usage` is plain text, one line per form. */
export type UsageError = { code: 'USAGE'; message: string; usage: string };
export type Failure = { ok: false; error: UsageError };
export type Parsed<T> = { ok: true; value: T } | Failure;
/** What a command's `parse` gives: the command with its arguments, or what to type instead. */
export type Read<C> = { ok: true; command: C } | Failure;
/** A command's name (`plan.add`); a command's type checks the names its grammar gives. */
export type CommandName = string;
export type OptionKey =
  | 'site'
  | 'plan'
  | 'status'
  | 'code'
  | 'first'
  | 'line2'
  | 'operator'
  | 'country'
  | 'from'
  | 'at';

/**
 * Every command form's reference by name, filled once by the registry as it loads: errors quote a command's example
 * and usage lines, and an action word that fits no form lists the forms that share the first word.
 */
const reference: CommandForm[] = [];
const referenceByName = new Map<string, CommandForm>();

export function registerForms(forms: readonly CommandForm[]): void {
  for (const form of forms) {
    if (referenceByName.has(form.name)) throw new Error(`Two commands are called ${form.name}`);
    reference.push(form);
    referenceByName.set(form.name, form);
  }
}

/** Every form registered, in the registry's order. */
export function registeredForms(): readonly CommandForm[] {
  return reference;
}

export function commandDoc(name: CommandName): CommandForm {
  const doc = referenceByName.get(name);
  // Unreachable while every command is registered (a unit test checks it): a bug, so it throws.
  if (!doc) throw new Error(`The command reference has no entry for ${name}`);
  return doc;
}

/** The plain-text usage line of one command, e.g. `/phone ext <user> <extension>`. */
export function usageLine(name: CommandName): string {
  return `/phone ${commandDoc(name).syntax}`;
}

/** The usage lines of every command that starts with `word` (`plan` gives both plan lines), else a pointer to help. */
export function usageFor(word: string): string {
  const lines = formsStartingWith(word).map((doc) => `/phone ${doc.syntax}`);
  return lines.length > 0 ? lines.join('\n') : '/phone help';
}

function formsStartingWith(word: string): CommandForm[] {
  return reference.filter((doc) => doc.syntax.split(' ')[0] === word);
}

export const optionExamples: Record<OptionKey, string> = {
  site: 'site:Main',
  plan: 'plan:"US/CA Unlimited"',
  status: 'status:active',
  code: 'code:12',
  first: 'first:4100',
  line2: 'line2:"Suite 5"',
  operator: 'operator:@ada',
  country: 'country:GB',
  from: 'from:+14155550100',
  at: 'at:"mon 09:30"',
};
/** Site and plan names have spaces; an unquoted value of these keys takes the words after it (see readOptions). */
export const multiWordKeys: ReadonlySet<OptionKey> = new Set(['site', 'plan']);
export const rangeSeparator = /(\.{2,}|…)/;

/** The `status:` filter of `list` and `export`. */
export function readStatus(status: string, name: CommandName): Parsed<'active' | 'inactive'> {
  const lowered = status.toLowerCase();
  if (lowered === 'active' || lowered === 'inactive') return { ok: true, value: lowered };
  return fail(`\`status:\` is \`active\` or \`inactive\`, not ${showInput(status)}.`, name);
}

export function oneUser<N extends CommandName>(
  name: N,
  args: Token[],
  what = 'a user',
): Read<{ name: N; user: UserRef }> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return needs(name, what);
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (extra) {
    return toUserRef(extra).ok
      ? fail(`\`${label(name)}\` takes one user at a time; remove ${showWord(extra)}.`, name)
      : unexpected(name, extra);
  }
  return ok({ name, user: user.value });
}

export function oneExtension<N extends CommandName>(
  name: N,
  args: Token[],
): Read<{ name: N; extension: string }> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [extensionWord, extra] = rest.value;
  if (!extensionWord) return needs(name, 'an extension');
  if (isStandaloneEntity(extensionWord)) return unexpected(name, extensionWord);
  if (extra) return unexpected(name, extra);
  return ok({ name, extension: extensionWord.text });
}

/** A command that takes nothing (`me`, `sites`, `sync`); with `hasActions`, a word alone that also has actions (`plans`). */
export function bare<N extends CommandName>(name: N, args: Token[], hasActions = false): Read<{ name: N }> {
  const [extra] = args;
  if (!extra) return ok({ name });
  if (hasActions) return badAction(label(name), extra);
  return fail(
    `Unexpected ${showToken(extra)}: \`${label(name)}\` takes nothing else. Type \`${example(name)}\`.`,
    name,
  );
}

export function badAction(word: string, first: Token | undefined): Failure {
  const forms = formsStartingWith(word);
  const actions = forms
    .map((doc) => doc.syntax.split(' ')[1])
    .filter((action) => action && /^[a-z]+$/.test(action));
  const alone = forms.some((doc) => doc.syntax === word);
  const choices = or(actions.map((action) => `\`${action}\``));
  const needed = alone ? `is used alone or with ${choices}` : `needs ${choices}`;
  const not = first ? `, not ${showToken(first)}` : '';
  const sample = forms.find((doc) => doc.syntax !== word)?.example ?? `/phone ${word}`;
  const listSites = word === 'site' ? ' To list the sites, type `/phone sites`.' : '';
  return {
    ok: false,
    error: {
      code: 'USAGE',
      message: `\`${word}\` ${needed}${not}, e.g. \`${sample}\`.${listSites}`,
      usage: usageFor(word),
    },
  };
}

/**
 * Takes the options out of the arguments. A value may follow the colon or, if the colon ends the word, be the next
 * word (`site: Main`). An unquoted `site:` or `plan:` value goes on over the next words up to an option, a quoted
 * word, a word that names a person or a number (mention, email, `@name`, all digits, `+digits`), or one of
 * `stopWords`: `plan:US/CA Unlimited @ada` gives the plan `US/CA Unlimited`.
 */
export function readOptions<K extends OptionKey>(
  name: CommandName,
  args: Token[],
  allowed: readonly K[],
  stopWords: readonly string[] = [],
): Parsed<{ options: Partial<Record<K, string>>; rest: WordToken[] }> {
  const options: Partial<Record<K, string>> = {};
  const rest: WordToken[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index];
    if (!token) continue;
    if (token.kind === 'word') {
      rest.push(token);
      continue;
    }
    const key = allowed.find((candidate) => candidate === token.key);
    if (key === undefined) return unknownOption(name, token, allowed);
    if (options[key] !== undefined) return fail(`Option \`${key}:\` is given twice; give it once.`, name);
    let value = token.value;
    let quoted = token.quoted;
    const afterColon = args[index + 1];
    if (value === '' && !quoted && afterColon?.kind === 'word' && !isStandaloneEntity(afterColon)) {
      value = afterColon.text;
      quoted = afterColon.quoted;
      index += 1;
    }
    if (multiWordKeys.has(key) && !quoted) {
      for (let next = args[index + 1]; next?.kind === 'word'; next = args[index + 1]) {
        if (next.quoted || looksLikeUserOrNumber(next) || stopWords.includes(next.text.toLowerCase())) break;
        value += `${gapText(next.gapBefore)}${next.text}`;
        index += 1;
      }
    }
    value = value.trim();
    if (value === '') return fail(`\`${key}:\` needs a value, e.g. \`${optionExamples[key]}\`.`, name);
    options[key] = value;
  }
  return { ok: true, value: { options, rest } };
}

/** The words of a command that takes no options. */
export function positional(name: CommandName, args: Token[]): Parsed<WordToken[]> {
  const read = readOptions(name, args, []);
  return read.ok ? { ok: true, value: read.value.rest } : read;
}

export function unknownOption(name: CommandName, token: OptionToken, allowed: readonly OptionKey[]): Failure {
  const unknown = `Unknown option ${showInput(`${token.key}:`)}.`;
  const keys = allowed.map((key) => `\`${key}:\``);
  const [only] = keys;
  if (!only) return fail(`${unknown} \`${label(name)}\` takes no options, e.g. \`${example(name)}\`.`, name);
  if (keys.length === 1) return fail(`${unknown} The only option for ${label(name)} is ${only}.`, name);
  return fail(`${unknown} Options for ${label(name)} are ${and(keys)}.`, name);
}

export function readUsers(
  name: CommandName,
  words: readonly WordToken[],
  optionKeys: readonly OptionKey[] = [],
): Parsed<UserRef[]> {
  const refs: UserRef[] = [];
  for (const word of words) {
    const ref = readUser(name, word, optionKeys);
    if (!ref.ok) return ref;
    refs.push(ref.value);
  }
  return { ok: true, value: dedupeUserRefs(refs) };
}

export function readUser(
  name: CommandName,
  word: WordToken,
  optionKeys: readonly OptionKey[] = [],
): Parsed<UserRef> {
  const ref = toUserRef(word);
  if (ref.ok) return { ok: true, value: ref.ref };
  const forgotColon = optionKeys.find((key) => !word.quoted && word.text.toLowerCase() === key);
  if (forgotColon) {
    return fail(
      `${showWord(word)} is not a user. Did you mean \`${forgotColon}:\`? Write options with a colon, e.g. \`${optionExamples[forgotColon]}\`.`,
      name,
    );
  }
  return fail(ref.message, name);
}

/** A word that can be part of a number typed with spaces: `+1`, `(415)`, `555-0100`, `555.0100`. */
export const pieceOfNumber = (word: WordToken) =>
  !word.quoted && !isStandaloneEntity(word) && /^\+?[\d().\u2010-\u2014-]+$/.test(word.text);

/**
 * How many words from the start make up one number: a number typed with spaces (`+1 415 555 0100`,
 * `(415) 555-0100`) is glued back so the number rules judge it whole; words that are each a whole number
 * (seven digits or more) are separate numbers.
 */
export function numberWordCount(words: readonly WordToken[]): number {
  const [first] = words;
  if (!first || !pieceOfNumber(first)) return first ? 1 : 0;
  const whole = (word: WordToken) => (word.text.match(/\d/g)?.length ?? 0) >= 7;
  if (whole(first)) return 1;
  let end = 1;
  while (end < words.length && pieceOfNumber(words[end] as WordToken)) end++;
  return end;
}

/** A phone number, typed as one word or with spaces between its parts. */
export function readNumber(name: CommandName, words: readonly WordToken[]): Parsed<string> {
  const [first] = words;
  if (!first) return needs(name, 'a number');
  const end = numberWordCount(words);
  const number = joinWords(words.slice(0, end));
  if (isStandaloneEntity(first) || !looksLikePhoneNumber(number)) return notANumber(name, first);
  const extra = words[end];
  if (extra) return unexpected(name, extra);
  return { ok: true, value: end === 1 ? first.text : number };
}

export function notANumber(name: CommandName, what: WordToken | string): Failure {
  const shown = typeof what === 'string' ? showInput(what) : showWord(what);
  return fail(`${shown} is not a phone number. Type it like \`+14155550100\`.`, name);
}

/** Words that make up a name or a search: plain or quoted text, never a mention or a channel. */
export function textOf(name: CommandName, words: readonly WordToken[]): Parsed<string> {
  const mention = words.find(isStandaloneEntity);
  if (mention) return unexpected(name, mention);
  return { ok: true, value: joinWords(words).trim() };
}

/**
 * The count at the end of `plans set <plan> <count>` (or a licence total): the last word if it is a whole number.
 * A comma splits words, so `1,000` arrives as `1` and `000` and is glued back.
 */
export function trailingCount(
  words: readonly WordToken[],
): { before: WordToken[]; count: string } | undefined {
  let start = words.length - 1;
  const last = words[start];
  if (!last || !/^[+-]?\d+$/.test(last.text)) return undefined;
  for (;;) {
    const current = words[start];
    const previous = words[start - 1];
    const groupsDigits = current && /^\d{3}$/.test(current.text) && current.gapBefore === ',';
    if (!groupsDigits || !previous || !/^[+-]?\d{1,3}$/.test(previous.text)) break;
    start -= 1;
  }
  return { before: words.slice(0, start), count: joinWords(words.slice(start)) };
}

/** A bare, unquoted word in lower case: a command or action word. */
export function keyword(token: Token): string | undefined {
  if (token.kind !== 'word' || token.quoted || token.entity) return undefined;
  return token.text.toLowerCase();
}

export function showToken(token: Token): string {
  return token.kind === 'word' ? showWord(token) : showInput(`${token.key}:${token.value}`);
}

export function needs(name: CommandName, what: string): Failure {
  const failure = fail(`\`${label(name)}\` needs ${what}, e.g. \`${example(name)}\`.`, name);
  // `history` alone could be either form, so both usage lines help.
  if (name === 'history') failure.error.usage = usageFor('history');
  return failure;
}

export function unexpected(name: CommandName, token: Token): Failure {
  return fail(
    `Unexpected ${showToken(token)} in \`${label(name)}\`. Type it like \`${example(name)}\`.`,
    name,
  );
}

export function fail(message: string, name?: CommandName): Failure {
  return { ok: false, error: { code: 'USAGE', message, usage: name ? usageLine(name) : '/phone help' } };
}

export function ok<C>(command: C): Read<C> {
  return { ok: true, command };
}

export function label(name: CommandName): string {
  return name.replace('.', ' ');
}

export function example(name: CommandName): string {
  return commandDoc(name).example;
}

export function or(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function and(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
