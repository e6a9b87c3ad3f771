import { asciiDigits, readWeekday } from '../../domain/hours.ts';
import type { Weekday } from '../../domain/settings.ts';
import { type CalleeAsked, explainRoute, type WhenAsked } from '../../services/call-routing.ts';
import { routeMessage } from '../blocks/call-route.ts';
import { showInput } from '../format.ts';
import { ephemeral } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { settle } from './context.ts';
import {
  fail,
  needs,
  numberWordCount,
  ok,
  type Parsed,
  pieceOfNumber,
  type Read,
  readUser,
  unexpected,
  unknownOption,
} from './grammar.ts';
import { isStandaloneEntity, joinWords, type Token, type WordToken } from './tokenize.ts';
import { looksLikePhoneNumber } from './user-ref.ts';

export type RouteCommand = {
  name: 'route';
  callee: CalleeAsked;
  from: string | undefined;
  when: WhenAsked;
};

export const routeCommand = defineCommand<RouteCommand>({
  name: 'route',
  lookup: true,
  syntax: 'route <user> [from:<number>] [at:<day> <HH:MM>]',
  description:
    'Explain how a call to someone is routed: refused, closed hours, or which phones ring for how long, then what; from a caller, now or at the next such day and time in their time zone.',
  example: '/phone route @ada from:+19005550100 at:sat 23:00',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: parseRoute,
  run: (ctx, c) =>
    settle(explainRoute(ctx.deps, ctx.actor, { callee: c.callee, from: c.from, when: c.when }), (answer) =>
      ephemeral(routeMessage(answer)),
    ),
});

const AT_EXAMPLE = '`at:mon 09:30`, `at:sat 23:00` or `at:now`';

/**
 * `route <user> [from:<number>] [at:<day> <HH:MM>]`. The user is a person, an extension or a direct number; a
 * number may be typed with spaces, in `from:` too (`from:+1 415 555 0100`), and the time after `at:<day>` may be
 * the next word (`at:sat 23:00`), as people type it.
 */
function parseRoute(args: Token[]): Read<RouteCommand> {
  const positional: WordToken[] = [];
  let from: string | undefined;
  let when: WhenAsked | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const token = args[index] as Token;
    if (token.kind === 'word') {
      positional.push(token);
      continue;
    }
    // The words after an option that continue its value: pieces of a number, or the time after a day.
    const following: WordToken[] = [];
    const continues = (word: Token | undefined): word is WordToken => {
      if (word?.kind !== 'word' || word.quoted || isStandaloneEntity(word)) return false;
      if (token.key === 'from') return pieceOfNumber(word);
      // `at: sat 23:00` (a space after the colon), `at:sat 23:00`: a day, then its time, as separate words.
      const sofar = [token.value, ...following.map((part) => part.text)].filter((part) => part.trim() !== '');
      const isTime = /^[\d\p{Nd}]{1,2}[:：][\d\p{Nd}]{2}$/u.test(word.text);
      if (sofar.length === 0)
        return isTime || word.text.toLowerCase() === 'now' || readWeekday(word.text) !== undefined;
      return sofar.length === 1 && readWeekday(sofar[0] ?? '') !== undefined && isTime;
    };
    if (token.key !== 'from' && token.key !== 'at') return unknownOption('route', token, ['from', 'at']);
    if ((token.key === 'from' ? from : when) !== undefined) {
      return fail(`Option \`${token.key}:\` is given twice; give it once.`, 'route');
    }
    for (let next = args[index + 1]; continues(next); next = args[index + 1]) {
      following.push(next);
      index += 1;
    }
    const value = [token.value, joinWords(following)].filter((part) => part.trim() !== '').join(' ');
    if (token.key === 'from') {
      const read = readFrom(value);
      if (!read.ok) return read;
      from = read.value;
    } else {
      const read = readWhen(value);
      if (!read.ok) return read;
      when = read.value;
    }
  }
  const callee = readCallee(positional);
  if (!callee.ok) return callee;
  return ok({ name: 'route', callee: callee.value, from, when: when ?? { kind: 'now' } });
}

function readCallee(words: readonly WordToken[]): Parsed<CalleeAsked> {
  const [first] = words;
  if (!first) return needs('route', 'a user, an extension or a number');
  const count = numberWordCount(words);
  const number = joinWords(words.slice(0, count));
  const extra = words[count];
  if (extra) return unexpected('route', extra);
  // Digits alone are an extension (2 to 7 of them); with a + or the shape of a whole number, a direct number.
  if (
    !isStandaloneEntity(first) &&
    !/^\d{2,7}$/.test(number) &&
    looksLikePhoneNumber(number) &&
    !first.quoted
  ) {
    return { ok: true, value: { kind: 'number', number, raw: number } };
  }
  return readUser('route', first);
}

function readFrom(value: string): Parsed<string> {
  if (value.trim() === '') {
    return fail(
      "`from:` needs the caller's number or extension, e.g. `from:+14155550100` or `from:1002`.",
      'route',
    );
  }
  if (!looksLikePhoneNumber(value)) {
    return fail(
      `\`from:\` ${showInput(value)} is not a phone number or an extension. Give the caller's number, e.g. \`from:+14155550100\`, or their extension, e.g. \`from:1002\`.`,
      'route',
    );
  }
  return { ok: true, value };
}

/** `now`, `<day> <HH:MM>` or `<HH:MM>` (the next time the clock shows it). */
function readWhen(value: string): Parsed<WhenAsked> {
  const words = asciiDigits(value).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return fail(`\`at:\` needs a day and a time, e.g. ${AT_EXAMPLE}.`, 'route');
  if (words.length === 1 && words[0]?.toLowerCase() === 'now') return { ok: true, value: { kind: 'now' } };
  const [first, second, ...rest] = words as [string, ...string[]];
  if (rest.length > 0) {
    return fail(
      `\`at:\` takes a day and a time, not ${showInput(value)}. Type it like ${AT_EXAMPLE}.`,
      'route',
    );
  }
  const startsWithTime = /\d/.test(first);
  const dayWord = startsWithTime ? undefined : first;
  const timeWord = startsWithTime ? first : second;
  if (startsWithTime && second !== undefined) {
    return fail(`\`at:\` takes the day first, then the time: type it like ${AT_EXAMPLE}.`, 'route');
  }
  let day: Weekday | undefined;
  if (dayWord !== undefined) {
    day = readWeekday(dayWord);
    if (!day) {
      return fail(
        `\`at:\` ${showInput(dayWord)} is not a day. Write mon, tue, wed, thu, fri, sat or sun (or the full name), then the time, e.g. ${AT_EXAMPLE}.`,
        'route',
      );
    }
  }
  if (timeWord === undefined) {
    return fail(`\`at:${dayWord}\` needs a time too, as HH:MM, e.g. \`at:${dayWord} 09:30\`.`, 'route');
  }
  const minutes = readClock(timeWord);
  if (minutes === undefined) {
    return fail(
      `\`at:\` ${showInput(timeWord)} is not a time of day. Write it as HH:MM, from 00:00 to 23:59, e.g. ${AT_EXAMPLE}.`,
      'route',
    );
  }
  return { ok: true, value: { kind: 'at', day, minutes } };
}

function readClock(word: string): number | undefined {
  const match = /^(\d{1,2})[:：](\d{2})$/.exec(word);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** The commands of this file, in the order help lists them. */
export const commands = [routeCommand] as const;
