import { z } from 'zod';
import { macKey } from './desk-phones.ts';
import type { ZoomBusinessHours, ZoomDayHours } from './hours.ts';
import type {
  ZoomAccountNumber,
  ZoomAddress,
  ZoomCallingPlan,
  ZoomContext,
  ZoomPhoneSettings,
  ZoomPhoneUser,
  ZoomSite,
  ZoomSnapshot,
} from './snapshot.ts';

/**
 * Zoom's answers, read loosely: only the fields a plan uses are parsed, each optional, so a field Zoom adds or
 * leaves out never breaks a read. A body that is not even an object of the expected kind throws: that is a bug
 * or an outage, not a state of the line.
 */

const text = z.string().optional().nullable();
const id = z.union([z.string(), z.number()]).transform(String);

const addressSchema = z.object({
  id: id.optional(),
  address_line1: text,
  address_line2: text,
  city: text,
  state_code: text,
  zip: text,
  country: text,
});

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  status: z.enum(['active', 'pending', 'inactive']).optional().nullable(),
});
const userSettingsSchema = z.object({
  feature: z.object({ zoom_phone: z.boolean().optional() }).optional(),
});

const phoneUserSchema = z.object({
  id: z.string().optional(),
  phone_user_id: text,
  extension_id: text,
  extension_number: z.union([z.number(), z.string()]).optional().nullable(),
  site_id: text,
  site: z.object({ id: text }).optional().nullable(),
  status: text,
  calling_plans: z
    .array(z.object({ type: z.number() }))
    .optional()
    .nullable(),
  phone_numbers: z
    .array(z.object({ id: id, number: z.string() }))
    .optional()
    .nullable(),
  emergency_address: addressSchema.optional().nullable(),
});

const phoneSettingsSchema = z.object({
  area_code: text,
  audio_prompt_language: text,
  music_on_hold_id: text,
  outbound_caller: z.object({ number: text }).optional().nullable(),
  outbound_caller_ids: z
    .array(z.object({ number: text }))
    .optional()
    .nullable(),
  delegation: z
    .object({
      assistants: z
        .array(z.object({ extension_id: text }))
        .optional()
        .nullable(),
    })
    .optional()
    .nullable(),
  business_hours_settings: z
    .object({
      business_hour_type: z.union([z.literal(1), z.literal(2)]),
      business_hours: z
        .array(
          z.object({
            weekday: z.union([1, 2, 3, 4, 5, 6, 7].map((day) => z.literal(day))),
            type: z
              .union([z.literal(0), z.literal(1), z.literal(2)])
              .optional()
              .nullable(),
            from: text,
            to: text,
          }),
        )
        .optional()
        .nullable(),
    })
    .optional()
    .nullable(),
  desk_phone: z
    .object({
      pin_code: text,
      devices: z
        .array(z.object({ id: id, mac_address: text, device_type: text }))
        .optional()
        .nullable(),
    })
    .optional()
    .nullable(),
});

const customizedSchema = z.object({
  customize_numbers: z
    .array(z.object({ phone_number_id: text }))
    .optional()
    .nullable(),
});

const blockedRulesSchema = z.object({
  extension_blocked_rules: z
    .array(z.object({ id: id, match_type: z.string(), blocked_number: text, phone_number: text }))
    .optional()
    .nullable(),
});

