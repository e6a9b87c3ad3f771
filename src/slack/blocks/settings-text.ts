import { addressLine, type EmergencyAddress } from '../../domain/address.ts';
import { macWithColons } from '../../domain/mac.ts';
import type {
  BusinessHours,
  CallerId,
  ClosedHoursAction,
  DayHours,
  HoldMusic,
  Route,
  UnansweredAction,
  Weekday,
} from '../../domain/settings.ts';
import { WEEKDAY_NAMES, WEEKDAYS } from '../../domain/settings.ts';
import { escapeText } from '../format.ts';

/** Mon, Tue… */
const DAY_NAMES = Object.fromEntries(WEEKDAYS.map((day) => [day, WEEKDAY_NAMES[day].slice(0, 3)])) as Record<
  Weekday,
  string
>;

function dayText(day: DayHours): string {
  if (day.type === 'closed') return 'closed';
  if (day.type === '24h') return '24 hours';
  return `${day.from}–${day.to}${day.to <= day.from ? ' (next day)' : ''}`;
}

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00 · Sun closed": consecutive days with the same hours are joined. */
export function hoursText(hours: BusinessHours): string {
  if (hours.kind === 'always') return '24/7';
  const runs: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = dayText(hours.days[day]);
    const last = runs.at(-1);
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  return runs
    .map((run) => `${DAY_NAMES[run.from]}${run.to !== run.from ? `–${DAY_NAMES[run.to]}` : ''} ${run.text}`)
    .join(' · ');
}

export function unansweredText(action: UnansweredAction): string {
  return action.action === 'voicemail'
    ? `Voicemail${action.greetingId ? ' (own greeting)' : ''}`
    : 'Disconnect';
}

export function closedText(action: ClosedHoursAction): string {
  switch (action.action) {
    case 'voicemail':
      return `Voicemail${action.greetingId ? ' (own greeting)' : ''}`;
    case 'message':
      return 'Play a message, then disconnect';
    case 'disconnect':
      return 'Disconnect';
    case 'forward':
      return 'Forward to the forward numbers';
  }
}

export function holdMusicText(music: HoldMusic): string {
  if (music.kind === 'default') return 'Default';
  if (music.kind === 'none') return 'None';
  return 'Own audio';
}

export const callerIdText = (id: CallerId) => (id.kind === 'hidden' ? 'Hidden' : id.number);

export function routeText(route: Route, deskPhoneModel: (mac: string) => string | undefined): string {
  const target =
    route.kind === 'apps'
      ? 'Desktop and mobile apps'
      : route.kind === 'desk_phone'
        ? `Desk phone ${escapeText(deskPhoneModel(route.mac) ?? '')} ${formatMac(route.mac)}`.replace(
            /\s+/g,
            ' ',
          )
        : `Forward to ${route.number}`;
  return `${route.enabled ? '✓' : '✗'} ${target} (${route.ringSeconds} s)`;
}

/** A MAC as people read it (00:1A:2B:3C:4D:5E). */
export const formatMac = macWithColons;

export const addressText = (address: EmergencyAddress): string => escapeText(addressLine(address));
