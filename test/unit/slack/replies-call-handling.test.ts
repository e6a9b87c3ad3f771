import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../../src/domain/errors.ts';
import { parseHoursText, validateBusinessHours } from '../../../src/domain/hours.ts';
import { errorText } from '../../../src/slack/replies.ts';

type HoursError = Extract<DomainError, { code: 'HOURS_INVALID' }>;
const problems: HoursError['problem'][] = [
  'nothing',
  'always_alone',
  'unknown_word',
  'unknown_day',
  'time_format',
  'hour',
  'minute',
  'zero_length',
  'day_twice',
  'no_hours',
  'no_days',
  'one_interval',
  'document',
];

function refusalOf(text: string): DomainError {
  const result = parseHoursText(text);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result.error;
}

describe('business hours refusals in Slack', () => {
  it.each(problems)('say that nothing changed and quote the part at fault (%s)', (problem) => {
    const text = errorText({ code: 'HOURS_INVALID', problem, part: 'x<y' });
    expect(text).toMatch(/^Business hours not changed\. /);
    if (problem !== 'nothing') expect(text).toMatch(/x&lt;y|x<y/);
    expect(text).not.toMatch(/<(?![@#!])/);
  });

  it.each([
    ['mon-fri 9-17', 'write both times in 24-hour `HH:MM` form, e.g. `09:00-17:00`'],
    ['mon 09:00-12:00 13:00-17:00', '`09:00-12:00 13:00-17:00` gives it two'],
    ['09:00-17:00', 'Start with the days, e.g. `mon-fri 09:00-17:00`'],
    ['24/7 sat closed', 'Type `24/7` by itself'],
    ['', 'Give the hours after the person'],
    ['mon-fri open', "`open` is neither a weekday nor a day's hours"],
  ])('tell how to write %j', (typed, advice) => {
    expect(errorText(refusalOf(typed))).toContain(advice);
  });

  it('name the day of a submitted document', () => {
    const result = validateBusinessHours({
      kind: 'weekly',
      days: {
        mon: { type: 'closed' },
        tue: { type: 'interval', from: '09:00', to: '09:60' },
        wed: { type: 'closed' },
        thu: { type: 'closed' },
        fri: { type: 'closed' },
        sat: { type: 'closed' },
        sun: { type: 'closed' },
      },
    });
    if (result.ok) throw new Error('accepted');
    expect(errorText(result.error)).toBe(
      'Business hours not changed. Tuesday: `09:60` is not a time: minutes run from 00 to 59.',
    );
  });
});

describe('call route refusals in Slack', () => {
  it.each<[Extract<DomainError, { code: 'ROUTES_INVALID' }>, string]>([
    [
      { code: 'ROUTES_INVALID', problem: 'ring_seconds', route: 'apps', value: '12' },
      'Call routes not changed: the ring time of `apps` is `12` seconds. Use 10 to 60 seconds in steps of 5 (10, 15, 20 … 60).',
    ],
    [
      {
        code: 'ROUTES_INVALID',
        problem: 'desk_phone',
        route: 'desk phone AABBCCDDEEFF',
        value: 'AABBCCDDEEFF',
      },
      "Call routes not changed: `desk phone AABBCCDDEEFF` is not one of the user's desk phones. Add the phone first, or leave the route out.",
    ],
    [
      { code: 'ROUTES_INVALID', problem: 'none_enabled' },
      'Call routes not changed: every route is off, so calls in business hours would never ring. Turn on at least one route.',
    ],
  ])('name the route and the fix', (error, text) => {
    expect(errorText(error)).toBe(text);
  });
});

describe('forward number refusals in Slack', () => {
  it('say how long a description may be', () => {
    expect(errorText({ code: 'FORWARD_DESCRIPTION_INVALID', input: 'a\tb', max: 64 })).toContain(
      'has characters that cannot be shown',
    );
  });

  it('say what to do with the last forward number while closed hours forward', () => {
    expect(errorText({ code: 'FORWARD_NUMBER_NEEDED', number: '+14155550123' })).toBe(
      '`+14155550123` is the last forward number, and closed hours forward calls to the forward numbers, so those calls would have nowhere to go. Change closed hours first (e.g. to voicemail), then remove it.',
    );
  });

  it('say when the user has no forward numbers at all', () => {
    expect(errorText({ code: 'FORWARD_NUMBER_NOT_FOUND', number: '+14155550123', numbers: [] })).toBe(
      "`+14155550123` is not one of the user's forward numbers. They have no forward numbers.",
    );
  });
});
