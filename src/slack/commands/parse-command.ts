import { MAX_COMMAND_TEXT_LENGTH } from '../../domain/people.ts';
import { showInput } from '../format.ts';
import {
  gapText,
  isStandaloneEntity,
  joinWords,
  type OptionToken,
  type Token,
  tokenize,
  type WordToken,
} from './tokenize.ts';
import { type CommandName, commandDoc, commandReference, usageFor, usageLine } from './usage.ts';
import {
  dedupeUserRefs,
  looksLikePhoneNumber,
  looksLikeUserOrNumber,
  readEmail,
  showWord,
  toUserRef,
  type UserRef,
} from './user-ref.ts';

export type { UserRef } from './user-ref.ts';

export type PhoneCommand =
  | { name: 'help' }
  | { name: 'me' }
  | { name: 'settings'; user?: UserRef }
  | { name: 'assign'; users: UserRef[]; site?: string; plan?: string }
  | { name: 'remove'; users: UserRef[] }
  | { name: 'show'; user: UserRef }
  | { name: 'list'; site?: string; status?: 'active' | 'inactive'; plan?: string; search?: string }
  | { name: 'import.sample'; mode: 'add' | 'update' }
  | { name: 'imports' }
  | { name: 'export'; site?: string; status?: 'active' | 'inactive'; plan?: string }
  | { name: 'ext'; user: UserRef; extension: string }
  | { name: 'plan.add'; user: UserRef; plan: string }
  | { name: 'plan.remove'; user: UserRef; plan?: string }
  | { name: 'number.add'; user: UserRef; number?: string }
  | { name: 'number.remove'; user: UserRef; number?: string }
  | { name: 'move'; user: UserRef; site: string }
  | { name: 'deactivate'; user: UserRef }
  | { name: 'activate'; user: UserRef }
  | { name: 'set'; user: UserRef; values: { key: string; value: string }[] }
  | { name: 'block.add'; user: UserRef; entry: string }
  | { name: 'block.remove'; user: UserRef; entry: string }
  | { name: 'blocked'; user: UserRef }
  | { name: 'delegate.add'; user: UserRef; assistant: UserRef }
  | { name: 'delegate.remove'; user: UserRef; assistant: UserRef }
  | { name: 'copy'; from: UserRef; users: UserRef[] }
  | { name: 'numbers.main'; action: 'add' | 'remove'; number: string }
  | { name: 'audio'; user: UserRef }
  | { name: 'audio.remove'; user: UserRef; audioName: string }
  | { name: 'greeting'; user: UserRef; choice: { kind: 'default' } | { kind: 'audio'; name: string } }
  | {
      name: 'hold-music';
      user: UserRef;
      choice: { kind: 'default' } | { kind: 'none' } | { kind: 'audio'; name: string };
    }
  | { name: 'hours'; user: UserRef; text: string }
  | { name: 'forward.add'; user: UserRef; number: string; description: string }
  | { name: 'forward.remove'; user: UserRef; number: string }
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
  | { name: 'admins.remove'; user: UserRef }
  | { name: 'address'; user: UserRef; address: AddressWords }
  | { name: 'address.site-default'; user: UserRef }
  | { name: 'address.allow-self'; user: UserRef; allowed: boolean }
  | { name: 'site.address'; siteName: string; address: AddressWords }
  | { name: 'phone.add'; user: UserRef; mac: string; model: string }
  | { name: 'phone.remove'; user: UserRef; mac: string }
  | { name: 'queue.add'; queueName: string; extension: string; site?: string }
  | { name: 'queue.member'; action: 'add' | 'remove'; queueName: string; user: UserRef; manager: boolean }
  | { name: 'queues' }
  | {
      name: 'receptionist.add';
      receptionistName: string;
      extension: string;
      site?: string;
      operator?: UserRef;
    }
  | { name: 'receptionist.operator'; receptionistName: string; operator: UserRef | null }
  | { name: 'receptionists' }
  | { name: 'sync' }
  | { name: 'drift' }
  | { name: 'adopt' };

