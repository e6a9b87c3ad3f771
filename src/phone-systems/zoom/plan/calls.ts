import type { ZoomBusinessHours } from './hours.ts';

/**
 * The Zoom API requests a plan may hold, each in the shape openapi-fetch sends (method, path template, params,
 * body), with a `label` naming the operation for logs and metrics and a `purpose` saying it in Switchboard's
 * words. A purpose never holds a secret: the voicemail PIN travels in the body only.
 */

type Call<Label extends string, Method extends string, Path extends string, PathParams, Query, Body> = {
  label: Label;
  method: Method;
  path: Path;
  params: { path: PathParams; query?: Query };
  body?: Body;
  purpose: string;
};

type UserPath = { userId: string };

export type ZoomCall =
  | Call<
      'user.phone_feature',
      'patch',
      '/users/{userId}',
      UserPath,
      never,
      { feature: { zoom_phone: boolean } }
    >
  | Call<
      'phone_user.update',
      'patch',
      '/phone/users/{userId}',
      UserPath,
      never,
      { site_id?: string; extension_number?: string; emergency_address_id?: string }
    >
  | Call<
      'phone_user.activation',
      'put',
      '/phone/users/batch',
      Record<string, never>,
      never,
      { batch_type: 'activate'; activation_status: 'activate' | 'deactivate'; user_ids: string[] }
    >
  | Call<
      'calling_plans.add',
      'post',
      '/phone/users/{userId}/calling_plans',
      UserPath,
      never,
      { calling_plans: { type: number }[] }
    >
  | Call<
      'calling_plans.remove',
      'delete',
      '/phone/users/{userId}/calling_plans/{planType}',
      UserPath & { planType: string },
      never,
      never
    >
  | Call<
      'phone_numbers.add',
      'post',
      '/phone/users/{userId}/phone_numbers',
      UserPath,
      never,
      { phone_numbers: { id: string }[] }
    >
  | Call<
      'phone_numbers.remove',
      'delete',
      '/phone/users/{userId}/phone_numbers/{phoneNumberId}',
      UserPath & { phoneNumberId: string },
      never,
      never
    >
  | Call<
      'caller_id_numbers.add',
      'post',
      '/phone/users/{userId}/outbound_caller_id/customized_numbers',
      UserPath,
      never,
      { phone_number_ids: string[] }
    >
  | Call<'settings.update', 'patch', '/phone/users/{userId}/settings', UserPath, never, SettingsBody>
  | Call<
      'settings.voicemail_pin',
      'patch',
      '/phone/users/{userId}/settings/{settingType}',
      UserPath & { settingType: 'desk_phone' },
      never,
      { desk_phone: { pin_code: string } }
    >
  | Call<
      'delegation.add',
      'post',
      '/phone/users/{userId}/settings/{settingType}',
      UserPath & { settingType: 'delegation' },
      never,
      { delegation_assistant_extension_id: string }
    >
  | Call<
      'delegation.remove',
      'delete',
      '/phone/users/{userId}/settings/{settingType}',
      UserPath & { settingType: 'delegation' },
      { assistant_extension_id: string },
      never
    >
  | Call<
      'emergency_address.create',
      'post',
      '/phone/emergency_addresses',
      Record<string, never>,
      never,
      {
        address_line1: string;
        address_line2?: string;
        city: string;
        state_code: string;
        zip: string;
        country: string;
        user_id: string;
      }
    >
  | Call<
      'desk_phone.create',
      'post',
      '/phone/devices',
      Record<string, never>,
      never,
      {
        display_name: string;
        mac_address: string;
        type: string;
        model: string;
        assignee_extension_ids: string[];
        site_id: string;
      }
    >
  | Call<
      'desk_phone.assign',
      'post',
      '/phone/devices/{deviceId}/extensions',
      { deviceId: string },
      never,
      { assignee_extension_ids: string[] }
    >
  | Call<
      'desk_phone.unassign',
      'delete',
      '/phone/devices/{deviceId}/extensions/{extensionId}',
      { deviceId: string; extensionId: string },
      never,
      never
    >
  | Call<
      'blocked.add',
      'post',
      '/phone/extension/{extensionId}/inbound_blocked/rules',
      { extensionId: string },
      never,
      { match_type: 'phoneNumber' | 'prefix'; blocked_number: string; type: 'block_for_other_reasons' }
    >
  | Call<
      'blocked.remove',
      'delete',
      '/phone/extension/{extensionId}/inbound_blocked/rules',
      { extensionId: string },
      { blocked_rule_id: string },
      never
    >;

