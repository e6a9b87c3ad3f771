/** The account's records as the stand-in keeps them; Zoom's wire shapes are built from them in routes/. */

export type ZoomUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: number;
  zoomPhone: boolean;
  /** When the phone user appears, while Zoom creates it in the background; null when none is on its way. */
  phoneDueAt: number | null;
};

/** `assistants` holds the user ids of the phone users who answer for this one. */
export type Delegation = { privacy: boolean; privileges: number[]; locked: boolean; assistants: string[] };

export type PhoneSettings = {
  areaCode: string;
  audioPromptLanguage: string;
  musicOnHoldId: string;
  outboundCallerId: string;
  pinCode: string;
  delegation: Delegation;
  /** As Zoom writes it: type 1 around the clock, 2 per day (`business_hours`, Sunday first). */
  businessHours: BusinessHoursSettings;
};

export type BusinessHoursSettings = {
  business_hour_type: 1 | 2;
  business_hours?: { weekday: number; type: 0 | 1 | 2; from?: string; to?: string }[];
};

export type HourType = 'business_hours' | 'closed_hours' | 'holiday_hours' | 'break_hours';

/** How calls ring and what happens when busy or unanswered, as Zoom's call handling objects. */
export type CallHandling = {
  call_distribution_setting: Record<string, unknown>;
  call_handling_setting: Record<string, unknown>;
};

export type PhoneUser = {
  userId: string;
  phoneUserId: string;
  extensionId: string;
  extensionNumber: string;
  siteId: string;
  plans: number[];
  numberIds: string[];
  status: 'activate' | 'deactivate';
  emergencyAddressId: string | null;
  settings: PhoneSettings;
  blockedRules: BlockedRule[];
  /** Company numbers this person may show as caller ID. */
  customizedNumberIds: string[];
  callHandling: Record<'business_hours' | 'closed_hours', CallHandling>;
};

export type Site = {
  id: string;
  name: string;
  siteCode: number | null;
  shortExtensionLength: number;
  main: boolean;
  emergencyAddressId: string;
  autoReceptionistId: string;
};

/** A call queue: its own extension, and the people (user ids) whose phones it rings. */
export type CallQueue = {
  id: string;
  extensionId: string;
  name: string;
  extensionNumber: string;
  siteId: string;
  memberIds: string[];
};

/** An auto receptionist; `operatorId`: the user id of the person its 0 key forwards to. */
export type AutoReceptionist = {
  id: string;
  extensionId: string;
  name: string;
  extensionNumber: string;
  siteId: string;
  operatorId: string | null;
};

export type BlockedRule = {
  id: string;
  matchType: 'prefix' | 'phoneNumber' | 'SMS-shortCodes' | 'countryCode';
  blockedNumber: string;
  type: 'block_for_other_reasons' | 'block_as_threat';
  country?: string;
};

export type Device = {
  id: string;
  displayName: string;
  /** Twelve upper-case hex digits, without separators, so that `aa:bb…` and `AABB…` are the same phone. */
  mac: string;
  brand: string;
  model: string;
  siteId: string;
  assignees: string[];
};

/**
 * A direct number: a person's (`assignee`, a user id), a company number answered by a site's main auto
 * receptionist (`autoReceptionistOf`, the site id), or free.
 */
export type PhoneNumber = {
  id: string;
  number: string;
  siteId: string;
  assignee: string | null;
  autoReceptionistOf: string | null;
};
export type Plan = { type: number; name: string; subscribed: number; assigned: number };
export type AddressFields = {
  address_line1: string;
  address_line2?: string;
  city: string;
  country: string;
  state_code: string;
  zip: string;
};

/** An emergency address belongs to a site (its default, or another one) or to one person. */
export type EmergencyAddress = AddressFields & {
  id: string;
  siteId: string | null;
  userId: string | null;
  isDefault: boolean;
};

export const addressFields = ({
  address_line1,
  address_line2,
  city,
  country,
  state_code,
  zip,
}: AddressFields) => ({
  address_line1,
  ...(address_line2 === undefined ? {} : { address_line2 }),
  city,
  country,
  state_code,
  zip,
});
