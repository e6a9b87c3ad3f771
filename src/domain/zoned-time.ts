import { WEEKDAYS, type Weekday } from './settings.ts';

/** A wall-clock moment in a time zone: what a clock on the callee's desk shows. */
export type LocalTime = {
  zone: string;
  /** `2026-03-29` */
  date: string;
  day: Weekday;
  /** Minutes since local midnight, 0 to 1439. */
  minutes: number;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function fieldsAt(instant: number, zone: string): Fields & { weekday: Weekday } {
  const parts: Record<string, string> = {};
  for (const part of formatOf(zone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines still write midnight as 24 under h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: (parts.weekday ?? '').slice(0, 3).toLowerCase() as Weekday,
  };
}

/** The wall-clock time in `zone` at `instant` (an IANA name this runtime knows). */
export function localTimeAt(instant: Date, zone: string): LocalTime {
  const f = fieldsAt(instant.getTime(), zone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    zone,
    date: `${f.year}-${pad(f.month)}-${pad(f.day)}`,
    day: f.weekday,
    minutes: f.hour * 60 + f.minute,
  };
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(instant: number, zone: string): number {
  const f = fieldsAt(instant, zone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `zone` shows `minutes` past midnight on the date `wallDay` (a UTC midnight standing
 * for that local date). As clocks do: a time skipped when summer time starts (02:30 on that night) is read an hour
 * on, as if the clock had not jumped yet; a time shown twice when it ends is the first of the two.
 */
function instantOfWallTime(wallDay: number, minutes: number, zone: string): number {
  const wall = wallDay + minutes * MINUTE;
  const before = offsetAt(wall - DAY / 2, zone);
  const after = offsetAt(wall + DAY / 2, zone);
  const fits = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => {
      const f = fieldsAt(instant, zone);
      return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) === wall;
    });
  if (fits.length > 0) return Math.min(...fits);
  return wall - Math.min(before, after);
}

/**
 * The next moment at or after `now` (to the minute) when a clock in `zone` shows `day` at `minutes` past
 * midnight: `mon 09:30` asked on a Monday at 10:00 is next Monday's.
 */
export function nextLocalMoment(day: Weekday, minutes: number, zone: string, now: Date): Date {
  const from = Math.floor(now.getTime() / MINUTE) * MINUTE;
  const today = fieldsAt(from, zone);
  const todayWall = Date.UTC(today.year, today.month - 1, today.day);
  const ahead = (WEEKDAYS.indexOf(day) - WEEKDAYS.indexOf(today.weekday) + 7) % 7;
  for (const weeks of [0, 7, 14]) {
    const instant = instantOfWallTime(todayWall + (ahead + weeks) * DAY, minutes, zone);
    if (instant >= from) return new Date(instant);
  }
  throw new Error(`No ${day} ${minutes} found in ${zone} after ${now.toISOString()}`);
}

/** `HH:MM` as minutes since midnight; `24:00` is 1440, the end of the day. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** Minutes since midnight as `HH:MM`. */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
