import {
  gapText,
  isStandaloneEntity,
  joinWords,
  type OptionToken,
  type Token,
  tokenize,
  type WordToken,
} from './tokenize.ts';
import { type CommandName, commandDoc, commandReference, showInput, usageFor, usageLine } from './usage.ts';
import {
  dedupeUserRefs,
  isEmail,
  looksLikePhoneNumber,
  looksLikeUserOrNumber,
  showWord,
  toUserRef,
  type UserRef,
} from './user-ref.ts';

export type { UserRef } from './user-ref.ts';

export type PhoneCommand =
  | { name: 'help' }
  | { name: 'me' }
  | { name: 'assign'; users: UserRef[]; site?: string; plan?: string }
  | { name: 'remove'; users: UserRef[] }
  | { name: 'show'; user: UserRef }
  | { name: 'list'; site?: string; status?: 'active' | 'inactive'; plan?: string; search?: string }
  | { name: 'ext'; user: UserRef; extension: string }
  | { name: 'plan.add'; user: UserRef; plan: string }
  | { name: 'plan.remove'; user: UserRef; plan?: string }
  | { name: 'number.add'; user: UserRef; number?: string }
  | { name: 'number.remove'; user: UserRef; number?: string }
  | { name: 'move'; user: UserRef; site: string }
  | { name: 'deactivate'; user: UserRef }
  | { name: 'activate'; user: UserRef }
  | { name: 'user.add'; email: string; firstName: string; lastName: string }
  | { name: 'history'; user: UserRef }
  | { name: 'history.recent' }
  | { name: 'licenses'; total?: string }
  | { name: 'sites' }
  | { name: 'site.add'; siteName: string; code?: string; first?: string }
  | { name: 'site.edit'; siteName: string; code?: string; first?: string }
  | { name: 'sitecodes'; enabled: boolean }
  | { name: 'numbers'; free: boolean; site?: string }
  | { name: 'numbers.add'; from: string; to?: string; site?: string }
  | { name: 'numbers.remove'; number: string }
  | { name: 'plans' }
  | { name: 'plans.set'; plan: string; count: string }
  | { name: 'reserved' }
  | { name: 'reserved.add'; extension: string }
  | { name: 'reserved.remove'; extension: string }
  | { name: 'admins' }
  | { name: 'admins.add'; user: UserRef }
  | { name: 'admins.remove'; user: UserRef };

/** `message` is mrkdwn, ready to post (what the person typed is escaped); `usage` is plain text, one line per form. */
export type UsageError = { code: 'USAGE'; message: string; usage: string };
export type ParseResult = { ok: true; command: PhoneCommand } | { ok: false; error: UsageError };

/**
 * Parses the text of `/phone` as Slack sends it with `should_escape` on. Pure, and never throws: anything it cannot
 * read becomes a USAGE error that says what is wrong and what to type instead.
 */
export function parseCommand(text: string): ParseResult {
  const tokenized = tokenize(text);
  if (!tokenized.ok)
    return { ok: false, error: { code: 'USAGE', message: tokenized.message, usage: usageOfFirstWord(text) } };
  const [head, ...args] = tokenized.tokens;
  if (!head) return ok({ name: 'help' });
  const word = keyword(head);
  const handler = word === undefined ? undefined : commands.get(word);
  return handler ? handler(args) : unknownCommand(head);
}

type Failure = { ok: false; error: UsageError };
type Parsed<T> = { ok: true; value: T } | Failure;
type Handler = (args: Token[]) => ParseResult;
type OptionKey = 'site' | 'plan' | 'status' | 'code' | 'first';

const optionExamples: Record<OptionKey, string> = {
  site: 'site:Main',
  plan: 'plan:"US/CA Unlimited"',
  status: 'status:active',
  code: 'code:12',
  first: 'first:4100',
};
/** Site and plan names have spaces; an unquoted value of these keys takes the words after it (see readOptions). */
const multiWordKeys: ReadonlySet<OptionKey> = new Set(['site', 'plan']);
const rangeSeparator = /(\.{2,}|…)/;

