import type { DesiredLine, Line } from '../../src/domain/desired-line.ts';
import { DEFAULT_ROUTES } from '../../src/domain/settings.ts';
import type {
  ZoomCall,
  ZoomContext,
  ZoomPhoneUser,
  ZoomSnapshot,
} from '../../src/phone-systems/zoom/plan/index.ts';

/** Builders for Zoom plan tests: one person, Ada, on a two-site account, and a pure stand-in for Zoom's writes. */

export const ADA = 'ada@example.com';
export const ADA_ID = 'zu-ada';
export const PIN = '482913';

export function aLine(overrides: Partial<Line> = {}): Line {
  return {
    status: 'active',
    site: { name: 'Main', code: '1' },
    extension: '1101',
    shortExtension: '101',
    plans: [{ code: 200, name: 'US/CA Unlimited' }],
    numbers: ['+14155550101'],
    settings: {
      businessHours: { kind: 'always' },
      ringMode: 'simultaneous',
      routes: DEFAULT_ROUTES,
      forwardNumbers: [],
      unanswered: { action: 'voicemail', greetingId: null },
      closedHours: { action: 'voicemail', greetingId: null },
      holdMusic: { kind: 'default' },
      callerId: { kind: 'hidden' },
      areaCode: '415',
      language: 'en-US',
      voicemailPin: PIN,
    },
    emergencyAddress: null,
    deskPhones: [],
    assistants: [],
    blocked: [],
    ...overrides,
  };
}

export const desired = (line: Line | null = aLine()): DesiredLine => ({
  email: ADA,
  firstName: 'Ada',
  lastName: 'Lovelace',
  line,
});

export function aContext(overrides: Partial<ZoomContext> = {}): ZoomContext {
  return {
    sites: [
      { id: 'site-main', name: 'Main', code: '1' },
      { id: 'site-east', name: 'East', code: '2' },
    ],
    plans: [
      { type: 200, name: 'US/CA Unlimited', available: 5 },
      { type: 100, name: 'US/CA Metered', available: 5 },
      { type: 3000, name: 'ZP Pro', available: 0 },
    ],
    numbers: Object.fromEntries(
      ['+14155550101', '+14155550102', '+14155550103', '+14155550104'].map((number, index) => [
        number,
        { id: `num-${index + 1}`, number, assigneeIds: [] },
      ]),
    ),
    assistantExtensionIds: { 'grace@example.com': 'ext-grace', 'alan@example.com': 'ext-alan' },
    devices: { '00A0C9112233': { id: 'dev-spare', mac: '00:a0:c9:11:22:33' } },
    siteDefaultAddressIds: { 'site-main': 'addr-main', 'site-east': 'addr-east' },
    ...overrides,
  };
}

/** Ada as Zoom holds her once her line is created, with whatever the test changes. */
export function aPhoneUser(overrides: Partial<ZoomPhoneUser> = {}): ZoomPhoneUser {
  return {
    phoneUserId: 'pu-ada',
    extensionId: 'ext-ada',
    extensionNumber: '1101',
    siteId: 'site-main',
    status: 'activate',
    planTypes: [200],
    numbers: [{ id: 'num-1', number: '+14155550101' }],
    emergencyAddress: siteAddress('addr-main'),
    ...overrides,
  };
}

export const siteAddress = (id: string) => ({
  id,
  line1: '1 Main St',
  line2: null,
  city: 'San Francisco',
  stateCode: 'CA',
  zip: '94105',
  country: 'US',
});

/** A snapshot in which Zoom already holds `aLine()`. */
export function inSyncSnapshot(): ZoomSnapshot {
  return {
    user: { id: ADA_ID, email: ADA, status: 'active', phoneFeature: true },
    phoneUser: aPhoneUser(),
    settings: {
      areaCode: '415',
      audioPromptLanguage: 'en-US',
      musicOnHoldId: '',
      outboundCallerNumber: '',
      callerIdChoices: [],
      customizedCallerIdNumberIds: [],
      pinCode: PIN,
      assistantExtensionIds: [],
      businessHours: { business_hour_type: 1 },
      deskPhones: [],
    },
    personalAddresses: [],
    blockedRules: [],
  };
}

/** Ada with the feature off, as a new Zoom user. */
export const unlicensedSnapshot = (): ZoomSnapshot => ({
  user: { id: ADA_ID, email: ADA, status: 'active', phoneFeature: false },
  phoneUser: null,
  settings: null,
  personalAddresses: [],
  blockedRules: [],
});

/** What Zoom holds once it has created Ada's line on its own: an extension it picked, no plans, no numbers. */
export function createdByZoom(snapshot: ZoomSnapshot): ZoomSnapshot {
  return {
    ...snapshot,
    phoneUser: aPhoneUser({ extensionNumber: '1057', planTypes: [], numbers: [], status: 'activate' }),
    settings: {
      areaCode: null,
      audioPromptLanguage: 'en-US',
      musicOnHoldId: null,
      outboundCallerNumber: null,
      callerIdChoices: [],
      customizedCallerIdNumberIds: [],
      pinCode: null,
      assistantExtensionIds: [],
      businessHours: { business_hour_type: 1 },
      deskPhones: [],
    },
  };
}

/**
 * Zoom's writes, as a pure function: the snapshot a following read would return after `call`. It throws where
 * Zoom would refuse the request because of the order (the last plan removed, more than ten numbers, a caller ID
 * that is not allowed), so a plan in the wrong order fails its test.
 */
