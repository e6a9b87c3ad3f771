import { z } from 'zod';
import type { DomainError } from './errors.ts';
import { err, ok, type Result } from './result.ts';
import { type BusinessHours, type DayHours, WEEKDAYS, type Weekday } from './settings.ts';

type HoursError = Extract<DomainError, { code: 'HOURS_INVALID' }>;
type Problem = HoursError['problem'];

const DAY_WORDS: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};

/** A day as people write it: `mon`, `Monday`, `THURS`; undefined for anything else. */
export function readWeekday(word: string): Weekday | undefined {
  const lowered = word.toLowerCase();
  return Object.hasOwn(DAY_WORDS, lowered) ? DAY_WORDS[lowered] : undefined;
}

const ALWAYS_WORDS = new Set(['24/7', '24x7']);

/** Thrown inside the parser and caught at its edge, so each rule reads as one line. */
class Refusal extends Error {
  constructor(readonly error: HoursError) {
    super(error.problem);
  }
}

function refuse(problem: Problem, part: string, extra: { within?: string; day?: Weekday } = {}): never {
  const error: HoursError = { code: 'HOURS_INVALID', problem, part };
  if (extra.within !== undefined && extra.within !== part) error.within = extra.within;
  if (extra.day !== undefined) error.day = extra.day;
  throw new Refusal(error);
}

/**
 * Reads the business hours an admin types after `/phone hours <user>`: `24/7`, or day specs such as
 * `mon-fri 09:00-17:00 sat 10:00-14:00 sun closed`. Days are `mon`..`sun` or full names in any case, joined by
 * commas or as ranges (`fri-mon` wraps round the weekend); each group of days is followed by one interval,
 * `closed` or `24h`. An interval whose end is earlier than its start runs past midnight (a night shift). Days
 * not named are closed.
 */
export function parseHoursText(text: string): Result<BusinessHours> {
  try {
    return ok(readHours(text));
  } catch (error) {
    if (error instanceof Refusal) return err(error.error);
    throw error;
  }
}

/**
 * Digits of any script as 0–9 (`٠٩:٠٠`, `０９：００`, `०९:००` are 09:00), and the full-width colon and dashes as
 * their ASCII selves, so a time typed on another keyboard is read as a time, never as a day. Unicode keeps each
 * script's digits as a run of ten from 0, so a digit's value is its place in its run.
 */
export function asciiDigits(text: string): string {
  return text
    .replace(/\p{Nd}/gu, (digit) => {
      let place = 0;
      for (let at = digit.codePointAt(0) as number; /\p{Nd}/u.test(String.fromCodePoint(at - 1)); at--)
        place++;
      return String(place % 10);
    })
    .replace(/\uff1a/g, ':')
    .replace(/[\uff0d\u2212\u301c\uff5e]/g, '-');
}

function readHours(text: string): BusinessHours {
  // Spaces around a dash are typing noise (`mon - fri`, `09:00 – 17:00`); commas separate like spaces, since the
  // days named before each day's hours add up: `mon,wed,fri 08:30-12:00` and `mon wed fri 08:30-12:00` are one.
  // Runs of spaces become one first: `\s*` before the dash would rescan a long run from each of its characters.
  const words = asciiDigits(text)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ ?([-\u2010-\u2014]) ?/g, '$1')
    .split(/[\s,]+/)
    .filter((word) => word !== '');
  if (words.length === 0) refuse('nothing', '');
  if (words.some((word) => ALWAYS_WORDS.has(word.toLowerCase()))) {
    if (words.length > 1) refuse('always_alone', words.join(' '));
    return { kind: 'always' };
  }

  const days = new Map<Weekday, DayHours>();
  let pending: { days: Weekday[]; words: string[] } | undefined;
  let lastValue: string | undefined;
  for (const word of words) {
    const value = readDayValue(word);
    if (value) {
      if (!pending) {
        if (lastValue !== undefined) refuse('one_interval', word, { within: `${lastValue} ${word}` });
        refuse('no_days', word);
      }
      for (const day of pending.days) days.set(day, value);
      pending = undefined;
      lastValue = word;
      continue;
    }
    const held = pending ?? { days: [], words: [] };
    for (const day of readDays(word)) {
      if (days.has(day) || held.days.includes(day)) refuse('day_twice', day, { within: word, day });
      held.days.push(day);
    }
    held.words.push(word);
    pending = held;
  }
  if (pending) refuse('no_hours', pending.words.join(' '));
  return {
    kind: 'weekly',
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, days.get(day) ?? { type: 'closed' }])) as Record<
      Weekday,
      DayHours
    >,
  };
}

/**
 * `closed`, `24h` or an interval; undefined for a word that is not a day's hours (and so may be days). A word
 * with a digit in it is hours, well or badly written: no day has a digit. `00:00-24:00` is the whole day.
 */
function readDayValue(word: string): DayHours | undefined {
  const lowered = word.toLowerCase();
  if (lowered === 'closed') return { type: 'closed' };
  if (lowered === '24h') return { type: '24h' };
  if (!/\d/.test(word)) return undefined;
  const ends = word.split(/[-\u2010-\u2014]/);
  const [from, to] = ends;
  if (ends.length !== 2 || from === undefined || to === undefined) refuse('time_format', word);
  const start = readTime(from, word, false);
  const end = readTime(to, word, true);
  if (start === '00:00' && /^0?24:00$/.test(to)) return { type: '24h' };
  if (start === end) refuse('zero_length', word);
  return { type: 'interval', from: start, to: end };
}