const commands: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['help', () => ok({ name: 'help' })],
  ['me', (args) => bare('me', args)],
  ['assign', parseAssign],
  ['remove', parseRemove],
  ['show', (args) => oneUser('show', args)],
  ['list', parseList],
  ['ext', parseExt],
  ['plan', group('plan', { add: parsePlanAdd, remove: parsePlanRemove })],
  [
    'number',
    group('number', {
      add: (args) => parseUserNumber('number.add', args),
      remove: (args) => parseUserNumber('number.remove', args),
    }),
  ],
  ['move', parseMove],
  ['deactivate', (args) => oneUser('deactivate', args)],
  ['activate', (args) => oneUser('activate', args)],
  ['user', group('user', { add: parseUserAdd })],
  [
    'history',
    group('history', { recent: (args) => bare('history.recent', args) }, (args) =>
      oneUser('history', args, 'a user, or `recent`'),
    ),
  ],
  ['licenses', parseLicenses],
  ['sites', (args) => bare('sites', args)],
  ['site', group('site', { add: parseSiteAdd, edit: parseSiteEdit })],
  ['sitecodes', parseSiteCodes],
  ['numbers', group('numbers', { add: parseNumbersAdd, remove: parseNumbersRemove }, parseNumbers)],
  ['plans', group('plans', { set: parsePlansSet }, (args) => bare('plans', args, true))],
  [
    'reserved',
    group(
      'reserved',
      {
        add: (args) => oneExtension('reserved.add', args),
        remove: (args) => oneExtension('reserved.remove', args),
      },
      (args) => bare('reserved', args, true),
    ),
  ],
  [
    'admins',
    group(
      'admins',
      { add: (args) => oneUser('admins.add', args), remove: (args) => oneUser('admins.remove', args) },
      (args) => bare('admins', args, true),
    ),
  ],
]);

function parseAssign(args: Token[]): ParseResult {
  const read = readOptions('assign', args, ['site', 'plan']);
  if (!read.ok) return read;
  const users = readUsers('assign', read.value.rest, ['site', 'plan']);
  if (!users.ok) return users;
  return ok({ name: 'assign', users: users.value, ...read.value.options });
}

function parseRemove(args: Token[]): ParseResult {
  const read = readOptions('remove', args, []);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('remove', 'at least one user');
  const users = readUsers('remove', read.value.rest);
  if (!users.ok) return users;
  return ok({ name: 'remove', users: users.value });
}

function parseList(args: Token[]): ParseResult {
  const read = readOptions('list', args, ['site', 'status', 'plan']);
  if (!read.ok) return read;
  const { status, ...options } = read.value.options;
  const command: Extract<PhoneCommand, { name: 'list' }> = { name: 'list', ...options };
  if (status !== undefined) {
    const lowered = status.toLowerCase();
    if (lowered !== 'active' && lowered !== 'inactive') {
      return fail(`\`status:\` is \`active\` or \`inactive\`, not ${showInput(status)}.`, 'list');
    }
    command.status = lowered;
  }
  const { rest } = read.value;
  const mention = rest.find((word) => word.entity?.kind === 'user');
  if (mention) {
    return fail(`\`list\` searches by text. To see one person's card, type \`/phone show @ada\`.`, 'list');
  }
  const search = textOf('list', rest);
  if (!search.ok) return search;
  if (search.value !== '') command.search = search.value;
  return ok(command);
}

function parseExt(args: Token[]): ParseResult {
  const rest = positional('ext', args);
  if (!rest.ok) return rest;
  const [userWord, extensionWord, extra] = rest.value;
  if (!userWord || !extensionWord) return needs('ext', 'a user and an extension');
  const user = readUser('ext', userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(extensionWord)) return unexpected('ext', extensionWord);
  if (extra) return unexpected('ext', extra);
  return ok({ name: 'ext', user: user.value, extension: extensionWord.text });
}

function parsePlanAdd(args: Token[]): ParseResult {
  const rest = positional('plan.add', args);
  if (!rest.ok) return rest;
  const [userWord, ...planWords] = rest.value;
  if (!userWord || planWords.length === 0) return needs('plan.add', 'a user and a plan');
  const user = readUser('plan.add', userWord);
  if (!user.ok) return user;
  const plan = textOf('plan.add', planWords);
  if (!plan.ok) return plan;
  return ok({ name: 'plan.add', user: user.value, plan: plan.value });
}

function parsePlanRemove(args: Token[]): ParseResult {
  const rest = positional('plan.remove', args);
  if (!rest.ok) return rest;
  const [userWord, ...planWords] = rest.value;
  if (!userWord) return needs('plan.remove', 'a user');
  const user = readUser('plan.remove', userWord);
  if (!user.ok) return user;
  const plan = textOf('plan.remove', planWords);
  if (!plan.ok) return plan;
  return ok({ name: 'plan.remove', user: user.value, ...(plan.value === '' ? {} : { plan: plan.value }) });
}