export function applyToSnapshot(snapshot: ZoomSnapshot, context: ZoomContext, call: ZoomCall): ZoomSnapshot {
  const next = structuredClone(snapshot);
  const user = next.user;
  if (!user) throw new Error('no Zoom user');
  if (call.label === 'user.phone_feature') {
    user.phoneFeature = call.body?.feature.zoom_phone ?? false;
    if (!user.phoneFeature) return { ...next, phoneUser: null, settings: null, blockedRules: [] };
    return next;
  }
  const phoneUser = next.phoneUser;
  const settings = next.settings;
  if (!phoneUser || !settings) throw new Error(`${call.label} before the phone user exists`);
  switch (call.label) {
    case 'phone_user.update': {
      const body = call.body ?? {};
      if (body.site_id) phoneUser.siteId = body.site_id;
      if (body.extension_number) phoneUser.extensionNumber = body.extension_number;
      if (body.emergency_address_id) {
        const id = body.emergency_address_id;
        const address = next.personalAddresses.find((candidate) => candidate.id === id) ?? siteAddress(id);
        phoneUser.emergencyAddress = address;
      }
      return next;
    }
    case 'phone_user.activation':
      phoneUser.status = call.body?.activation_status ?? null;
      return next;
    case 'calling_plans.add':
      phoneUser.planTypes.push(...(call.body?.calling_plans ?? []).map(({ type }) => type));
      return next;
    case 'calling_plans.remove':
      if (phoneUser.planTypes.length <= 1) throw new Error('Zoom refuses to remove the last calling plan');
      phoneUser.planTypes = phoneUser.planTypes.filter((type) => String(type) !== call.params.path.planType);
      return next;
    case 'phone_numbers.add':
      for (const { id } of call.body?.phone_numbers ?? []) {
        const known = Object.values(context.numbers).find((number) => number.id === id);
        if (!known) throw new Error(`unknown number id ${id}`);
        phoneUser.numbers.push({ id, number: known.number });
      }
      if (phoneUser.numbers.length > 10) throw new Error('Zoom refuses more than 10 numbers per user');
      return next;
    case 'phone_numbers.remove':
      phoneUser.numbers = phoneUser.numbers.filter(({ id }) => id !== call.params.path.phoneNumberId);
      return next;
    case 'caller_id_numbers.add':
      settings.customizedCallerIdNumberIds.push(...(call.body?.phone_number_ids ?? []));
      return next;
    case 'settings.update': {
      const body = call.body ?? {};
      if (body.area_code !== undefined) settings.areaCode = body.area_code;
      if (body.audio_prompt_language !== undefined) settings.audioPromptLanguage = body.audio_prompt_language;
      if (body.music_on_hold_id !== undefined) settings.musicOnHoldId = body.music_on_hold_id;
      if (body.business_hours_settings !== undefined) settings.businessHours = body.business_hours_settings;
      if (body.outbound_caller_id !== undefined) {
        const wanted = body.outbound_caller_id;
        const allowed =
          wanted === '' ||
          phoneUser.numbers.some(({ number }) => number === wanted) ||
          settings.callerIdChoices.includes(wanted) ||
          settings.customizedCallerIdNumberIds.includes(context.numbers[wanted]?.id ?? '');
        if (!allowed) throw new Error(`Zoom refuses caller ID ${wanted}: not on the list`);
        settings.outboundCallerNumber = wanted;
      }
      return next;
    }
    case 'settings.voicemail_pin':
      settings.pinCode = call.body?.desk_phone.pin_code ?? null;
      return next;
    case 'delegation.add':
      settings.assistantExtensionIds.push(call.body?.delegation_assistant_extension_id ?? '');
      return next;
    case 'delegation.remove':
      settings.assistantExtensionIds = settings.assistantExtensionIds.filter(
        (id) => id !== call.params.query?.assistant_extension_id,
      );
      return next;
    case 'desk_phone.create':
      if (!call.body) throw new Error('a desk phone needs a body');
      settings.deskPhones.push({ id: `dev-${call.body.mac_address}`, mac: call.body.mac_address });
      if (settings.deskPhones.length > 3) throw new Error('Zoom refuses more than 3 desk phones per user');
      return next;
    case 'desk_phone.assign': {
      const device = Object.values(context.devices).find(({ id }) => id === call.params.path.deviceId);
      if (!device) throw new Error(`no device ${call.params.path.deviceId}`);
      settings.deskPhones.push({ id: device.id, mac: device.mac });
      if (settings.deskPhones.length > 3) throw new Error('Zoom refuses more than 3 desk phones per user');
      return next;
    }
    case 'desk_phone.unassign':
      settings.deskPhones = settings.deskPhones.filter(({ id }) => id !== call.params.path.deviceId);
      return next;
    case 'blocked.add':
      if (!call.body) throw new Error('a rule needs a body');
      next.blockedRules.push({
        id: `rule-${next.blockedRules.length + 1}-${call.body.blocked_number}`,
        matchType: call.body.match_type,
        value: call.body.blocked_number,
      });
      return next;
    case 'blocked.remove':
      next.blockedRules = next.blockedRules.filter(({ id }) => id !== call.params.query?.blocked_rule_id);
      return next;
    case 'emergency_address.create': {
      const body = call.body;
      if (!body) throw new Error('an address needs a body');
      next.personalAddresses.push({
        id: `addr-${next.personalAddresses.length + 1}`,
        line1: body.address_line1,
        line2: body.address_line2 ?? null,
        city: body.city,
        stateCode: body.state_code,
        zip: body.zip,
        country: body.country,
      });
      return next;
    }
  }
}

export const applyAll = (snapshot: ZoomSnapshot, context: ZoomContext, calls: ZoomCall[]): ZoomSnapshot =>
  calls.reduce((current, call) => applyToSnapshot(current, context, call), snapshot);
