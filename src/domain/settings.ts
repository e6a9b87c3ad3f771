/**
 * What a phone user's settings look like. The call-handling parts are stored as JSON documents (validated by the
 * rules in hours.ts and call-handling.ts before every write); everything that needs a database guarantee
 * (desk phone MACs, delegations, blocked numbers, addresses) has a table of its own.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** One day: closed, open all day, or one interval; `to` earlier than `from` runs past midnight (a night shift). */
export type DayHours = { type: 'closed' } | { type: '24h' } | { type: 'interval'; from: string; to: string };

export type BusinessHours = { kind: 'always' } | { kind: 'weekly'; days: Record<Weekday, DayHours> };

export type RingMode = 'simultaneous' | 'sequential';

export type ForwardNumber = { number: string; description: string };

/** Where a call rings during business hours. Sequential mode rings them in this order. */
export type RouteTarget =
  | { kind: 'apps' }
  | { kind: 'desk_phone'; mac: string }
  | { kind: 'forward'; number: string };
export type Route = RouteTarget & { enabled: boolean; ringSeconds: number };

export type UnansweredAction = { action: 'voicemail'; greetingId: number | null } | { action: 'disconnect' };

export type ClosedHoursAction =
  | { action: 'voicemail'; greetingId: number | null }
  | { action: 'message'; audioId: number | null }
  | { action: 'disconnect' }
  | { action: 'forward' };

export type HoldMusic = { kind: 'default' } | { kind: 'none' } | { kind: 'audio'; audioId: number };

export type CallerId = { kind: 'hidden' } | { kind: 'number'; number: string };

export const AUDIO_PROMPT_LANGUAGES = [
  'en-US',
  'en-GB',
  'es-US',
  'fr-CA',
  'da-DK',
  'de-DE',
  'es-ES',
  'fr-FR',
  'it-IT',
  'nl-NL',
  'pt-PT',
  'ja-JP',
  'ko-KO',
  'pt-BR',
  'zh-CN',
  'zh-TW',
] as const;
export type AudioPromptLanguage = (typeof AUDIO_PROMPT_LANGUAGES)[number];

export const DEFAULT_PIN = '000000';
export const MAX_FORWARD_NUMBERS = 10;
export const MAX_DESK_PHONES = 3;
export const MAX_ASSISTANTS = 15;
export const RING_SECONDS = { min: 10, max: 60, step: 5, default: 20 } as const;
export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;

export const DEFAULT_ROUTES: Route[] = [{ kind: 'apps', enabled: true, ringSeconds: RING_SECONDS.default }];