function parseUserNumber(name: 'number.add' | 'number.remove', args: Token[]): ParseResult {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, ...numberWords] = rest.value;
  if (!userWord) return needs(name, 'a user');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (numberWords.length === 0) return ok({ name, user: user.value });
  const number = readNumber(name, numberWords);
  if (!number.ok) return number;
  return ok({ name, user: user.value, number: number.value });
}

function parseMove(args: Token[]): ParseResult {
  const read = readOptions('move', args, ['site']);
  if (!read.ok) return read;
  const [userWord, extra] = read.value.rest;
  const { site } = read.value.options;
  if (!userWord) return needs('move', 'a user and `site:`');
  if (site === undefined) return needs('move', 'the site as `site:`');
  const user = readUser('move', userWord, ['site']);
  if (!user.ok) return user;
  if (extra) return unexpected('move', extra);
  return ok({ name: 'move', user: user.value, site });
}

function parseUserAdd(args: Token[]): ParseResult {
  const rest = positional('user.add', args);
  if (!rest.ok) return rest;
  const [emailWord, firstWord, lastWord, extra] = rest.value;
  if (!emailWord || !firstWord || !lastWord)
    return needs('user.add', 'an email, a first name and a last name');
  if (isStandaloneEntity(emailWord) || !isEmail(emailWord.text)) {
    return fail(
      `${showWord(emailWord)} is not an email address. \`user add\` starts with the person's email, e.g. \`${example('user.add')}\`.`,
      'user.add',
    );
  }
  if (extra) {
    return fail(
      `Too many words after the email. Quote a first or last name that has spaces, e.g. \`/phone user add ada@example.com "Ada Mary" Lovelace\`.`,
      'user.add',
    );
  }
  for (const word of [firstWord, lastWord]) {
    if (isStandaloneEntity(word)) return unexpected('user.add', word);
  }
  return ok({ name: 'user.add', email: emailWord.text, firstName: firstWord.text, lastName: lastWord.text });
}

function parseLicenses(args: Token[]): ParseResult {
  const rest = positional('licenses', args);
  if (!rest.ok) return rest;
  const words = rest.value;
  const [first, second] = words;
  if (!first) return ok({ name: 'licenses' });
  if (isStandaloneEntity(first)) return unexpected('licenses', first);
  if (!second) return ok({ name: 'licenses', total: first.text });
  const count = trailingCount(words);
  if (count && count.before.length === 0) return ok({ name: 'licenses', total: count.count });
  return unexpected('licenses', second);
}

function parseSiteEdit(args: Token[]): ParseResult {
  const read = readOptions('site.edit', args, ['code', 'first']);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('site.edit', 'a site name');
  const { code, first } = read.value.options;
  if (code === undefined && first === undefined) return needs('site.edit', '`code:` or `first:` (or both)');
  const siteName = textOf('site.edit', read.value.rest);
  if (!siteName.ok) return siteName;
  return ok({ name: 'site.edit', siteName: siteName.value, ...read.value.options });
}

function parseSiteAdd(args: Token[]): ParseResult {
  const read = readOptions('site.add', args, ['code', 'first']);
  if (!read.ok) return read;
  if (read.value.rest.length === 0) return needs('site.add', 'a site name');
  const siteName = textOf('site.add', read.value.rest);
  if (!siteName.ok) return siteName;
  return ok({ name: 'site.add', siteName: siteName.value, ...read.value.options });
}

function parseSiteCodes(args: Token[]): ParseResult {
  const rest = positional('sitecodes', args);
  if (!rest.ok) return rest;
  const [switchWord, extra] = rest.value;
  const value = switchWord && keyword(switchWord);
  if (!switchWord || (value !== 'on' && value !== 'off')) {
    const not = switchWord ? `, not ${showWord(switchWord)}` : '';
    return fail(
      `\`sitecodes\` needs \`on\` or \`off\`${not}, e.g. \`${example('sitecodes')}\`.`,
      'sitecodes',
    );
  }
  if (extra) return unexpected('sitecodes', extra);
  return ok({ name: 'sitecodes', enabled: value === 'on' });
}

function parseNumbers(args: Token[]): ParseResult {
  const read = readOptions('numbers', args, ['site'], ['free']);
  if (!read.ok) return read;
  let free = false;
  for (const word of read.value.rest) {
    if (keyword(word) !== 'free' || free) return unexpected('numbers', word);
    free = true;
  }
  return ok({ name: 'numbers', free, ...read.value.options });
}

