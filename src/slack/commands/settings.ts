import { addMainNumber, removeMainNumber } from '../../services/main-numbers.ts';
import { addBlocked, blockedList, removeBlocked } from '../../services/settings/blocked.ts';
import { copySettings } from '../../services/settings/copy.ts';
import { addAssistant, removeAssistant } from '../../services/settings/delegation.ts';
import { setSettings } from '../../services/settings/set-settings.ts';
import {
  blockedAddedMessage,
  blockedListMessage,
  blockedRemovedMessage,
  delegationAddedMessage,
  delegationRemovedMessage,
  mainNumberMessage,
  settingsChangedMessage,
  settingsCopiedMessage,
} from '../blocks/settings-changes.ts';
import { showInput } from '../format.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import {
  example,
  fail,
  keyword,
  label,
  needs,
  numberWordCount,
  ok,
  positional,
  readNumber,
  readUser,
  readUsers,
  showToken,
  unexpected,
} from './grammar.ts';
import { isStandaloneEntity, joinWords, type Token, type WordToken } from './tokenize.ts';
import { showWord, type UserRef } from './user-ref.ts';

/** `/phone set <user> key=value …`: the channel hears what changed; a PIN is only said to have changed. */
export function set(
  ctx: HandlerContext,
  user: UserRef,
  values: { key: string; value: string }[],
): Promise<Outcome> {
  return settle(setSettings(ctx.deps, ctx.actor, user, values), (result) => ({
    channel: settingsChangedMessage(ctx.actor.slackUserId, result),
  }));
}

export function block(ctx: HandlerContext, action: 'add' | 'remove', user: UserRef, entry: string) {
  const change = action === 'add' ? addBlocked : removeBlocked;
  const message = action === 'add' ? blockedAddedMessage : blockedRemovedMessage;
  return settle(change(ctx.deps, ctx.actor, user, entry), (result) => ({
    channel: message(ctx.actor.slackUserId, result),
  }));
}

export function blocked(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(blockedList(ctx.deps, ctx.actor, user), (result) =>
    ephemeral(blockedListMessage(result.card, result.blocked)),
  );
}

/** Delegation changes are posted, and the assistant (or, when the assistant ended it, the owner) gets a DM. */
export function delegate(
  ctx: HandlerContext,
  action: 'add' | 'remove',
  user: UserRef,
  assistant: UserRef,
): Promise<Outcome> {
  const added = action === 'add';
  const change = added ? addAssistant : removeAssistant;
  return settle(change(ctx.deps, ctx.actor, user, assistant), (result) => ({
    channel: (added ? delegationAddedMessage : delegationRemovedMessage)(ctx.actor.slackUserId, result),
  }));
}

export function copy(ctx: HandlerContext, from: UserRef, users: UserRef[]): Promise<Outcome> {
  return settle(copySettings(ctx.deps, ctx.actor, from, users), (result) => ({
    channel: settingsCopiedMessage(ctx.actor.slackUserId, result),
  }));
}

export function mainNumber(ctx: HandlerContext, action: 'add' | 'remove', number: string): Promise<Outcome> {
  const added = action === 'add';
  const change = added ? addMainNumber : removeMainNumber;
  return settle(change(ctx.deps, ctx.actor, number), (result) => ({
    channel: mainNumberMessage(ctx.actor.slackUserId, result, added),
  }));
}

// The commands
export type SetCommand = { name: 'set'; user: UserRef; values: { key: string; value: string }[] };
export const setCommand = defineCommand<SetCommand>({
  name: 'set',
  syntax:
    'set <user> language=<code> area-code=<digits> caller-id=<+E164|hidden> ring-mode=simultaneous|sequential pin=<digits> unanswered=voicemail|disconnect closed=voicemail|message|disconnect|forward',
  description: 'Change one or more settings at once; all or none are applied.',
  example: '/phone set @ada language=en-GB ring-mode=sequential',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: parseSet,
  run: (ctx, c) => set(ctx, c.user, c.values),
});

