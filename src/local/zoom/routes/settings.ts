import type { ZoomAccount } from '../account.ts';
import { AUDIO_PROMPT_LANGUAGES } from '../catalog.ts';
import { isZoomError, type ZoomError, zoomErrors } from '../errors.ts';
import type { BusinessHoursSettings, PhoneUser } from '../model.ts';
import { devicesOf } from './devices.ts';
import { numbersOf } from './phone-users.ts';
import { noContent, ok, phoneUserOf, type Route } from './route.ts';

const PIN = /^[0-9]{4,10}$/;
const MAX_ASSISTANTS = 15;
const READABLE_PRIVILEGE = 7;

function assistantsOf(account: ZoomAccount, p: PhoneUser) {
  return p.settings.delegation.assistants.flatMap((userId) => {
    const assistant = account.phoneUsers.get(userId);
    const user = account.users.get(userId);
    if (!assistant || !user) return [];
    return [
      {
        id: userId,
        extension_id: assistant.extensionId,
        extension_number: Number(assistant.extensionNumber),
        extension_type: 'user',
        display_name: `${user.firstName} ${user.lastName}`.trim(),
      },
    ];
  });
}

function addAssistant(account: ZoomAccount, p: PhoneUser, extensionId: unknown): ZoomError | undefined {
  if (typeof extensionId !== 'string' || extensionId === '')
    return zoomErrors.assistantInvalid('delegation_assistant_extension_id is required.');
  const assistant = account.findByExtensionId(extensionId);
  if (!assistant) return zoomErrors.extensionNotFound(extensionId);
  if (assistant === p) return zoomErrors.assistantInvalid('A user cannot be their own assistant.');
  const { delegation } = p.settings;
  if (delegation.assistants.includes(assistant.userId))
    return zoomErrors.assistantInvalid(`Extension ${extensionId} is already an assistant of the user.`);
  if (delegation.assistants.length >= MAX_ASSISTANTS) return zoomErrors.tooManyAssistants(MAX_ASSISTANTS);
  delegation.assistants.push(assistant.userId);
  return undefined;
}

function settingsOf(account: ZoomAccount, p: PhoneUser) {
  const s = p.settings;
  const numbers = numbersOf(account, p);
  return {
    area_code: s.areaCode,
    audio_prompt_language: s.audioPromptLanguage,
    music_on_hold_id: s.musicOnHoldId,
    extension_number: Number(p.extensionNumber),
    status: p.status === 'activate' ? 'Active' : 'Inactive',
    country: { code: 'US', country_code: '1', name: 'United States' },
    outbound_caller: { number: s.outboundCallerId },
    outbound_caller_ids: callerIds(account, p).map((number) => ({
      number,
      name: numbers.some((n) => n.number === number) ? 'Direct number' : 'Company number',
      is_default: number === s.outboundCallerId,
    })),
    desk_phone: { devices: devicesOf(account, p), phone_screen_lock: false, pin_code: s.pinCode },
    business_hours_settings: structuredClone(s.businessHours),
    delegation: {
      privacy: s.delegation.privacy,
      privileges: s.delegation.privileges,
      locked: s.delegation.locked,
      assistants: assistantsOf(account, p),
    },
  };
}

/** A person may show their own numbers and the company numbers on their caller ID list. */
function callerIds(account: ZoomAccount, p: PhoneUser): string[] {
  const company = p.customizedNumberIds.flatMap((id) => account.numbers.get(id)?.number ?? []);
  return [...numbersOf(account, p).map((n) => n.number), ...company];
}

function basic(account: ZoomAccount, p: PhoneUser, body: Record<string, unknown>): ZoomError | undefined {
  const { area_code, audio_prompt_language, music_on_hold_id, outbound_caller_id } = body;
  const hours = businessHours(body.business_hours_settings);
  if (hours && 'code' in hours) return hours;
  if (typeof area_code === 'string' && !/^[0-9]{0,5}$/.test(area_code))
    return zoomErrors.invalidField('area_code', 'The area code must be digits.');
  if (typeof audio_prompt_language === 'string' && !AUDIO_PROMPT_LANGUAGES.has(audio_prompt_language))
    return zoomErrors.invalidField('audio_prompt_language', `Unknown language ${audio_prompt_language}.`);
  if (
    typeof outbound_caller_id === 'string' &&
    outbound_caller_id !== '' &&
    !callerIds(account, p).includes(outbound_caller_id)
  )
    return zoomErrors.invalidField('outbound_caller_id', 'The caller ID must be one of the user’s numbers.');
  if (typeof area_code === 'string') p.settings.areaCode = area_code;
  if (typeof audio_prompt_language === 'string') p.settings.audioPromptLanguage = audio_prompt_language;
  if (typeof music_on_hold_id === 'string') p.settings.musicOnHoldId = music_on_hold_id;
  if (typeof outbound_caller_id === 'string') p.settings.outboundCallerId = outbound_caller_id;
  if (hours) p.settings.businessHours = hours;
  return undefined;
}