/** `message` is mrkdwn, ready to post (what the person typed is escaped); `usage` is plain text, one line per form. */
export type UsageError = { code: 'USAGE'; message: string; usage: string };
export type ParseResult = { ok: true; command: PhoneCommand } | { ok: false; error: UsageError };

/**
 * Parses the text of `/phone` as Slack sends it with `should_escape` on. Pure, and never throws: anything it cannot
 * read becomes a USAGE error that says what is wrong and what to type instead.
 */
export function parseCommand(text: string): ParseResult {
  if (text.length > MAX_COMMAND_TEXT_LENGTH) return tooLong(text);
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
type OptionKey = 'site' | 'plan' | 'status' | 'code' | 'first' | 'line2' | 'operator';

const optionExamples: Record<OptionKey, string> = {
  site: 'site:Main',
  plan: 'plan:"US/CA Unlimited"',
  status: 'status:active',
  code: 'code:12',
  first: 'first:4100',
  line2: 'line2:"Suite 5"',
  operator: 'operator:@ada',
};
/** Site and plan names have spaces; an unquoted value of these keys takes the words after it (see readOptions). */
const multiWordKeys: ReadonlySet<OptionKey> = new Set(['site', 'plan']);
const rangeSeparator = /(\.{2,}|…)/;

const commands: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['help', () => ok({ name: 'help' })],
  ['me', (args) => bare('me', args)],
  ['settings', parseSettings],
  ['assign', parseAssign],
  ['remove', parseRemove],
  ['show', (args) => oneUser('show', args)],
  ['list', parseList],
  [
    'import',
    group('import', { update: (args) => parseImportSample('update', args) }, (args) =>
      parseImportSample('add', args),
    ),
  ],
  ['imports', (args) => bare('imports', args)],
  ['export', parseExport],
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
  ['set', parseSet],
  [
    'block',
    group('block', {
      add: (args) => parseBlock('block.add', args),
      remove: (args) => parseBlock('block.remove', args),
    }),
  ],
  ['blocked', parseBlocked],
  [
    'delegate',
    group('delegate', {
      add: (args) => parseDelegate('delegate.add', args),
      remove: (args) => parseDelegate('delegate.remove', args),
    }),
  ],
  ['copy', parseCopy],
  ['audio', group('audio', { remove: parseAudioRemove }, parseAudio)],
  ['greeting', parseGreeting],
  ['hold-music', parseHoldMusic],
  ['hours', parseHours],
  [
    'forward',
    group('forward', {
      add: (args) => parseForward('forward.add', args),
      remove: (args) => parseForward('forward.remove', args),
    }),
  ],
  ['user', group('user', { add: parseUserAdd })],
  [
    'history',
    group('history', { recent: (args) => bare('history.recent', args) }, (args) =>
      oneUser('history', args, 'a user, or `recent`'),
    ),
  ],
  ['licenses', parseLicenses],
  ['sites', (args) => bare('sites', args)],
  ['site', group('site', { add: parseSiteAdd, edit: parseSiteEdit, address: parseSiteAddress })],
  ['sitecodes', parseSiteCodes],
  [
    'numbers',
    group(
      'numbers',
      { add: parseNumbersAdd, remove: parseNumbersRemove, main: parseNumbersMain },
      parseNumbers,
    ),
  ],
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
  ['address', parseAddress],
  [
    'phone',
    group('phone', {
      add: (args) => parseDeskPhone('phone.add', args),
      remove: (args) => parseDeskPhone('phone.remove', args),
    }),
  ],
  ['queue', group('queue', { add: (args) => parseRoutingAdd('queue.add', args), member: parseQueueMember })],
  ['queues', (args) => bare('queues', args)],
  ['sync', (args) => bare('sync', args)],
  ['drift', (args) => bare('drift', args)],
  ['adopt', (args) => bare('adopt', args)],
  [
    'receptionist',
    group('receptionist', {
      add: (args) => parseRoutingAdd('receptionist.add', args),
      operator: parseReceptionistOperator,
    }),
  ],
  ['receptionists', (args) => bare('receptionists', args)],
]);