export type BlockAddCommand = { name: 'block.add'; user: UserRef; entry: string };
export const blockAddCommand = defineCommand<BlockAddCommand>({
  name: 'block.add',
  syntax: 'block add <user> <+E164|prefix>',
  description: 'Block calls from a number, or from every number starting with a prefix.',
  example: '/phone block add @ada +1900',
  audience: 'admin',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseBlock('block.add', args),
  run: (ctx, c) => block(ctx, 'add', c.user, c.entry),
});

export type BlockRemoveCommand = { name: 'block.remove'; user: UserRef; entry: string };
export const blockRemoveCommand = defineCommand<BlockRemoveCommand>({
  name: 'block.remove',
  syntax: 'block remove <user> <+E164|prefix>',
  description: 'Unblock a number or prefix.',
  example: '/phone block remove @ada +1900',
  audience: 'admin',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseBlock('block.remove', args),
  run: (ctx, c) => block(ctx, 'remove', c.user, c.entry),
});

export type BlockedCommand = { name: 'blocked'; user: UserRef };
export const blockedCommand = defineCommand<BlockedCommand>({
  name: 'blocked',
  lookup: true,
  syntax: 'blocked <user>',
  description: "Show a person's blocked numbers and prefixes.",
  example: '/phone blocked @ada',
  audience: 'admin',
  section: 'Settings, blocking & delegation',
  parse: parseBlocked,
  run: (ctx, c) => blocked(ctx, c.user),
});

export type DelegateAddCommand = { name: 'delegate.add'; user: UserRef; assistant: UserRef };
export const delegateAddCommand = defineCommand<DelegateAddCommand>({
  name: 'delegate.add',
  syntax: 'delegate add <user> <assistant>',
  description: "Let an assistant answer the person's calls.",
  example: '/phone delegate add @ada @grace',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseDelegate('delegate.add', args),
  run: (ctx, c) => delegate(ctx, 'add', c.user, c.assistant),
});

export type DelegateRemoveCommand = { name: 'delegate.remove'; user: UserRef; assistant: UserRef };
export const delegateRemoveCommand = defineCommand<DelegateRemoveCommand>({
  name: 'delegate.remove',
  syntax: 'delegate remove <user> <assistant>',
  description: 'End a delegation; the assistant may end it too.',
  example: '/phone delegate remove @ada @grace',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseDelegate('delegate.remove', args),
  run: (ctx, c) => delegate(ctx, 'remove', c.user, c.assistant),
});

export type CopyCommand = { name: 'copy'; from: UserRef; users: UserRef[] };
export const copyCommand = defineCommand<CopyCommand>({
  name: 'copy',
  syntax: 'copy <from> <users>',
  description:
    "Copy one person's basic settings (hours, call handling, greeting, hold music, language, area code) to others; never their forward numbers, desk phones, delegations, blocked list or PIN.",
  example: '/phone copy @ada @grace',
  audience: 'admin',
  section: 'Settings, blocking & delegation',
  parse: parseCopy,
  run: (ctx, c) => copy(ctx, c.from, c.users),
});

export type NumbersMainCommand = { name: 'numbers.main'; action: 'add' | 'remove'; number: string };
export const numbersMainCommand = defineCommand<NumbersMainCommand>({
  name: 'numbers.main',
  syntax: 'numbers main add|remove <+E164>',
  description:
    "Make a free number one of the company's main numbers (a caller ID for anyone), or an ordinary number again.",
  example: '/phone numbers main add +14155550100',
  audience: 'admin',
  section: 'Numbers & plans',
  parse: parseNumbersMain,
  run: (ctx, c) => mainNumber(ctx, c.action, c.number),
});