function parseNumbersAdd(args: Token[]): ParseResult {
  const read = readOptions('numbers.add', args, ['site']);
  if (!read.ok) return read;
  const { rest } = read.value;
  if (rest.length === 0) return needs('numbers.add', 'a number or a range');
  const pieces = rangePieces(rest);
  const ends = pieces.filter((piece): piece is RangeEnd => piece !== 'separator');
  const [from, to] = ends;
  const shaped =
    (pieces.length === 1 && ends.length === 1) ||
    (pieces.length === 3 && pieces[1] === 'separator' && ends.length === 2);
  if (!from || !shaped) {
    const number = pieces.includes('separator') ? undefined : readNumber('numbers.add', rest);
    if (number && !number.ok) return number;
    return fail('A range is two numbers joined by `..`, e.g. `+14155550100..+14155550199`.', 'numbers.add');
  }
  const wrong = ends.find((end) => isStandaloneEntity(end.word) || !looksLikePhoneNumber(end.text));
  if (wrong) return notANumber('numbers.add', isStandaloneEntity(wrong.word) ? wrong.word : wrong.text);
  return ok({ name: 'numbers.add', from: from.text, ...(to ? { to: to.text } : {}), ...read.value.options });
}

type RangeEnd = { word: WordToken; text: string };

/** `+1..+2`, `+1 .. +2` and `+1…+2` all read as: a number, the range separator, a number. */
function rangePieces(words: readonly WordToken[]): Array<RangeEnd | 'separator'> {
  return words.flatMap((word) => {
    if (isStandaloneEntity(word)) return [{ word, text: word.text }];
    return word.text
      .split(rangeSeparator)
      .map((piece) => piece.trim())
      .filter((piece) => piece !== '')
      .map((piece) => (rangeSeparator.test(piece) ? ('separator' as const) : { word, text: piece }));
  });
}

function parseNumbersRemove(args: Token[]): ParseResult {
  const rest = positional('numbers.remove', args);
  if (!rest.ok) return rest;
  if (rest.value.length === 0) return needs('numbers.remove', 'a number');
  const number = readNumber('numbers.remove', rest.value);
  if (!number.ok) return number;
  return ok({ name: 'numbers.remove', number: number.value });
}

function parsePlansSet(args: Token[]): ParseResult {
  const rest = positional('plans.set', args);
  if (!rest.ok) return rest;
  const count = trailingCount(rest.value);
  if (!count || count.before.length === 0) return needs('plans.set', 'a plan and then a count');
  const plan = textOf('plans.set', count.before);
  if (!plan.ok) return plan;
  return ok({ name: 'plans.set', plan: plan.value, count: count.count });
}