/** `settings` alone opens the caller's own settings; `settings <user>` someone else's (admins). */
function parseSettings(args: Token[]): ParseResult {
  const rest = positional('settings', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return ok({ name: 'settings' });
  if (extra) return unexpected('settings', extra);
  const user = readUser('settings', userWord);
  return user.ok ? ok({ name: 'settings', user: user.value }) : user;
}

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
    const read = readStatus(status, 'list');
    if (!read.ok) return read;
    command.status = read.value;
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

/** The `status:` filter of `list` and `export`. */
function readStatus(status: string, name: 'list' | 'export'): Parsed<'active' | 'inactive'> {
  const lowered = status.toLowerCase();
  if (lowered === 'active' || lowered === 'inactive') return { ok: true, value: lowered };
  return fail(`\`status:\` is \`active\` or \`inactive\`, not ${showInput(status)}.`, name);
}

function parseImportSample(mode: 'add' | 'update', args: Token[]): ParseResult {
  const [extra] = args;
  const name = 'import.sample';
  if (!extra) return ok({ name, mode });
  return fail(
    `Unexpected ${showToken(extra)}: \`import\` takes nothing else, or \`update\`. To import, upload the CSV file to this channel.`,
    name,
  );
}

function parseExport(args: Token[]): ParseResult {
  const read = readOptions('export', args, ['site', 'status', 'plan']);
  if (!read.ok) return read;
  const { status, ...options } = read.value.options;
  const command: Extract<PhoneCommand, { name: 'export' }> = { name: 'export', ...options };
  if (status !== undefined) {
    const read = readStatus(status, 'export');
    if (!read.ok) return read;
    command.status = read.value;
  }
  const [extra] = read.value.rest;
  if (extra) return unexpected('export', extra);
  return ok(command);
}

/** `set <user> key=value …`: which keys exist and what they take is the service's to say, for all keys at once. */
function parseSet(args: Token[]): ParseResult {
  const [userToken, ...rest] = args;
  if (!userToken) return needs('set', 'a user and at least one setting');
  if (userToken.kind !== 'word') return unexpected('set', userToken);
  const user = readUser('set', userToken);
  if (!user.ok) return user;
  if (rest.length === 0) return needs('set', 'at least one setting after the user');
  const values: { key: string; value: string }[] = [];
  const keys = new Set<string>();
  for (const token of rest) {
    const pair = settingPair(token);
    if (!pair) {
      return fail(
        `${showToken(token)} is not a setting: write each one as key=value without spaces, e.g. \`${example('set')}\`.`,
        'set',
      );
    }
    if (pair.value === '') return fail(`${showInput(`${pair.key}=`)} needs a value after the =.`, 'set');
    if (keys.has(pair.key)) return fail(`${showInput(pair.key)} is given twice; give it once.`, 'set');
    keys.add(pair.key);
    values.push(pair);
  }
  return ok({ name: 'set', user: user.value, values });
}

/** `key=value`, or `key:value` written like an option. */
function settingPair(token: Token): { key: string; value: string } | undefined {
  if (token.kind === 'option') return { key: token.key, value: token.value.trim() };
  if (isStandaloneEntity(token) || token.quoted) return undefined;
  const at = token.text.indexOf('=');
  if (at <= 0) return undefined;
  return { key: token.text.slice(0, at).toLowerCase(), value: token.text.slice(at + 1).trim() };
}

/** A number or a prefix, one word; the service tells which and checks it. */
function parseBlock(name: 'block.add' | 'block.remove', args: Token[]): ParseResult {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, entryWord, extra] = rest.value;
  if (!userWord || !entryWord) return needs(name, 'a user and a number or prefix');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(entryWord)) return unexpected(name, entryWord);
  if (extra) {
    return fail(
      `A number or prefix is one word: type ${showInput(joinWords(rest.value.slice(1)))} without spaces, or put it in quotes.`,
      name,
    );
  }
  return ok({ name, user: user.value, entry: entryWord.text });
}

