import { describe, expect, it } from 'vitest';
import { asciiDigits, parseHoursText, sameHours, validateBusinessHours } from '../../../src/domain/hours.ts';
import type { BusinessHours, DayHours, Weekday } from '../../../src/domain/settings.ts';
import { growthRatio, LINEAR_GROWTH_BOUND } from '../../support/growth.ts';

const closed: DayHours = { type: 'closed' };
const allDay: DayHours = { type: '24h' };
const open = (from: string, to: string): DayHours => ({ type: 'interval', from, to });

/** A weekly schedule: the days given, every other day closed. */
function weekly(days: Partial<Record<Weekday, DayHours>>): BusinessHours {
  return {
    kind: 'weekly',
    days: {
      mon: closed,
      tue: closed,
      wed: closed,
      thu: closed,
      fri: closed,
      sat: closed,
      sun: closed,
      ...days,
    },
  };
}

const nineToFive = open('09:00', '17:00');

describe('parseHoursText', () => {
  it.each(['24/7', ' 24/7 ', '24x7', '24X7'])('reads %j as open all week', (text) => {
    expect(parseHoursText(text)).toEqual({ ok: true, value: { kind: 'always' } });
  });

  it.each<[string, BusinessHours]>([
    [
      'mon-fri 09:00-17:00 sat 10:00-14:00',
      weekly({
        mon: nineToFive,
        tue: nineToFive,
        wed: nineToFive,
        thu: nineToFive,
        fri: nineToFive,
        sat: open('10:00', '14:00'),
      }),
    ],
    [
      'mon,wed,fri 08:30-12:00 tue 24h sun closed',
      weekly({
        mon: open('08:30', '12:00'),
        wed: open('08:30', '12:00'),
        fri: open('08:30', '12:00'),
        tue: allDay,
      }),
    ],
    [
      'mon-fri 22:00-06:00',
      weekly({
        mon: open('22:00', '06:00'),
        tue: open('22:00', '06:00'),
        wed: open('22:00', '06:00'),
        thu: open('22:00', '06:00'),
        fri: open('22:00', '06:00'),
      }),
    ],
    [
      'fri-mon 10:00-16:00',
      weekly({
        fri: open('10:00', '16:00'),
        sat: open('10:00', '16:00'),
        sun: open('10:00', '16:00'),
        mon: open('10:00', '16:00'),
      }),
    ],
    ['Monday 9:00-17:30', weekly({ mon: open('09:00', '17:30') })],
    [
      'MON-FRI 09:00-17:00',
      weekly({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }),
    ],
    ['tuesday, Thursday 09:00-17:00', weekly({ tue: nineToFive, thu: nineToFive })],
    ['mon - wed 09:00 - 17:00', weekly({ mon: nineToFive, tue: nineToFive, wed: nineToFive })],
    ['mon–wed 09:00–17:00', weekly({ mon: nineToFive, tue: nineToFive, wed: nineToFive })],
    [
      'mon-fri 09:00-17:00, sat 10:00-14:00',
      weekly({
        mon: nineToFive,
        tue: nineToFive,
        wed: nineToFive,
        thu: nineToFive,
        fri: nineToFive,
        sat: open('10:00', '14:00'),
      }),
    ],
    ['sat sun 24h', weekly({ sat: allDay, sun: allDay })],
    ['mon 18:00-24:00', weekly({ mon: open('18:00', '00:00') })],
    ['mon-sun closed', weekly({})],
    ['thurs 00:00-23:59', weekly({ thu: open('00:00', '23:59') })],
  ])('reads %j, leaving days not named closed', (text, expected) => {
    expect(parseHoursText(text)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Record<string, unknown>]>([
    ['', { problem: 'nothing', part: '' }],
    ['   ', { problem: 'nothing', part: '' }],
    ['mon-fri 25:00-17:00', { problem: 'hour', part: '25:00', within: '25:00-17:00' }],
    ['mon-fri 09:00-25:00', { problem: 'hour', part: '25:00', within: '09:00-25:00' }],
    ['mon 24:00-08:00', { problem: 'hour', part: '24:00', within: '24:00-08:00' }],
    ['mon-fri 09:60-17:00', { problem: 'minute', part: '09:60', within: '09:60-17:00' }],
    ['mon-fri 09:00-09:00', { problem: 'zero_length', part: '09:00-09:00' }],
    ['mon 00:00-00:00', { problem: 'zero_length', part: '00:00-00:00' }],
    ['mon-fri 9:00am-5:00pm', { problem: 'time_format', part: '9:00am-5:00pm' }],
    ['mon-fri9:00-17:00', { problem: 'time_format', part: 'mon-fri9:00-17:00' }],
    ['mon-fry 09:00-17:00', { problem: 'unknown_day', part: 'fry', within: 'mon-fry' }],
    ['fry 09:00-17:00', { problem: 'unknown_word', part: 'fry' }],
    ['mon-fri open', { problem: 'unknown_word', part: 'open' }],
    // Words an object holds by inheritance are no days either.
    ['constructor 09:00-17:00', { problem: 'unknown_word', part: 'constructor' }],
    ['mon-__proto__ 09:00-17:00', { problem: 'unknown_day', part: '__proto__', within: 'mon-__proto__' }],
    ['mon-fri 9-17', { problem: 'time_format', part: '9-17' }],
    ['mon-fri 0900-1700', { problem: 'time_format', part: '0900-1700' }],
    ['mon-fri 9am-5pm', { problem: 'time_format', part: '9am-5pm' }],
    ['mon-fri 09:00', { problem: 'time_format', part: '09:00' }],
    ['mon-fri 09:00-17:00-18:00', { problem: 'time_format', part: '09:00-17:00-18:00' }],
    ['mon-fri 09:00-17:00 fri 10:00-12:00', { problem: 'day_twice', part: 'fri', day: 'fri' }],
    ['mon,mon 09:00-17:00', { problem: 'day_twice', part: 'mon', day: 'mon' }],
    ['mon-wed tue 09:00-17:00', { problem: 'day_twice', part: 'tue', day: 'tue' }],
    ['mon-fri', { problem: 'no_hours', part: 'mon-fri' }],
    ['mon-fri 09:00-17:00 sat sun', { problem: 'no_hours', part: 'sat sun' }],
    ['09:00-17:00', { problem: 'no_days', part: '09:00-17:00' }],
    ['closed', { problem: 'no_days', part: 'closed' }],
    [
      'mon 09:00-12:00 13:00-17:00',
      { problem: 'one_interval', part: '13:00-17:00', within: '09:00-12:00 13:00-17:00' },
    ],
    ['24/7 sat closed', { problem: 'always_alone', part: '24/7 sat closed' }],
    ['mon-tue-wed 09:00-17:00', { problem: 'unknown_word', part: 'mon-tue-wed' }],
  ])('refuses %j, naming the part at fault', (text, expected) => {
    const result = parseHoursText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ code: 'HOURS_INVALID', ...expected });
  });

  it('reads spaces around a dash however many there are', () => {
    expect(parseHoursText(`mon ${' \t '.repeat(50)}- \u00a0 fri 09:00 \n–\n 17:00`)).toEqual(
      parseHoursText('mon-fri 09:00-17:00'),
    );
  });

  it.each([
    ['a long run of spaces', (n: number) => `mon${' '.repeat(n - 4)}x`],
    ['many spaced dashes', (n: number) => `mon${' - '.repeat((n - 3) / 3)}`],
    ['many day ranges', (n: number) => `mon${'-fri'.repeat((n - 3) / 4)}`],
  ])('reads hours text with %s in linear time', (_, text) => {
    expect(growthRatio(parseHoursText, text(4_000), text(40_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });
});

describe('whole days and times in other digits', () => {
  const whole = { type: '24h' } as const;

  it.each(['mon-fri 00:00-24:00', 'mon-fri 0:00-24:00', 'mon-fri 00:00 - 24:00'])(
    'reads %j as open the whole day',
    (text) => {
      expect(parseHoursText(text)).toEqual({
        ok: true,
        value: weekly({ mon: whole, tue: whole, wed: whole, thu: whole, fri: whole }),
      });
    },
  );

  it.each([
    ['Arabic-Indic digits', 'mon ٠٩:٠٠-١٧:٠٠'],
    ['Eastern Arabic digits', 'mon ۰۹:۰۰-۱۷:۰۰'],
    ['full-width digits, colon and dash', 'mon ０９：００－１７：００'],
    ['Devanagari digits', 'mon ०९:००-१७:००'],
    ['Bengali digits', 'mon ০৯:০০-১৭:০০'],
    ['mathematical bold digits', 'mon 𝟎𝟗:𝟎𝟎-𝟏𝟕:𝟎𝟎'],
  ])('reads a time written in %s as that time', (_, text) => {
    expect(parseHoursText(text)).toEqual({ ok: true, value: weekly({ mon: nineToFive }) });
  });

  it.each([
    ['mon ٩ص-٥م', '9ص-5م'],
    ['mon ９時-17時', '9時-17時'],
    ['mon-٣', 'mon-3'],
  ])('refuses %j as a badly written time, never as an unknown day', (text, part) => {
    expect(parseHoursText(text)).toEqual({
      ok: false,
      error: { code: 'HOURS_INVALID', problem: 'time_format', part },
    });
  });

  it('says a time in other digits needs days before it, like any time', () => {
    expect(parseHoursText('٠٩:٠٠-١٧:٠٠')).toMatchObject({ ok: false, error: { problem: 'no_days' } });
  });
});

describe('asciiDigits', () => {
  it('turns the digits of every script into 0 to 9 and leaves the rest alone', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ０１２３４５６７８９ ०१२३४५६७८९ mon')).toBe(
      '0123456789 0123456789 0123456789 mon',
    );
  });
});

describe('validateBusinessHours', () => {
  it('accepts 24/7 and a weekly schedule with a night shift', () => {
    const hours = weekly({ mon: open('22:00', '06:00'), tue: allDay, wed: nineToFive });
    expect(validateBusinessHours({ kind: 'always' })).toEqual({ ok: true, value: { kind: 'always' } });
    expect(validateBusinessHours(hours)).toEqual({ ok: true, value: hours });
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    [
      'an hour past 23',
      weekly({ tue: open('25:00', '17:00') }),
      { problem: 'hour', part: '25:00', day: 'tue' },
    ],
    [
      'a minute past 59',
      weekly({ wed: open('09:00', '17:60') }),
      { problem: 'minute', part: '17:60', day: 'wed' },
    ],
    [
      'a time without minutes',
      weekly({ thu: open('9', '17:00') }),
      { problem: 'time_format', part: '9', day: 'thu' },
    ],
    [
      'a time of one digit',
      weekly({ thu: open('9:00', '17:00') }),
      { problem: 'time_format', part: '9:00', day: 'thu' },
    ],
    [
      'an interval of zero length',
      weekly({ fri: open('09:00', '09:00') }),
      { problem: 'zero_length', part: '09:00-09:00', day: 'fri' },
    ],
    [
      'an unknown day type',
      weekly({ sat: { type: 'lunch' } as unknown as DayHours }),
      { problem: 'document', part: 'days.sat.type', day: 'sat' },
    ],
    [
      'a missing day',
      { kind: 'weekly', days: { mon: closed } },
      { problem: 'document', part: 'days.tue', day: 'tue' },
    ],
    ['an unknown kind', { kind: 'sometimes' }, { problem: 'document', part: 'kind' }],
    ['no document at all', null, { problem: 'document', part: 'kind' }],
    ['an extra field', { kind: 'always', note: 'x' }, { problem: 'document' }],
  ])('refuses %s, naming the day', (_, doc, expected) => {
    const result = validateBusinessHours(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'HOURS_INVALID', ...expected });
  });
});

describe('sameHours', () => {
  it('compares what is open, not how the document lists it', () => {
    const a = weekly({ mon: nineToFive });
    const b = JSON.parse(JSON.stringify({ days: a.kind === 'weekly' ? a.days : {}, kind: 'weekly' }));
    expect(sameHours(a, b)).toBe(true);
    expect(sameHours(a, weekly({ mon: open('09:00', '17:30') }))).toBe(false);
    expect(sameHours(a, weekly({ tue: nineToFive }))).toBe(false);
    expect(sameHours({ kind: 'always' }, { kind: 'always' })).toBe(true);
    expect(sameHours({ kind: 'always' }, a)).toBe(false);
  });
});
