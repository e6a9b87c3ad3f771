import { type BusinessHours, type DayHours, WEEKDAYS, type Weekday } from '../../../domain/settings.ts';

/**
 * A person's business hours the way Zoom Phone writes them in `business_hours_settings`: `business_hour_type` 1
 * is open around the clock, 2 is per-day hours; each day's `type` is 0 closed, 1 all day, 2 from–to (HH:mm).
 * Zoom numbers the days from Sunday (1) to Saturday (7), as in its other APIs.
 */
export type ZoomBusinessHours = {
  business_hour_type: 1 | 2;
  business_hours?: ZoomDayHours[];
};

export type ZoomDayHours = {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  type: 0 | 1 | 2;
  from?: string;
  to?: string;
};

const ZOOM_WEEKDAY: Record<Weekday, ZoomDayHours['weekday']> = {
  sun: 1,
  mon: 2,
  tue: 3,
  wed: 4,
  thu: 5,
  fri: 6,
  sat: 7,
};

export function toZoomHours(hours: BusinessHours): ZoomBusinessHours {
  if (hours.kind === 'always') return { business_hour_type: 1 };
  const business_hours = [...WEEKDAYS]
    .sort((a, b) => ZOOM_WEEKDAY[a] - ZOOM_WEEKDAY[b])
    .map((day) => toZoomDay(ZOOM_WEEKDAY[day], hours.days[day]));
  return { business_hour_type: 2, business_hours };
}

function toZoomDay(weekday: ZoomDayHours['weekday'], day: DayHours): ZoomDayHours {
  if (day.type === 'closed') return { weekday, type: 0 };
  if (day.type === '24h') return { weekday, type: 1 };
  return { weekday, type: 2, from: day.from, to: day.to };
}

/**
 * Whether what Zoom holds already means `wanted`. Days Zoom leaves out count as closed; the hours of a day that is
 * not from–to are ignored, since Zoom may keep them behind a closed or all-day day. An answer without hours is
 * taken as open around the clock, so that it does not make every plan send them again.
 */
export function sameHours(zoom: ZoomBusinessHours | null, wanted: ZoomBusinessHours): boolean {
  if (zoom === null) return wanted.business_hour_type === 1;
  if (zoom.business_hour_type !== wanted.business_hour_type) return false;
  if (wanted.business_hour_type === 1) return true;
  return (wanted.business_hours ?? []).every((day) => {
    const held = zoom.business_hours?.find((candidate) => candidate.weekday === day.weekday);
    const type = held?.type ?? 0;
    if (type !== day.type) return false;
    return day.type !== 2 || (sameTime(held?.from, day.from) && sameTime(held?.to, day.to));
  });
}

/** "9:00" and "09:00" are the same time. */
const sameTime = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.padStart(5, '0') === b.padStart(5, '0');