function parseBlocked(args: Token[]): ParseResult {
  const rest = positional('blocked', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return needs('blocked', 'a user');
  const user = readUser('blocked', userWord);
  if (!user.ok) return user;
  if (extra) return unexpected('blocked', extra);
  return ok({ name: 'blocked', user: user.value });
}

function parseDelegate(name: 'delegate.add' | 'delegate.remove', args: Token[]): ParseResult {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, assistantWord, extra] = rest.value;
  if (!userWord || !assistantWord) return needs(name, 'a user and then their assistant');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  const assistant = readUser(name, assistantWord);
  if (!assistant.ok) return assistant;
  if (extra)
    return fail(`\`${label(name)}\` takes one user and one assistant; remove ${showWord(extra)}.`, name);
  return ok({ name, user: user.value, assistant: assistant.value });
}

function parseCopy(args: Token[]): ParseResult {
  const rest = positional('copy', args);
  if (!rest.ok) return rest;
  const [fromWord, ...userWords] = rest.value;
  if (!fromWord || userWords.length === 0)
    return needs('copy', 'the user to copy from, then the users to copy to');
  const from = readUser('copy', fromWord);
  if (!from.ok) return from;
  const users = readUsers('copy', userWords);
  if (!users.ok) return users;
  return ok({ name: 'copy', from: from.value, users: users.value });
}