export type ZoomCallLabel = ZoomCall['label'];

export type SettingsBody = {
  area_code?: string;
  audio_prompt_language?: string;
  music_on_hold_id?: string;
  outbound_caller_id?: string;
  business_hours_settings?: ZoomBusinessHours;
};

/** Zoom takes at most this many numbers in one assignment. */
export const NUMBERS_PER_CALL = 10;

export const setPhoneFeature = (userId: string, on: boolean): ZoomCall => ({
  label: 'user.phone_feature',
  method: 'patch',
  path: '/users/{userId}',
  params: { path: { userId } },
  body: { feature: { zoom_phone: on } },
  purpose: on ? 'give the Zoom Phone license' : 'take the Zoom Phone license away',
});

export const updatePhoneUser = (
  userId: string,
  body: { site_id?: string; extension_number?: string; emergency_address_id?: string },
  purpose: string,
): ZoomCall => ({
  label: 'phone_user.update',
  method: 'patch',
  path: '/phone/users/{userId}',
  params: { path: { userId } },
  body,
  purpose,
});

export const setActivation = (userId: string, status: 'activate' | 'deactivate'): ZoomCall => ({
  label: 'phone_user.activation',
  method: 'put',
  path: '/phone/users/batch',
  params: { path: {} },
  body: { batch_type: 'activate', activation_status: status, user_ids: [userId] },
  purpose: status === 'activate' ? 'activate the line' : 'deactivate the line',
});

export const addPlans = (userId: string, types: number[]): ZoomCall => ({
  label: 'calling_plans.add',
  method: 'post',
  path: '/phone/users/{userId}/calling_plans',
  params: { path: { userId } },
  body: { calling_plans: types.map((type) => ({ type })) },
  purpose: `add calling plan${types.length > 1 ? 's' : ''} ${types.join(', ')}`,
});

export const removePlan = (userId: string, type: number): ZoomCall => ({
  label: 'calling_plans.remove',
  method: 'delete',
  path: '/phone/users/{userId}/calling_plans/{planType}',
  params: { path: { userId, planType: String(type) } },
  purpose: `remove calling plan ${type}`,
});

export const addNumbers = (userId: string, numbers: { id: string; number: string }[]): ZoomCall => ({
  label: 'phone_numbers.add',
  method: 'post',
  path: '/phone/users/{userId}/phone_numbers',
  params: { path: { userId } },
  body: { phone_numbers: numbers.map(({ id }) => ({ id })) },
  purpose: `add number${numbers.length > 1 ? 's' : ''} ${numbers.map(({ number }) => number).join(', ')}`,
});

export const removeNumber = (userId: string, number: { id: string; number: string }): ZoomCall => ({
  label: 'phone_numbers.remove',
  method: 'delete',
  path: '/phone/users/{userId}/phone_numbers/{phoneNumberId}',
  params: { path: { userId, phoneNumberId: number.id } },
  purpose: `remove number ${number.number}`,
});

export const allowCallerId = (userId: string, number: { id: string; number: string }): ZoomCall => ({
  label: 'caller_id_numbers.add',
  method: 'post',
  path: '/phone/users/{userId}/outbound_caller_id/customized_numbers',
  params: { path: { userId } },
  body: { phone_number_ids: [number.id] },
  purpose: `allow ${number.number} as caller ID`,
});

export const updateSettings = (userId: string, body: SettingsBody, purpose: string): ZoomCall => ({
  label: 'settings.update',
  method: 'patch',
  path: '/phone/users/{userId}/settings',
  params: { path: { userId } },
  body,
  purpose,
});

export const setVoicemailPin = (userId: string, pin: string): ZoomCall => ({
  label: 'settings.voicemail_pin',
  method: 'patch',
  path: '/phone/users/{userId}/settings/{settingType}',
  params: { path: { userId, settingType: 'desk_phone' } },
  body: { desk_phone: { pin_code: pin } },
  purpose: 'set the voicemail PIN',
});