/** `set <user> key=value …`: which keys exist and what they take is the service's to say, for all keys at once. */
function parseSet(args: Token[]): Read<SetCommand> {
  const [userToken, ...rest] = args;
  if (!userToken) return needs('set', 'a user and at least one setting');
  if (userToken.kind !== 'word') return unexpected('set', userToken);
  const user = readUser('set', userToken);
  if (!user.ok) return user;
  if (rest.length === 0) return needs('set', 'at least one setting after the user');
  const values: { key: string; value: string }[] = [];
  const keys = new Set<string>();
  for (let at = 0; at < rest.length; at++) {
    const token = rest[at] as Token;
    const pair = settingPair(token);
    if (!pair) {
      return fail(
        `${showToken(token)} is not a setting: write each one as key=value without spaces, e.g. \`${example('set')}\`.`,
        'set',
      );
    }
    if (pair.value === '') return fail(`${showInput(`${pair.key}=`)} needs a value after the =.`, 'set');
    if (keys.has(pair.key)) return fail(`${showInput(pair.key)} is given twice; give it once.`, 'set');
    // A caller ID typed with spaces (`caller-id=+1 415 555 0100`) goes on over the words that follow it.
    if (pair.key === 'caller-id' && token.kind === 'word') {
      const following = words(rest.slice(at + 1));
      const more =
        following.length > 0 ? numberWordCount([{ ...token, text: pair.value }, ...following]) - 1 : 0;
      if (more > 0) {
        pair.value = joinWords([{ ...token, text: pair.value }, ...following.slice(0, more)]);
        at += more;
      }
    }
    keys.add(pair.key);
    values.push(pair);
  }
  return ok({ name: 'set', user: user.value, values });
}

/** The words at the start of `tokens`, up to the first option. */
function words(tokens: readonly Token[]): WordToken[] {
  const end = tokens.findIndex((token) => token.kind !== 'word');
  return (end === -1 ? tokens : tokens.slice(0, end)) as WordToken[];
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
function parseBlock(name: 'block.add', args: Token[]): Read<BlockAddCommand>;
function parseBlock(name: 'block.remove', args: Token[]): Read<BlockRemoveCommand>;
function parseBlock(
  name: 'block.add' | 'block.remove',
  args: Token[],
): Read<BlockAddCommand | BlockRemoveCommand> {
  const rest = positional(name, args);
  if (!rest.ok) return rest;
  const [userWord, entryWord] = rest.value;
  if (!userWord || !entryWord) return needs(name, 'a user and a number or prefix');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (isStandaloneEntity(entryWord)) return unexpected(name, entryWord);
  const words = rest.value.slice(1);
  const end = numberWordCount(words);
  if (words[end]) {
    return fail(
      `A number or prefix is one word: type ${showInput(joinWords(words))} without spaces, or put it in quotes.`,
      name,
    );
  }
  return ok({ name, user: user.value, entry: end === 1 ? entryWord.text : joinWords(words) });
}

function parseBlocked(args: Token[]): Read<BlockedCommand> {
  const rest = positional('blocked', args);
  if (!rest.ok) return rest;
  const [userWord, extra] = rest.value;
  if (!userWord) return needs('blocked', 'a user');
  const user = readUser('blocked', userWord);
  if (!user.ok) return user;
  if (extra) return unexpected('blocked', extra);
  return ok({ name: 'blocked', user: user.value });
}

function parseDelegate(name: 'delegate.add', args: Token[]): Read<DelegateAddCommand>;
function parseDelegate(name: 'delegate.remove', args: Token[]): Read<DelegateRemoveCommand>;
function parseDelegate(
  name: 'delegate.add' | 'delegate.remove',
  args: Token[],
): Read<DelegateAddCommand | DelegateRemoveCommand> {
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

function parseCopy(args: Token[]): Read<CopyCommand> {
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

function parseNumbersMain(args: Token[]): Read<NumbersMainCommand> {
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

/** The commands of this file, in the order help lists them. */
export const commands = [
  setCommand,
  blockAddCommand,
  blockRemoveCommand,
  blockedCommand,
  delegateAddCommand,
  delegateRemoveCommand,
  copyCommand,
  numbersMainCommand,
] as const;
