import type { ZoomBusinessHours } from './hours.ts';

/**
 * What Zoom holds for one person, and the account facts a plan needs, as plain values read from Zoom's answers
 * (see read-snapshot.ts). Planning compares these with the desired line; nothing here talks to Zoom.
 */

/** A person's Zoom Phone line, from `GET /phone/users/{userId}`; `null` on the snapshot until Zoom creates it. */
export type ZoomPhoneUser = {
  /** The phone profile's own id, which some batch answers name instead of the user id. */
  phoneUserId: string | null;
  extensionId: string | null;
  /** The complete extension (site code and short extension), as digits. */
  extensionNumber: string | null;
  siteId: string | null;
  status: 'activate' | 'deactivate' | null;
  /** Calling plan type codes. */
  planTypes: number[];
  numbers: ZoomNumber[];
  emergencyAddress: ZoomAddress | null;
};

export type ZoomNumber = { id: string; number: string };

export type ZoomAddress = {
  id: string;
  line1: string;
  line2: string | null;
  city: string;
  stateCode: string;
  zip: string;
  country: string;
};

/** From `GET /phone/users/{userId}/settings` and the caller-ID list beside it. */
export type ZoomPhoneSettings = {
  areaCode: string | null;
  audioPromptLanguage: string | null;
  /** `""` or absent: the account's default music; `"0"`: none. */
  musicOnHoldId: string | null;
  /** The number shown on outgoing calls; `null` or `""` when hidden. */
  outboundCallerNumber: string | null;
  /** Numbers Zoom already offers this person as caller ID. */
  callerIdChoices: string[];
  /** Ids of the phone numbers on the person's customized caller-ID list. */
  customizedCallerIdNumberIds: string[];
  /** `null` when Zoom did not return it. */
  pinCode: string | null;
  assistantExtensionIds: string[];
  /** `null` when Zoom's answer holds no hours. */
  businessHours: ZoomBusinessHours | null;
  /** `model`: Zoom's device type, when it gives one. */
  deskPhones: { id: string; mac: string | null; model?: string | null }[];
};

export type ZoomSnapshot = {
  /**
   * The Zoom user found by email; `null` when the account has no such user. `status` is Zoom's: `pending` until
   * they accept the invitation to the account, `inactive` when deactivated.
   */
  user: {
    id: string;
    email: string;
    status: 'active' | 'pending' | 'inactive';
    phoneFeature: boolean;
  } | null;
  phoneUser: ZoomPhoneUser | null;
  /** `null` while there is no phone user. */
  settings: ZoomPhoneSettings | null;
  /** Emergency addresses owned by this person, from `GET /phone/emergency_addresses?user_id=`. */
  personalAddresses: ZoomAddress[];
  /** The inbound block rules on the person's extension. */
  blockedRules: ZoomBlockedRule[];
};

export type ZoomBlockedRule = { id: string; matchType: string; value: string };

export type ZoomSite = { id: string; name: string; code: string | null };

export type ZoomCallingPlan = { type: number; name: string; available: number | null };

/** A number the account owns; `assigneeIds` holds every id Zoom gave for its holder (user or extension). */
export type ZoomAccountNumber = { id: string; number: string; assigneeIds: string[] };

/** Account facts shared by every person's plan. */
export type ZoomContext = {
  sites: ZoomSite[];
  plans: ZoomCallingPlan[];
  /** The account's numbers that the desired line names, keyed by E.164. */
  numbers: Record<string, ZoomAccountNumber>;
  /** The extension ids of the desired assistants that have a Zoom Phone line, keyed by lower-case email. */
  assistantExtensionIds: Record<string, string>;
  /** The account's desk phones that the desired line names, keyed by MAC address as 12 upper-case hex digits. */
  devices: Record<string, { id: string; mac: string }>;
  /** Each site's default emergency address id, keyed by site id. */
  siteDefaultAddressIds: Record<string, string>;
};