/** `9:05` or `09:05` → `09:05`. `24:00` is accepted as an end and means midnight. */
function readTime(time: string, word: string, isEnd: boolean): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) refuse('time_format', word);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (isEnd && hour === 24 && minute === 0) return '00:00';
  if (hour > 23) refuse('hour', time, { within: word });
  if (minute > 59) refuse('minute', time, { within: word });
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

/** `mon`, `Monday`, or a range: `mon-fri`, `fri-mon` (which wraps round the weekend). */
function readDays(word: string): Weekday[] {
  const ends = word.split(/[-\u2010-\u2014]/);
  const [from, to] = ends;
  if (ends.length > 2 || from === undefined || from === '' || to === '') refuse('unknown_word', word);
  const start = dayOf(from, word);
  return to === undefined ? [start] : dayRange(start, dayOf(to, word));
}

function dayOf(piece: string, word: string): Weekday {
  const day = readWeekday(piece);
  if (day) return day;
  // A lone word that is no day (`open`, `clsoed`) may have been meant as hours; one inside a list or range was a day.
  refuse(piece === word ? 'unknown_word' : 'unknown_day', piece, { within: word });
}

function dayRange(from: Weekday, to: Weekday): Weekday[] {
  const start = WEEKDAYS.indexOf(from);
  const length = ((WEEKDAYS.indexOf(to) - start + 7) % 7) + 1;
  return Array.from({ length }, (_, offset) => WEEKDAYS[(start + offset) % 7] as Weekday);
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const dayHours = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('closed') }),
  z.strictObject({ type: z.literal('24h') }),
  z.strictObject({ type: z.literal('interval'), from: time, to: time }),
]);
const businessHoursSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({
    kind: z.literal('weekly'),
    days: z.strictObject(
      Object.fromEntries(WEEKDAYS.map((day) => [day, dayHours])) as Record<Weekday, typeof dayHours>,
    ),
  }),
]);

/**
 * Checks a whole business-hours document (a form submits one): its shape, then every day's times, naming the day
 * at fault with the same problems the text shortcut reports.
 */
export function validateBusinessHours(doc: unknown): Result<BusinessHours> {
  const parsed = businessHoursSchema.safeParse(doc);
  if (parsed.success) {
    if (parsed.data.kind === 'always') return ok(parsed.data);
    for (const day of WEEKDAYS) {
      const hours = parsed.data.days[day];
      if (hours.type === 'interval' && hours.from === hours.to) {
        return err({ code: 'HOURS_INVALID', problem: 'zero_length', part: `${hours.from}-${hours.to}`, day });
      }
    }
    return ok(parsed.data);
  }
  return err(documentProblem(doc, parsed.error.issues[0]?.path ?? []));
}

function documentProblem(doc: unknown, path: PropertyKey[]): HoursError {
  const [, day, field] = path;
  const isDay = typeof day === 'string' && (WEEKDAYS as readonly string[]).includes(day);
  if (isDay && (field === 'from' || field === 'to')) {
    const value = (doc as { days: Record<string, Record<string, unknown>> }).days[day]?.[field];
    const shown = typeof value === 'string' ? value : String(value);
    const problem = timeProblem(shown);
    return { code: 'HOURS_INVALID', problem, part: shown, day };
  }
  return {
    code: 'HOURS_INVALID',
    problem: 'document',
    part: path.map(String).join('.') || 'kind',
    ...(isDay ? { day } : {}),
  };
}

function timeProblem(value: string): Problem {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return 'time_format';
  return Number(match[1]) > 23 ? 'hour' : 'minute';
}

/** Whether two schedules open the same hours (stored documents may list their keys in any order). */
export function sameHours(a: BusinessHours, b: BusinessHours): boolean {
  if (a.kind === 'always' || b.kind === 'always') return a.kind === b.kind;
  return WEEKDAYS.every((day) => {
    const x = a.days[day];
    const y = b.days[day];
    if (x.type !== 'interval' || y.type !== 'interval') return x.type === y.type;
    return x.from === y.from && x.to === y.to;
  });
}

/**
 * Hours written the way `parseHoursText` reads them, runs of days alike joined: `24/7`, or
 * `mon-fri 09:00-17:00 sat-sun closed`.
 */
export function hoursSpec(hours: BusinessHours): string {
  if (hours.kind === 'always') return '24/7';
  const spec = (day: DayHours) => (day.type === 'interval' ? `${day.from}-${day.to}` : day.type);
  const runs: { first: Weekday; last: Weekday; spec: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = spec(hours.days[day]);
    const run = runs.at(-1);
    if (run && run.spec === text) run.last = day;
    else runs.push({ first: day, last: day, spec: text });
  }
  return runs
    .map((run) => `${run.first === run.last ? run.first : `${run.first}-${run.last}`} ${run.spec}`)
    .join(' ');
}