export const addAssistant = (userId: string, extensionId: string, email: string): ZoomCall => ({
  label: 'delegation.add',
  method: 'post',
  path: '/phone/users/{userId}/settings/{settingType}',
  params: { path: { userId, settingType: 'delegation' } },
  body: { delegation_assistant_extension_id: extensionId },
  purpose: `let ${email} answer and place calls for this person`,
});

export const removeAssistant = (userId: string, extensionId: string): ZoomCall => ({
  label: 'delegation.remove',
  method: 'delete',
  path: '/phone/users/{userId}/settings/{settingType}',
  params: { path: { userId, settingType: 'delegation' }, query: { assistant_extension_id: extensionId } },
  purpose: `remove the assistant with extension id ${extensionId}`,
});

export const createPersonalAddress = (
  userId: string,
  address: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postalCode: string;
    country: string;
  },
): ZoomCall => ({
  label: 'emergency_address.create',
  method: 'post',
  path: '/phone/emergency_addresses',
  params: { path: {} },
  body: {
    address_line1: address.line1,
    ...(address.line2 ? { address_line2: address.line2 } : {}),
    city: address.city,
    state_code: address.state,
    zip: address.postalCode,
    country: address.country,
    user_id: userId,
  },
  purpose: 'create the personal emergency address',
});

export const createDeskPhone = (
  extensionId: string,
  phone: { mac: string; brand: string; model: string; displayName: string; siteId: string },
): ZoomCall => ({
  label: 'desk_phone.create',
  method: 'post',
  path: '/phone/devices',
  params: { path: {} },
  body: {
    display_name: phone.displayName,
    mac_address: phone.mac,
    type: phone.brand,
    model: phone.model,
    assignee_extension_ids: [extensionId],
    site_id: phone.siteId,
  },
  purpose: `add desk phone ${phone.mac} (${phone.model})`,
});

export const assignDeskPhone = (deviceId: string, extensionId: string, mac: string): ZoomCall => ({
  label: 'desk_phone.assign',
  method: 'post',
  path: '/phone/devices/{deviceId}/extensions',
  params: { path: { deviceId } },
  body: { assignee_extension_ids: [extensionId] },
  purpose: `assign desk phone ${mac}`,
});

export const unassignDeskPhone = (deviceId: string, extensionId: string, mac: string): ZoomCall => ({
  label: 'desk_phone.unassign',
  method: 'delete',
  path: '/phone/devices/{deviceId}/extensions/{extensionId}',
  params: { path: { deviceId, extensionId } },
  purpose: `unassign desk phone ${mac}`,
});

export const addBlockedRule = (
  extensionId: string,
  entry: { kind: 'number' | 'prefix'; value: string },
): ZoomCall => ({
  label: 'blocked.add',
  method: 'post',
  path: '/phone/extension/{extensionId}/inbound_blocked/rules',
  params: { path: { extensionId } },
  body: {
    match_type: entry.kind === 'number' ? 'phoneNumber' : 'prefix',
    blocked_number: entry.value,
    type: 'block_for_other_reasons',
  },
  purpose: `block calls from ${entry.kind === 'number' ? '' : 'numbers starting with '}${entry.value}`,
});

export const removeBlockedRule = (extensionId: string, rule: { id: string; value: string }): ZoomCall => ({
  label: 'blocked.remove',
  method: 'delete',
  path: '/phone/extension/{extensionId}/inbound_blocked/rules',
  params: { path: { extensionId }, query: { blocked_rule_id: rule.id } },
  purpose: `unblock ${rule.value}`,
});

/**
 * A call as it may be logged: everything but a body that holds a secret. Only the PIN request carries one; its
 * body is left out whole rather than masked, so no future field beside the PIN can slip through.
 */
export function loggableCall(call: ZoomCall): Omit<ZoomCall, 'body'> & { body?: unknown } {
  const { body, ...rest } = call;
  if (call.label === 'settings.voicemail_pin' || body === undefined) return rest;
  return { ...rest, body };
}