function oneUser(
  name: 'show' | 'deactivate' | 'activate' | 'history' | 'admins.add' | 'admins.remove',
  args: Token[],
  what = 'a user',
): ParseResult {
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

function oneExtension(name: 'reserved.add' | 'reserved.remove', args: Token[]): ParseResult {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [extensionWord, extra] = rest.value;
  if (!extensionWord) return needs(name, 'an extension');
  if (isStandaloneEntity(extensionWord)) return unexpected(name, extensionWord);
  if (extra) return unexpected(name, extra);
  return ok({ name, extension: extensionWord.text });
}

/** A command that takes nothing: `me`, `sites`, `history recent`, and `plans`, `reserved`, `admins` alone. */
function bare(
  name: 'me' | 'sites' | 'history.recent' | 'plans' | 'reserved' | 'admins',
  args: Token[],
  hasActions = false,
): ParseResult {
  const [extra] = args;
  if (!extra) return ok({ name });
  if (hasActions) return badAction(label(name), extra);
  return fail(
    `Unexpected ${showToken(extra)}: \`${label(name)}\` takes nothing else. Type \`${example(name)}\`.`,
    name,
  );
}

/**
 * A command word with actions (`plan add`, `plan remove`). `otherwise` handles a first word that is no action;
 * without it, such a word is an error that lists the actions.
 */
function group(word: string, actions: Record<string, Handler>, otherwise?: Handler): Handler {
  const byAction = new Map(Object.entries(actions));
  return (args) => {
    const [first, ...rest] = args;
    const action = first && keyword(first);
    const handler = action === undefined ? undefined : byAction.get(action);
    if (handler) return handler(rest);
    if (otherwise) return otherwise(args);
    return badAction(word, first);
  };
}

function badAction(word: string, first: Token | undefined): Failure {
  const forms = commandReference.filter((doc) => doc.syntax.split(' ')[0] === word);
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
function readOptions<K extends OptionKey>(
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
function positional(name: CommandName, args: Token[]): Parsed<WordToken[]> {
  const read = readOptions(name, args, []);
  return read.ok ? { ok: true, value: read.value.rest } : read;
}

function unknownOption(name: CommandName, token: OptionToken, allowed: readonly OptionKey[]): Failure {
  const unknown = `Unknown option \`${token.key}:\`.`;
  const keys = allowed.map((key) => `\`${key}:\``);
  const [only] = keys;
  if (!only) return fail(`${unknown} \`${label(name)}\` takes no options, e.g. \`${example(name)}\`.`, name);
  if (keys.length === 1) return fail(`${unknown} The only option for ${label(name)} is ${only}.`, name);
  return fail(`${unknown} Options for ${label(name)} are ${and(keys)}.`, name);
}

function readUsers(
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

function readUser(
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

/**
 * A phone number is one word. `+1 415 555 0100` typed unquoted arrives as four words of digits, too short to be
 * numbers each, and is refused as a whole with a hint rather than word by word.
 */
function readNumber(name: CommandName, words: readonly WordToken[]): Parsed<string> {
  const [first, second] = words;
  if (!first) return needs(name, 'a number');
  const pieceOfNumber = (word: WordToken) =>
    !isStandaloneEntity(word) && /^\+?[\d().\u2010-\u2014-]+$/.test(word.text);
  const wholeNumber = (word: WordToken) => (word.text.match(/\d/g)?.length ?? 0) >= 7;
  if (second && words.every(pieceOfNumber) && !words.every(wholeNumber)) {
    return fail(
      `${showInput(joinWords(words))} must be one word: type it without spaces, e.g. \`+14155550100\`, or put it in quotes.`,
      name,
    );
  }
  if (isStandaloneEntity(first) || !looksLikePhoneNumber(first.text)) return notANumber(name, first);
  if (second) return unexpected(name, second);
  return { ok: true, value: first.text };
}

function notANumber(name: CommandName, what: WordToken | string): Failure {
  const shown = typeof what === 'string' ? showInput(what) : showWord(what);
  return fail(`${shown} is not a phone number. Type it like \`+14155550100\`.`, name);
}

/** Words that make up a name or a search: plain or quoted text, never a mention or a channel. */
function textOf(name: CommandName, words: readonly WordToken[]): Parsed<string> {
  const mention = words.find(isStandaloneEntity);
  if (mention) return unexpected(name, mention);
  return { ok: true, value: joinWords(words).trim() };
}

/**
 * The count at the end of `plans set <plan> <count>` (or a licence total): the last word if it is a whole number.
 * A comma splits words, so `1,000` arrives as `1` and `000` and is glued back.
 */
function trailingCount(words: readonly WordToken[]): { before: WordToken[]; count: string } | undefined {
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
  for (const command of commands.keys()) {
    const distance = editDistance(word, command);
    if (distance <= 2 && distance < word.length && (!best || distance < best.distance))
      best = { command, distance };
  }
  return best?.command;
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

/** For an error found before the words are known (an unclosed quote): the usage of the command it starts with. */
function usageOfFirstWord(text: string): string {
  const first =
    text
      .trim()
      .split(/[\s,]+/)[0]
      ?.toLowerCase() ?? '';
  return commands.has(first) ? usageFor(first) : '/phone help';
}

/** A bare, unquoted word in lower case: a command or action word. */
function keyword(token: Token): string | undefined {
  if (token.kind !== 'word' || token.quoted || token.entity) return undefined;
  return token.text.toLowerCase();
}

function showToken(token: Token): string {
  return token.kind === 'word' ? showWord(token) : showInput(`${token.key}:${token.value}`);
}

function needs(name: CommandName, what: string): Failure {
  const failure = fail(`\`${label(name)}\` needs ${what}, e.g. \`${example(name)}\`.`, name);
  // `history` alone could be either form, so both usage lines help.
  if (name === 'history') failure.error.usage = usageFor('history');
  return failure;
}

function unexpected(name: CommandName, token: Token): Failure {
  return fail(
    `Unexpected ${showToken(token)} in \`${label(name)}\`. Type it like \`${example(name)}\`.`,
    name,
  );
}

function fail(message: string, name?: CommandName): Failure {
  return { ok: false, error: { code: 'USAGE', message, usage: name ? usageLine(name) : '/phone help' } };
}

function ok(command: PhoneCommand): ParseResult {
  return { ok: true, command };
}

function label(name: CommandName): string {
  return name.replace('.', ' ');
}

function example(name: CommandName): string {
  return commandDoc(name).example;
}

function or(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function and(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
