import { parseHoursText } from '../../domain/hours.ts';
import { addForwardNumber, removeForwardNumber } from '../../services/settings/call-handling.ts';
import { setBusinessHours } from '../../services/settings/hours.ts';
import {
  forwardAddedMessage,
  forwardRemovedMessage,
  hoursChangedMessage,
  hoursUnchangedMessage,
} from '../blocks/call-handling.ts';
import { textMessage } from '../blocks/message.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { errorText } from '../replies.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import { fail, needs, notANumber, ok, positional, readUser, textOf, unexpected } from './grammar.ts';
import { gapText, isStandaloneEntity, joinWords, type Token, type WordToken } from './tokenize.ts';
import { looksLikePhoneNumber, showWord, toUserRef, type UserRef } from './user-ref.ts';

/** `/phone hours <user> <hours>`: the hours text is read here, then checked again whole by the service. */
export async function hours(ctx: HandlerContext, user: UserRef, text: string): Promise<Outcome> {
  const parsed = parseHoursText(text);
  if (!parsed.ok) return ephemeral(textMessage(`:warning: ${errorText(parsed.error)}`));
  return settle(setBusinessHours(ctx.deps, ctx.actor, user, parsed.value), (result) =>
    result.changed
      ? { channel: hoursChangedMessage(ctx.actor.slackUserId, result) }
      : ephemeral(hoursUnchangedMessage(result)),
  );
}

export function forwardAdd(
  ctx: HandlerContext,
  user: UserRef,
  number: string,
  description: string,
): Promise<Outcome> {
  return settle(addForwardNumber(ctx.deps, ctx.actor, user, number, description), (result) => ({
    channel: forwardAddedMessage(ctx.actor.slackUserId, result),
  }));
}

export function forwardRemove(ctx: HandlerContext, user: UserRef, number: string): Promise<Outcome> {
  return settle(removeForwardNumber(ctx.deps, ctx.actor, user, number), (result) => ({
    channel: forwardRemovedMessage(ctx.actor.slackUserId, result),
  }));
}

// The commands
export type HoursCommand = { name: 'hours'; user: UserRef; text: string };
export const hoursCommand = defineCommand<HoursCommand>({
  name: 'hours',
  syntax: 'hours <user> 24/7|<days> <from>-<to>|closed|24h \u2026',
  description: 'Set business hours in their time zone; days not named are closed.',
  example: '/phone hours @ada mon-fri 09:00-17:00 sat 10:00-14:00',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: parseHours,
  run: (ctx, c) => hours(ctx, c.user, c.text),
});

export type ForwardAddCommand = { name: 'forward.add'; user: UserRef; number: string; description: string };
export const forwardAddCommand = defineCommand<ForwardAddCommand>({
  name: 'forward.add',
  syntax: 'forward add <user> <+E164> ["<description>"]',
  description: 'Add a number calls may ring (at most 10).',
  example: '/phone forward add @ada +14155550123 "Mobile"',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseForward('forward.add', args),
  run: (ctx, c) => forwardAdd(ctx, c.user, c.number, c.description),
});

export type ForwardRemoveCommand = { name: 'forward.remove'; user: UserRef; number: string };
export const forwardRemoveCommand = defineCommand<ForwardRemoveCommand>({
  name: 'forward.remove',
  syntax: 'forward remove <user> <+E164>',
  description: 'Remove a forward number and its route.',
  example: '/phone forward remove @ada +14155550123',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: (args) => parseForward('forward.remove', args),
  run: (ctx, c) => forwardRemove(ctx, c.user, c.number),
});

/**
 * `hours <user> <hours>`: everything after the user is the hours text (`24/7`, `mon-fri 09:00-17:00 sat closed`),
 * glued back as typed and read by the business-hours rules, which name the part at fault.
 */
function parseHours(args: Token[]): Read<HoursCommand> {
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
function parseForward(name: 'forward.add', args: Token[]): Read<ForwardAddCommand>;
function parseForward(name: 'forward.remove', args: Token[]): Read<ForwardRemoveCommand>;
function parseForward(
  name: 'forward.add' | 'forward.remove',
  args: Token[],
): Read<ForwardAddCommand | ForwardRemoveCommand> {
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

/** The commands of this file, in the order help lists them. */
export const commands = [hoursCommand, forwardAddCommand, forwardRemoveCommand] as const;