function parseNumbersMain(args: Token[]): ParseResult {
  const rest = positional('numbers.main', args);
  if (!rest.ok) return rest;
  const [actionWord, ...numberWords] = rest.value;
  const action = actionWord && keyword(actionWord);
  if (action !== 'add' && action !== 'remove') {
    const not = actionWord ? `, not ${showWord(actionWord)}` : '';
    return fail(
      `\`numbers main\` needs \`add\` or \`remove\`${not}, e.g. \`${example('numbers.main')}\`.`,
      'numbers.main',
    );
  }
  const number = readNumber('numbers.main', numberWords);
  if (!number.ok) return number;
  return ok({ name: 'numbers.main', action, number: number.value });
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

/**
 * `hours <user> <hours>`: everything after the user is the hours text (`24/7`, `mon-fri 09:00-17:00 sat closed`),
 * glued back as typed and read by the business-hours rules, which name the part at fault.
 */
function parseHours(args: Token[]): ParseResult {
  const [userToken, ...hoursTokens] = args;
  if (!userToken || hoursTokens.length === 0) return needs('hours', 'a user and the hours');
  if (userToken.kind !== 'word') return unexpected('hours', userToken);
  const user = readUser('hours', userToken);
  if (!user.ok) return user;
  const entity = hoursTokens.find((token) => token.kind === 'word' && isStandaloneEntity(token));
  if (entity?.kind === 'word') {
    return toUserRef(entity).ok
      ? fail(`\`hours\` takes one user at a time; remove ${showWord(entity)}.`, 'hours')
      : unexpected('hours', entity);
  }
  const text = hoursTokens
    .map(
      (token, index) =>
        `${index === 0 ? '' : gapText(token.gapBefore)}${token.kind === 'word' ? token.text : token.raw}`,
    )
    .join('');
  return ok({ name: 'hours', user: user.value, text });
}

/**
 * `forward add <user> <+E164> ["description"]` and `forward remove <user> <+E164>`. A number typed with spaces
 * (`+1 415 555 0100`, `(415) 555-0100`) is glued back into one, so the number rules judge it whole.
 */
function parseForward(name: 'forward.add' | 'forward.remove', args: Token[]): ParseResult {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, ...words] = rest.value;
  if (!userWord || words.length === 0) return needs(name, 'a user and a phone number');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  const [first, ...others] = words;
  if (!first || isStandaloneEntity(first)) return unexpected(name, first ?? userWord);
  const pieceOfNumber = (word: WordToken) => !word.quoted && /^\+?[\d().\u2010-\u2014-]+$/.test(word.text);
  const pieces = pieceOfNumber(first) ? others.findIndex((word) => !pieceOfNumber(word)) : 0;
  const end = 1 + (pieces === -1 ? others.length : pieces);
  const number = joinWords(words.slice(0, end));
  if (!looksLikePhoneNumber(number)) return notANumber(name, number);
  const after = words.slice(end);
  if (name === 'forward.remove') {
    const [extra] = after;
    return extra ? unexpected(name, extra) : ok({ name, user: user.value, number });
  }
  const description = textOf(name, after);
  if (!description.ok) return description;
  return ok({ name, user: user.value, number, description: description.value });
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
  if (isStandaloneEntity(emailWord) || !emailWord.text.normalize('NFKC').includes('@')) {
    return fail(
      `${showWord(emailWord)} is not an email address. \`user add\` starts with the person's email, e.g. \`${example('user.add')}\`.`,
      'user.add',
    );
  }
  const email = readEmail(emailWord.text);
  if (!email.ok) return fail(email.message, 'user.add');
  if (extra) {
    return fail(
      `Too many words after the email. Quote a first or last name that has spaces, e.g. \`/phone user add ada@example.com "Ada Mary" Lovelace\`.`,
      'user.add',
    );
  }
  for (const word of [firstWord, lastWord]) {
    if (isStandaloneEntity(word)) return unexpected('user.add', word);
  }
  return ok({ name: 'user.add', email: email.email, firstName: firstWord.text, lastName: lastWord.text });
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
    return fail(
      `${showInput(joinWords(rest))} is not a number or a range. A range is two numbers joined by \`..\`, e.g. \`+14155550100..+14155550199\`.`,
      'numbers.add',
    );
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

function parseAudio(args: Token[]): ParseResult {
  const rest = positional('audio', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return needs('audio', 'a user');
  const user = readUser('audio', userWord);
  if (!user.ok) return user;
  if (extra) return unexpected('audio', extra);
  return ok({ name: 'audio', user: user.value });
}

function parseAudioRemove(args: Token[]): ParseResult {
  const rest = positional('audio.remove', args);
  if (!rest.ok) return rest;
  const [userWord, ...nameWords] = rest.value;
  if (!userWord || nameWords.length === 0)
    return needs('audio.remove', 'a user and the name of an audio file');
  const user = readUser('audio.remove', userWord);
  if (!user.ok) return user;
  const audioName = textOf('audio.remove', nameWords);
  if (!audioName.ok) return audioName;
  return ok({ name: 'audio.remove', user: user.value, audioName: audioName.value });
}

/**
 * A user, then `default`, `none` (hold music only) or the name of an audio file. A library file that is really
 * called "default" is chosen by quoting it.
 */
function readAudioChoice(
  name: 'greeting' | 'hold-music',
  args: Token[],
): Parsed<{ user: UserRef; word: 'default' | 'none' | undefined; audioName: string }> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, ...choiceWords] = rest.value;
  const choices = name === 'greeting' ? '`default`' : '`default`, `none`';
  if (!userWord || choiceWords.length === 0) {
    return needs(name, `a user and then ${choices} or the name of an audio file`);
  }
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  const [only] = choiceWords;
  const word = choiceWords.length === 1 && only ? keyword(only) : undefined;
  if (word === 'default' || word === 'none')
    return { ok: true, value: { user: user.value, word, audioName: '' } };
  const audioName = textOf(name, choiceWords);
  if (!audioName.ok) return audioName;
  return { ok: true, value: { user: user.value, word: undefined, audioName: audioName.value } };
}

function parseGreeting(args: Token[]): ParseResult {
  const read = readAudioChoice('greeting', args);
  if (!read.ok) return read;
  const { user, word, audioName } = read.value;
  if (word === 'none') {
    return fail(
      'Voicemail always plays a greeting: choose `default` or an audio file. To send unanswered calls nowhere, use `/phone set @ada unanswered=disconnect`.',
      'greeting',
    );
  }
  if (word === 'default') return ok({ name: 'greeting', user, choice: { kind: 'default' } });
  return ok({ name: 'greeting', user, choice: { kind: 'audio', name: audioName } });
}