const addressesSchema = z.object({
  emergency_addresses: z
    .array(
      addressSchema.extend({
        id: id,
        is_default: z.boolean().optional().nullable(),
        site: z.object({ id: text }).optional().nullable(),
        owner: z.object({ id: text }).optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
});

/** The answers of the reads for one person; `null` where Zoom answered 404 (no such user, no phone user yet). */
export type PersonReads = {
  /** `GET /users/{email}` */
  user: unknown | null;
  /** `GET /users/{userId}/settings` */
  userSettings: unknown | null;
  /** `GET /phone/users/{userId}` */
  phoneUser: unknown | null;
  /** `GET /phone/users/{userId}/settings` */
  phoneSettings: unknown | null;
  /** `GET /phone/users/{userId}/outbound_caller_id/customized_numbers?page_size=300`, every page */
  customizedNumbers: unknown[];
  /** `GET /phone/emergency_addresses?user_id={userId}&page_size=300`, every page */
  personalAddresses: unknown[];
  /** `GET /phone/extension/{extensionId}/inbound_blocked/rules?page_size=300`, every page, once the line exists */
  blockedRules: unknown[];
};

export function readSnapshot(reads: PersonReads): ZoomSnapshot {
  if (reads.user === null) {
    return { user: null, phoneUser: null, settings: null, personalAddresses: [], blockedRules: [] };
  }
  const user = userSchema.parse(reads.user);
  const feature =
    reads.userSettings === null ? undefined : userSettingsSchema.parse(reads.userSettings).feature;
  const phoneUser = reads.phoneUser === null ? null : readPhoneUser(reads.phoneUser);
  const settings =
    phoneUser === null || reads.phoneSettings === null
      ? null
      : readSettings(reads.phoneSettings, reads.customizedNumbers);
  const personalAddresses = reads.personalAddresses.flatMap(
    (page) => addressesSchema.parse(page).emergency_addresses ?? [],
  );
  return {
    // A phone user exists only with the feature on, whatever the settings answer said.
    user: {
      id: user.id,
      email: user.email,
      // Zoom may leave the status out; only a stated pending or inactive holds a line back.
      status: user.status ?? 'active',
      phoneFeature: feature?.zoom_phone === true || phoneUser !== null,
    },
    phoneUser,
    settings,
    personalAddresses: personalAddresses.map((address) => toAddress(address, address.id)),
    blockedRules: reads.blockedRules.flatMap((page) =>
      (blockedRulesSchema.parse(page).extension_blocked_rules ?? []).map((rule) => ({
        id: rule.id,
        matchType: rule.match_type,
        value: rule.blocked_number || rule.phone_number || '',
      })),
    ),
  };
}

function readPhoneUser(body: unknown): ZoomPhoneUser {
  const raw = phoneUserSchema.parse(body);
  const status = raw.status === 'activate' || raw.status === 'deactivate' ? raw.status : null;
  const address = raw.emergency_address;
  return {
    phoneUserId: raw.phone_user_id ?? null,
    extensionId: raw.extension_id ?? null,
    extensionNumber:
      raw.extension_number === null || raw.extension_number === undefined
        ? null
        : String(raw.extension_number),
    siteId: raw.site_id ?? raw.site?.id ?? null,
    status,
    planTypes: (raw.calling_plans ?? []).map((plan) => plan.type),
    numbers: (raw.phone_numbers ?? []).map(({ id, number }) => ({ id, number })),
    emergencyAddress: address?.id ? toAddress(address, address.id) : null,
  };
}

function readSettings(body: unknown, customizedPages: unknown[]): ZoomPhoneSettings {
  const raw = phoneSettingsSchema.parse(body);
  const customized = customizedPages.flatMap((page) => customizedSchema.parse(page).customize_numbers ?? []);
  return {
    areaCode: raw.area_code ?? null,
    audioPromptLanguage: raw.audio_prompt_language ?? null,
    musicOnHoldId: raw.music_on_hold_id ?? null,
    outboundCallerNumber: raw.outbound_caller?.number ?? null,
    callerIdChoices: (raw.outbound_caller_ids ?? []).flatMap(({ number }) => (number ? [number] : [])),
    customizedCallerIdNumberIds: customized.flatMap(({ phone_number_id }) =>
      phone_number_id ? [phone_number_id] : [],
    ),
    pinCode: raw.desk_phone?.pin_code ?? null,
    assistantExtensionIds: (raw.delegation?.assistants ?? []).flatMap(({ extension_id }) =>
      extension_id ? [extension_id] : [],
    ),
    businessHours: readHours(raw.business_hours_settings),
    deskPhones: (raw.desk_phone?.devices ?? []).map((device) => ({
      id: device.id,
      mac: device.mac_address ?? null,
      model: device.device_type ?? null,
    })),
  };
}

function readHours(
  raw: z.infer<typeof phoneSettingsSchema>['business_hours_settings'],
): ZoomBusinessHours | null {
  if (!raw) return null;
  if (raw.business_hour_type === 1) return { business_hour_type: 1 };
  const days = (raw.business_hours ?? []).map((day) => ({
    weekday: day.weekday as ZoomDayHours['weekday'],
    type: day.type ?? 0,
    ...(day.from ? { from: day.from } : {}),
    ...(day.to ? { to: day.to } : {}),
  }));
  return { business_hour_type: 2, business_hours: days };
}

function toAddress(raw: z.infer<typeof addressSchema>, addressId: string): ZoomAddress {
  return {
    id: addressId,
    line1: raw.address_line1 ?? '',
    line2: raw.address_line2 ? raw.address_line2 : null,
    city: raw.city ?? '',
    stateCode: raw.state_code ?? '',
    zip: raw.zip ?? '',
    country: raw.country ?? '',
  };
}

const sitesSchema = z.object({
  sites: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        site_code: z.union([z.number(), z.string()]).optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
});

const plansSchema = z.object({
  calling_plans: z
    .array(z.object({ type: z.number(), name: text, available: z.number().optional().nullable() }))
    .optional()
    .nullable(),
});

const numbersSchema = z.object({
  phone_numbers: z
    .array(
      z.object({
        id: id,
        number: z.string(),
        assignee: z.object({ id: text }).optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
});

const assistantSchema = z.object({ extension_id: text });

const devicesSchema = z.object({
  devices: z
    .array(z.object({ id: id, mac_address: text }))
    .optional()
    .nullable(),
});

/** The account reads a plan needs; they may be shared by every person planned in one run. */
export type AccountReads = {
  /** `GET /phone/sites?page_size=300`, every page */
  sites: unknown[];
  /** `GET /phone/calling_plans` */
  callingPlans: unknown;
  /** `GET /phone/numbers?type=all&page_size=100` (or `&phone_number=` per number), every page */
  numbers: unknown[];
  /** `GET /phone/users/{assistantEmail}` for each assistant of the line; `null` where Zoom answered 404 */
  assistants: { email: string; phoneUser: unknown | null }[];
  /** `GET /phone/devices?type=assigned|unassigned&keyword={mac}` (or whole lists), every page */
  devices: unknown[];
  /** `GET /phone/emergency_addresses?site_id={siteId}&page_size=300`, every page, for the line's site */
  siteAddresses: unknown[];
};

export function readContext(reads: AccountReads): ZoomContext {
  const sites: ZoomSite[] = reads.sites.flatMap((page) =>
    (sitesSchema.parse(page).sites ?? []).map((site) => ({
      id: site.id,
      name: site.name,
      code: site.site_code === null || site.site_code === undefined ? null : String(site.site_code),
    })),
  );
  const plans: ZoomCallingPlan[] = (plansSchema.parse(reads.callingPlans).calling_plans ?? []).map(
    (plan) => ({
      type: plan.type,
      name: plan.name ?? String(plan.type),
      available: plan.available ?? null,
    }),
  );
  const numbers: Record<string, ZoomAccountNumber> = {};
  for (const page of reads.numbers) {
    for (const number of numbersSchema.parse(page).phone_numbers ?? []) {
      const assignee = number.assignee?.id;
      numbers[number.number] = {
        id: number.id,
        number: number.number,
        assigneeIds: assignee ? [assignee] : [],
      };
    }
  }
  const assistantExtensionIds: Record<string, string> = {};
  for (const { email, phoneUser } of reads.assistants) {
    const extensionId = phoneUser === null ? null : assistantSchema.parse(phoneUser).extension_id;
    if (extensionId) assistantExtensionIds[email.toLowerCase()] = extensionId;
  }
  const devices: Record<string, { id: string; mac: string }> = {};
  for (const page of reads.devices) {
    for (const device of devicesSchema.parse(page).devices ?? []) {
      if (device.mac_address)
        devices[macKey(device.mac_address)] = { id: device.id, mac: device.mac_address };
    }
  }
  const siteDefaultAddressIds: Record<string, string> = {};
  for (const page of reads.siteAddresses) {
    for (const address of addressesSchema.parse(page).emergency_addresses ?? []) {
      const siteId = address.site?.id;
      // A personal address may be its owner's default; only the site's own counts here.
      if (address.owner?.id) continue;
      if (address.is_default && siteId && !siteDefaultAddressIds[siteId])
        siteDefaultAddressIds[siteId] = address.id;
    }
  }
  return { sites, plans, numbers, assistantExtensionIds, devices, siteDefaultAddressIds };
}
