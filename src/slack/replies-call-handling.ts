import type { DomainError } from '../domain/errors.ts';
import { WEEKDAY_NAMES } from '../domain/settings.ts';
import { MRKDWN, type Style } from './format.ts';

const DAY_NAMES: Record<string, string> = WEEKDAY_NAMES;
const how = ({ code }: Style) =>
  `Name the days (${code('mon')} to ${code('sun')}, a range like ${code('mon-fri')} or a list like ${code('mon,wed,fri')}), each followed by an interval like ${code('09:00-17:00')}, ${code('closed')} or ${code('24h')}.`;

/** What is wrong with typed (or submitted) business hours, naming the part at fault and how to write it. */
export function hoursErrorText(
  error: Extract<DomainError, { code: 'HOURS_INVALID' }>,
  s: Style = MRKDWN,
): string {
  const { code, input } = s;
  const e = s.escape;
  const part = input(error.part);
  const where = error.within ? ` in ${input(error.within)}` : '';
  const day = error.day && error.problem !== 'day_twice' ? `${DAY_NAMES[error.day] ?? e(error.day)}: ` : '';
  const sentence = (() => {
    switch (error.problem) {
      case 'nothing':
        return `give the hours after the person: ${code('24/7')}, or days and hours such as ${code('mon-fri 09:00-17:00 sat 10:00-14:00')}. Days not named are closed.`;
      case 'always_alone':
        return `${code('24/7')} means open all week, so it stands alone; you wrote ${part}. Type ${code('24/7')} by itself, or give each day's hours instead.`;
      case 'unknown_word':
        return `${part}${where} is neither a weekday nor a day's hours. ${how(s)}`;
      case 'unknown_day':
        return `${part}${where} is not a weekday. Use ${code('mon')}, ${code('tue')}, ${code('wed')}, ${code('thu')}, ${code('fri')}, ${code('sat')} or ${code('sun')} (full names work too).`;
      case 'time_format':
        return `${part} is not a time interval: write both times in 24-hour ${code('HH:MM')} form, e.g. ${code('09:00-17:00')}.`;
      case 'hour':
        return `${part}${where} is not a time: hours run from 00 to 23 (midnight is ${code('00:00')}).`;
      case 'minute':
        return `${part}${where} is not a time: minutes run from 00 to 59.`;
      case 'zero_length':
        return `${part} starts and ends at the same time, so it is open for no time at all. For the whole day write ${code('24h')} or ${code('00:00-24:00')}; for none, ${code('closed')}.`;
      case 'day_twice':
        return `${DAY_NAMES[error.part] ?? part} is given twice${where ? ` (again${where})` : ''}. Give each day once, e.g. ${code('mon-thu 09:00-17:00 fri 09:00-13:00')}.`;
      case 'no_hours':
        return `${part} has no hours after it. Follow each day or range with an interval, ${code('closed')} or ${code('24h')}, e.g. ${code('sat 10:00-14:00')}.`;
      case 'no_days':
        return `${part} has no days in front of it. Start with the days, e.g. ${input(`mon-fri ${error.part}`)}.`;
      case 'one_interval':
        return `a day has one interval, and ${error.within ? input(error.within) : part} gives it two. Give one interval per day, e.g. ${code('mon 09:00-17:00')}; a night shift like ${code('22:00-06:00')} may run past midnight.`;
      case 'document':
        return `the form sent something Switchboard cannot read (${part}). Open the form again and resubmit.`;
    }
  })();
  return `Business hours not changed. ${day}${capitalize(sentence)}`;
}

/** What is wrong with submitted call routes, naming the route at fault. */
export function routesErrorText(
  error: Extract<DomainError, { code: 'ROUTES_INVALID' }>,
  s: Style = MRKDWN,
): string {
  const { code, input } = s;
  const _e = s.escape;
  const route = error.route ? input(error.route) : '';
  const value = input(error.value ?? '');
  switch (error.problem) {
    case 'shape':
      return `Call routes not changed: the form sent something Switchboard cannot read (${value}). Open the form again and resubmit.`;
    case 'ring_mode':
      return `Call routes not changed: ring mode ${value} is not known. Choose ${code('simultaneous')} or ${code('sequential')}.`;
    case 'ring_seconds':
      return `Call routes not changed: the ring time of ${route} is ${value} seconds. Use 10 to 60 seconds in steps of 5 (10, 15, 20 … 60).`;
    case 'apps':
      return `Call routes not changed: the desktop and mobile apps must be in the routes exactly once (found ${value}). Keep one apps route; turn it off if calls should not ring there.`;
    case 'desk_phone':
      return `Call routes not changed: ${route} is not one of the user's desk phones. Add the phone first, or leave the route out.`;
    case 'forward':
      return `Call routes not changed: ${value} is not one of the user's forward numbers. Add it with ${code('/phone forward add')} first, or leave the route out.`;
    case 'duplicate':
      return `Call routes not changed: ${route} is listed twice. Keep it once.`;
    case 'none_enabled':
      return 'Call routes not changed: every route is off, so calls in business hours would never ring. Turn on at least one route.';
  }
}

/** What is wrong with a forward number's description. */
export function forwardDescriptionText(
  error: Extract<DomainError, { code: 'FORWARD_DESCRIPTION_INVALID' }>,
  { code }: Style = MRKDWN,
): string {
  const length = Array.from(error.input.trim()).length;
  const why =
    length > error.max
      ? `has ${length} characters; use at most ${error.max}`
      : 'has characters that cannot be shown (such as tabs or line breaks); use plain text';
  return `The description of the forward number ${why}, in quotes, e.g. ${code('/phone forward add @ada +14155550100 "Mobile"')}.`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