function parseHoldMusic(args: Token[]): ParseResult {
  const read = readAudioChoice('hold-music', args);
  if (!read.ok) return read;
  const { user, word, audioName } = read.value;
  if (word) return ok({ name: 'hold-music', user, choice: { kind: word } });
  return ok({ name: 'hold-music', user, choice: { kind: 'audio', name: audioName } });
}

/** The parts of an emergency address as typed; the service checks them. */
type AddressWords = {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};

const addressOrder = '"line 1" "city" "state" "postal code" country';

/**
 * `address <user> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"…"]`, or `address <user>
 * site-default`, or `address <user> allow-self on|off`.
 */
function parseAddress(args: Token[]): ParseResult {
  const read = readOptions('address', args, ['line2']);
  if (!read.ok) return read;
  const [userWord, ...rest] = read.value.rest;
  const { line2 } = read.value.options;
  if (!userWord) {
    const failure = needs('address', 'a user and their address');
    failure.error.usage = usageFor('address');
    return failure;
  }
  const user = readUser('address', userWord);
  if (!user.ok) return user;
  const [first, second, extra] = rest;
  const word = first && keyword(first);
  if (word === 'site-default' || word === 'allow-self') {
    const name = word === 'site-default' ? 'address.site-default' : 'address.allow-self';
    if (line2 !== undefined) return fail('`line2:` goes with a new address only; leave it out.', name);
    if (name === 'address.site-default') {
      return second ? unexpected(name, second) : ok({ name, user: user.value });
    }
    const value = second && keyword(second);
    if (value !== 'on' && value !== 'off') {
      const not = second ? `, not ${showWord(second)}` : '';
      return fail(`\`${label(name)}\` needs \`on\` or \`off\`${not}, e.g. \`${example(name)}\`.`, name);
    }
    return extra ? unexpected(name, extra) : ok({ name, user: user.value, allowed: value === 'on' });
  }
  if (rest.length === 0) {
    const failure = fail(
      `\`address\` needs the address after the user, in this order: \`${addressOrder}\`, e.g. \`${example('address')}\`; or \`site-default\`, or \`allow-self on\` or \`off\`.`,
      'address',
    );
    failure.error.usage = usageFor('address');
    return failure;
  }
  const address = readAddress('address', rest, line2, 'after the user');
  if (!address.ok) return address;
  return ok({ name: 'address', user: user.value, address: address.value });
}

/** `site address <site> "<line 1>" "<city>" "<state>" "<postal code>" <country> [line2:"…"]`. */
function parseSiteAddress(args: Token[]): ParseResult {
  const read = readOptions('site.address', args, ['line2']);
  if (!read.ok) return read;
  const words = read.value.rest;
  if (words.length === 0) return needs('site.address', 'a site and its address');
  const siteWords = words.slice(0, Math.max(0, words.length - 5));
  if (siteWords.length === 0) {
    return fail(
      `\`site address\` takes the site, then the five parts of the address in this order: \`${addressOrder}\`; you gave ${words.length} ${words.length === 1 ? 'word' : 'words'} in all. Quote each part that has spaces, e.g. \`${example('site.address')}\`.`,
      'site.address',
    );
  }
  const siteName = textOf('site.address', siteWords);
  if (!siteName.ok) return siteName;
  const address = readAddress('site.address', words.slice(-5), read.value.options.line2, 'after the site');
  if (!address.ok) return address;
  return ok({ name: 'site.address', siteName: siteName.value, address: address.value });
}