const HOUR = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * `business_hours_settings` as sent; Zoom documents type 1 (24×7) and 2 (custom, up to seven days of type 0
 * closed, 1 all day, 2 from–to).
 */
function businessHours(raw: unknown): BusinessHoursSettings | ZoomError | undefined {
  if (raw === undefined) return undefined;
  const invalid = (why: string) => zoomErrors.invalidField('business_hours_settings', why);
  const body = raw as Partial<BusinessHoursSettings> | null;
  if (!body || (body.business_hour_type !== 1 && body.business_hour_type !== 2))
    return invalid('business_hour_type must be 1 or 2.');
  if (body.business_hour_type === 1) return { business_hour_type: 1 };
  const days = body.business_hours ?? [];
  if (!Array.isArray(days) || days.length > 7) return invalid('business_hours holds at most seven days.');
  for (const day of days) {
    if (![1, 2, 3, 4, 5, 6, 7].includes(day.weekday)) return invalid('weekday must be 1 to 7.');
    if (![0, 1, 2].includes(day.type)) return invalid('type must be 0, 1 or 2.');
    if (day.type === 2 && !(HOUR.test(day.from ?? '') && HOUR.test(day.to ?? '')))
      return invalid('from and to must be HH:mm.');
  }
  return { business_hour_type: 2, business_hours: structuredClone(days) };
}

function typed(p: PhoneUser, settingType: string, body: Record<string, unknown>): ZoomError | undefined {
  if (settingType === 'desk_phone') {
    const pin = (body.desk_phone as { pin_code?: unknown } | undefined)?.pin_code;
    if (pin === undefined) return undefined;
    if (typeof pin !== 'string' || !PIN.test(pin))
      return zoomErrors.invalidField('desk_phone.pin_code', 'The PIN must be 4 to 10 digits.');
    p.settings.pinCode = pin;
    return undefined;
  }
  if (settingType === 'delegation') {
    const d = body.delegation as
      | Partial<{ privacy: boolean; privileges: number[]; locked: boolean }>
      | undefined;
    if (!d) return zoomErrors.invalidField('delegation', 'delegation is required.');
    // The documents accept privileges 1-8 on write but describe only 1-7 when read back: an 8 could never be
    // returned as documented, so it is refused here rather than dropped silently.
    if (d.privileges?.some((privilege) => privilege > READABLE_PRIVILEGE))
      return zoomErrors.invalidField('delegation.privileges', 'Privileges are 1 to 7.');
    if (d.privacy !== undefined) p.settings.delegation.privacy = d.privacy;
    if (d.privileges !== undefined) p.settings.delegation.privileges = [...new Set(d.privileges)];
    if (d.locked !== undefined) p.settings.delegation.locked = d.locked;
    return undefined;
  }
  return zoomErrors.unsupportedSettingType(settingType);
}

/** A phone user's settings: the profile ones in one body, and desk phone and delegation by type. */
export const settingRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/users/{userId}/settings',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      return isZoomError(p) ? p : ok(settingsOf(ctx.account, p));
    },
  },
  {
    doc: 'phone',
    method: 'PATCH',
    template: '/phone/users/{userId}/settings',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return basic(ctx.account, p, ctx.body ?? {}) ?? noContent();
    },
  },
  {
    doc: 'phone',
    method: 'PATCH',
    template: '/phone/users/{userId}/settings/{settingType}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return typed(p, String(ctx.params.settingType), ctx.body ?? {}) ?? noContent();
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/users/{userId}/settings/{settingType}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const settingType = String(ctx.params.settingType);
      if (settingType !== 'delegation') return zoomErrors.unsupportedSettingType(settingType);
      const refused = addAssistant(ctx.account, p, ctx.body?.delegation_assistant_extension_id);
      if (refused) return refused;
      // Privileges are left out: this answer's documented enum (1-3) is narrower than what can be set (1-7).
      const { privacy } = p.settings.delegation;
      return ok({ delegation: { assistants: assistantsOf(ctx.account, p), privacy } }, 201);
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/users/{userId}/settings/{settingType}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const settingType = String(ctx.params.settingType);
      if (settingType !== 'delegation') return zoomErrors.unsupportedSettingType(settingType);
      const extensionId = String(ctx.params.assistant_extension_id ?? '');
      const assistant = ctx.account.findByExtensionId(extensionId);
      const { delegation } = p.settings;
      if (!assistant || !delegation.assistants.includes(assistant.userId))
        return zoomErrors.assistantNotFound(extensionId);
      delegation.assistants = delegation.assistants.filter((id) => id !== assistant.userId);
      return noContent();
    },
  },
];
