import type { AccountSettingKept, AccountSettings } from '../../../domain/phone-account.ts';
import { type BusinessHours, type DayHours, WEEKDAYS, type Weekday } from '../../../domain/settings.ts';
import type { ZoomBusinessHours } from './hours.ts';
import type { ZoomSnapshot } from './snapshot.ts';

/** Zoom numbers the days from Sunday (1). */
const WEEKDAY_OF: Record<number, Weekday> = {
  1: 'sun',
  2: 'mon',
  3: 'tue',
  4: 'wed',
  5: 'thu',
  6: 'fri',
  7: 'sat',
};

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * A person's settings as Zoom holds them, in Switchboard's terms: the inverse of what a plan sends. Assistants are
 * named by email through `emailOfExtension`; an emergency address that is a site's default (`siteDefaultIds`) is
 * no personal address. What Switchboard cannot hold is named in `kept`, never guessed at.
 */
export function accountSettingsOf(
  snapshot: ZoomSnapshot,
  siteDefaultIds: ReadonlySet<string>,
  emailOfExtension: (extensionId: string) => string | undefined,
): AccountSettings | undefined {
  const { phoneUser, settings } = snapshot;
  if (!phoneUser || !settings) return undefined;
  const kept = new Set<AccountSettingKept>();
  const music = settings.musicOnHoldId ?? '';
  if (music !== '' && music !== '0') kept.add('hold_music_audio');
  const hours = hoursOf(settings.businessHours);
  if (hours === null) kept.add('hours_unreadable');
  const assistants: string[] = [];
  for (const extensionId of settings.assistantExtensionIds) {
    const email = emailOfExtension(extensionId);
    if (email) assistants.push(email);
    else kept.add('assistant_not_a_person');
  }
  const blocked: AccountSettings['blocked'] = [];
  for (const rule of snapshot.blockedRules) {
    if (rule.matchType === 'phoneNumber') blocked.push({ kind: 'number', value: rule.value });
    else if (rule.matchType === 'prefix') blocked.push({ kind: 'prefix', value: rule.value });
    else kept.add('blocked_rule_kind');
  }
  const address = phoneUser.emergencyAddress;
  const shown = settings.outboundCallerNumber ?? '';
  return {
    businessHours: hours ?? { kind: 'always' },
    holdMusic: music === '0' ? 'none' : 'default',
    callerId: shown === '' ? { kind: 'hidden' } : { kind: 'number', number: shown },
    areaCode: settings.areaCode ? settings.areaCode : null,
    language: settings.audioPromptLanguage ? settings.audioPromptLanguage : null,
    voicemailPin: settings.pinCode ? settings.pinCode : null,
    emergencyAddress:
      address && !siteDefaultIds.has(address.id)
        ? {
            line1: address.line1,
            line2: address.line2,
            city: address.city,
            state: address.stateCode,
            postalCode: address.zip,
            country: address.country,
          }
        : null,
    deskPhones: settings.deskPhones.flatMap((device) =>
      device.mac ? [{ mac: device.mac, model: device.model?.trim() || 'Desk phone' }] : [],
    ),
    assistants,
    blocked,
    kept: [...kept],
  };
}

/**
 * Zoom's business hours as Switchboard's; no hours at all is open around the clock, as Zoom treats it. `null` when
 * a day's times are not times.
 */
export function hoursOf(zoom: ZoomBusinessHours | null): BusinessHours | null {
  if (zoom === null || zoom.business_hour_type === 1) return { kind: 'always' };
  const days = Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'closed' }])) as Record<
    Weekday,
    DayHours
  >;
  for (const held of zoom.business_hours ?? []) {
    const day = WEEKDAY_OF[held.weekday];
    if (!day) return null;
    if (held.type === 1) days[day] = { type: '24h' };
    else if (held.type === 2) {
      const from = time(held.from);
      const to = time(held.to);
      if (!from || !to) return null;
      days[day] = { type: 'interval', from, to };
    }
  }
  return { kind: 'weekly', days };
}

/** "9:00" as "09:00"; `undefined` for anything else. */
function time(text: string | undefined): string | undefined {
  const match = TIME.exec(text?.trim() ?? '');
  return match ? `${(match[1] ?? '').padStart(2, '0')}:${match[2]}` : undefined;
}