/** Exactly five parts in order; an empty quoted part ("") is kept, so the service can name it as missing. */
function readAddress(
  name: 'address' | 'site.address',
  words: readonly WordToken[],
  line2: string | undefined,
  where: string,
): Parsed<AddressWords> {
  const entity = words.find(isStandaloneEntity);
  if (entity) return unexpected(name, entity);
  const [line1, city, state, postalCode, country] = words.map((word) => word.text);
  if (words.length !== 5 || line1 === undefined || city === undefined || state === undefined) {
    // A section of a Slack message holds 3,000 characters: the first parts show well enough what was read.
    const shown = words.slice(0, 8).map((word) => showInput(word.text));
    const more = words.length > shown.length ? ' …' : '';
    const gave = words.length === 0 ? 'none' : `${words.length}: ${shown.join(' ')}${more}`;
    return fail(
      `\`${label(name)}\` takes five parts ${where}, in this order: \`${addressOrder}\`; you gave ${gave}. Quote each part that has spaces, e.g. \`${example(name)}\`.`,
      name,
    );
  }
  const address: AddressWords = {
    line1,
    city,
    state,
    postalCode: postalCode ?? '',
    country: country ?? '',
  };
  if (line2 !== undefined) address.line2 = line2;
  return { ok: true, value: address };
}

/**
 * A MAC that starts with a letter and uses colons (`a0:1b:…`) reads like an option `a0:`; it is a word here.
 */
function macAsWord(token: Token): Token {
  if (token.kind !== 'option' || !/^[0-9a-f]{2}$/i.test(token.key)) return token;
  return {
    kind: 'word',
    text: token.raw,
    quoted: false,
    entity: undefined,
    raw: token.raw,
    gapBefore: token.gapBefore,
  };
}

/** `phone add <user> <MAC> <model…>` and `phone remove <user> <MAC>`. */
function parseDeskPhone(name: 'phone.add' | 'phone.remove', args: Token[]): ParseResult {
  const rest = positional(name, args.map(macAsWord));
  if (!rest.ok) return rest;
  const [userWord, macWord, ...modelWords] = rest.value;
  const adding = name === 'phone.add';
  if (!userWord || !macWord) {
    return needs(
      name,
      adding ? "a user, the phone's MAC address and its model" : "a user and the phone's MAC address",
    );
  }
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(macWord)) return unexpected(name, macWord);
  const [extra] = modelWords;
  if (!adding) return extra ? unexpected(name, extra) : ok({ name, user: user.value, mac: macWord.text });
  if (!extra) {
    return fail(
      `\`phone add\` needs the phone's model after the MAC address, e.g. \`${example('phone.add')}\`.`,
      name,
    );
  }
  const model = textOf(name, modelWords);
  if (!model.ok) return model;
  return ok({ name, user: user.value, mac: macWord.text, model: model.value });
}

/** `queue add <name> <extension> [site:]` and `receptionist add <name> <extension> [site:] [operator:<user>]`. */
function parseRoutingAdd(name: 'queue.add' | 'receptionist.add', args: Token[]): ParseResult {
  const operator = name === 'receptionist.add' ? takeUserOption(name, args, 'operator') : undefined;
  if (operator && !operator.ok) return operator;
  const read = readOptions(
    name,
    operator?.value.rest ?? args,
    name === 'queue.add' ? ['site'] : ['site', 'operator'],
  );
  if (!read.ok) return read;
  const words = read.value.rest;
  const extension = words.at(-1);
  if (words.length < 2 || !extension) return needs(name, 'a name and an extension');
  if (isStandaloneEntity(extension) || !/^\d+$/.test(extension.text)) {
    return fail(
      `\`${label(name)}\` ends with the extension, not ${showWord(extension)}, e.g. \`${example(name)}\`.`,
      name,
    );
  }
  const title = textOf(name, words.slice(0, -1));
  if (!title.ok) return title;
  const { site } = read.value.options;
  const where = site === undefined ? {} : { site };
  if (name === 'queue.add') return ok({ name, queueName: title.value, extension: extension.text, ...where });
  const user = operator?.value.user;
  return ok({
    name,
    receptionistName: title.value,
    extension: extension.text,
    ...where,
    ...(user ? { operator: user } : {}),
  });
}

/**
 * Takes `key:<user>` out of the arguments. A mention cannot follow the colon in the same word (Slack sends it as
 * its own markup), so `operator:@ada` arrives as an empty option and the mention after it.
 */
function takeUserOption(
  name: CommandName,
  args: Token[],
  key: OptionKey,
): Parsed<{ user: UserRef | undefined; rest: Token[] }> {
  const rest: Token[] = [];
  let user: UserRef | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index];
    if (!token) continue;
    if (token.kind !== 'option' || token.key !== key) {
      rest.push(token);
      continue;
    }
    if (user) return fail(`Option \`${key}:\` is given twice; give it once.`, name);
    const next = args[index + 1];
    let word: WordToken | undefined;
    if (token.value !== '' || token.quoted) {
      word = {
        kind: 'word',
        text: token.value,
        quoted: token.quoted,
        entity: undefined,
        raw: token.value,
        gapBefore: '',
      };
    } else if (next?.kind === 'word') {
      word = next;
      index += 1;
    }
    if (!word) return fail(`\`${key}:\` needs a person, e.g. \`${optionExamples[key]}\`.`, name);
    const ref = readUser(name, word);
    if (!ref.ok) return ref;
    user = ref.value;
  }
  return { ok: true, value: { user, rest } };
}

/** `queue member add|remove <queue> <user> [manager]`: the user is the last word, the queue's name before it. */
function parseQueueMember(args: Token[]): ParseResult {
  const [actionWord, ...after] = args;
  const action = actionWord && keyword(actionWord);
  if (action !== 'add' && action !== 'remove') {
    const not = actionWord ? `, not ${showToken(actionWord)}` : '';
    return fail(
      `\`queue member\` needs \`add\` or \`remove\`${not}, e.g. \`${example('queue.member')}\`.`,
      'queue.member',
    );
  }
  const rest = positional('queue.member', after);
  if (!rest.ok) return rest;
  const last = rest.value.at(-1);
  const manager = last !== undefined && keyword(last) === 'manager';
  const words = manager ? rest.value.slice(0, -1) : rest.value;
  const userWord = words.at(-1);
  if (!userWord || words.length < 2) return needs('queue.member', 'a queue and a user');
  const user = readUser('queue.member', userWord);
  if (!user.ok) return user;
  const queueName = textOf('queue.member', words.slice(0, -1));
  if (!queueName.ok) return queueName;
  return ok({ name: 'queue.member', action, queueName: queueName.value, user: user.value, manager });
}

/** `receptionist operator <name> <user|none>`. */
function parseReceptionistOperator(args: Token[]): ParseResult {
  const rest = positional('receptionist.operator', args);
  if (!rest.ok) return rest;
  const userWord = rest.value.at(-1);
  if (!userWord || rest.value.length < 2)
    return needs('receptionist.operator', 'a receptionist and a user (or `none`)');
  const receptionistName = textOf('receptionist.operator', rest.value.slice(0, -1));
  if (!receptionistName.ok) return receptionistName;
  if (keyword(userWord) === 'none') {
    return ok({ name: 'receptionist.operator', receptionistName: receptionistName.value, operator: null });
  }
  const user = readUser('receptionist.operator', userWord);
  if (!user.ok) return user;
  return ok({
    name: 'receptionist.operator',
    receptionistName: receptionistName.value,
    operator: user.value,
  });
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

/** A command that takes nothing: `me`, `sites`, `sync`, `history recent`, and `plans`, `reserved`, `admins` alone. */
function bare(
  name:
    | 'me'
    | 'sites'
    | 'history.recent'
    | 'plans'
    | 'reserved'
    | 'admins'
    | 'queues'
    | 'receptionists'
    | 'imports'
    | 'sync'
    | 'drift'
    | 'adopt',
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
  const unknown = `Unknown option ${showInput(`${token.key}:`)}.`;
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

function tooLong(text: string): Failure {
  return fail(
    `This command is ${count(text.length)} characters long; a command may be at most ${count(MAX_COMMAND_TEXT_LENGTH)}. Split it into several commands, or for many people at once use a CSV import (\`/phone import\` explains how).`,
  );
}

function count(value: number): string {
  return value.toLocaleString('en-US');
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
