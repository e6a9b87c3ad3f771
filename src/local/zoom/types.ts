import type { Clock } from '../clock.ts';
import type { BusinessHoursSettings } from './model.ts';

/** A rate-limit label of the Zoom documents (`x-rate-limit-label`). */
export type RateLabel = 'LIGHT' | 'MEDIUM' | 'HEAVY' | 'RESOURCE-INTENSIVE';

/** The Zoom Phone plan of the account, which sets the per-second limits of each label (Zoom's rate-limit table). */
export type ZoomPlan = 'pro' | 'business';

export type ZoomStandInOptions = {
  port?: number;
  clock?: Clock;
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of an access token; Zoom's is 3600 s. */
  tokenLifetimeSeconds?: number;
  /** How long after `feature.zoom_phone` is switched on the phone user appears (measured on the clock). */
  creationDelayMs?: number;
  plan?: ZoomPlan;
  /** Per-label limits that replace the plan's (calls per window). */
  rateLimits?: Partial<Record<RateLabel, number>>;
  /** Digits of the main site's short extensions; auto-assigned extensions start at 10^(length-1). */
  mainSiteExtensionLength?: number;
};

export type SeedUser = {
  email: string;
  firstName: string;
  lastName: string;
  /**
   * Switches Zoom Phone on at once, with no creation delay, optionally with a chosen extension, site, calling
   * plans and (seeded) numbers.
   */
  zoomPhone?:
    | boolean
    | {
        extensionNumber?: string;
        siteId?: string;
        plans?: number[];
        numbers?: string[];
        /** Settings as set in Zoom's portal. */
        settings?: SeedSettings;
      };
};

/** A phone user's settings as Zoom's portal sets them; `blocked` are numbers blocked on their extension. */
export type SeedSettings = {
  areaCode?: string;
  audioPromptLanguage?: string;
  musicOnHoldId?: string;
  pinCode?: string;
  businessHours?: BusinessHoursSettings;
  blocked?: string[];
};

/** `autoReceptionist`: a company number of the site's main auto receptionist, usable as caller ID. */
export type SeedNumber = string | { number: string; siteId?: string; autoReceptionist?: boolean };
export type SeedPlan = { type: number; subscribed: number; name?: string };
export type SeedSite = { name: string; siteCode?: number; shortExtensionLength?: number };

export type UserView = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  zoomPhone: boolean;
  /** Zoom Phone is on but the phone user is not created yet. */
  phoneUserPending: boolean;
};

/** `assistants`: user ids of the phone users who answer for this one. */
export type DelegationView = {
  privacy: boolean;
  privileges: number[];
  locked: boolean;
  assistants: string[];
};

export type PhoneUserView = {
  userId: string;
  email: string;
  phoneUserId: string;
  extensionId: string;
  extensionNumber: string;
  siteId: string;
  siteName: string;
  plans: number[];
  numbers: string[];
  /** Company numbers on the person's caller ID list. */
  callerIdNumbers: string[];
  status: 'activate' | 'deactivate';
  emergencyAddressId: string | null;
  settings: {
    areaCode: string;
    audioPromptLanguage: string;
    musicOnHoldId: string;
    outboundCallerId: string;
    pinCode: string;
    delegation: DelegationView;
    businessHours: BusinessHoursSettings;
  };
  blockedRules: { id: string; matchType: string; blockedNumber: string; type: string; country?: string }[];
  /** Zoom's own objects per hour type, as last patched. */
  callHandling: Record<
    'business_hours' | 'closed_hours',
    { call_distribution_setting: Record<string, unknown>; call_handling_setting: Record<string, unknown> }
  >;
};

/** A desk phone; `assignees` are user ids, `mac` twelve upper-case hex digits. */
export type DeviceView = {
  id: string;
  displayName: string;
  mac: string;
  brand: string;
  model: string;
  siteId: string;
  assignees: string[];
};

export type NumberView = {
  id: string;
  number: string;
  siteId: string;
  assignee: string | null;
  autoReceptionistOf: string | null;
};
export type PlanView = {
  type: number;
  name: string;
  subscribed: number;
  assigned: number;
  available: number;
};
export type SiteView = {
  id: string;
  name: string;
  siteCode: number | null;
  shortExtensionLength: number;
  main: boolean;
  emergencyAddressId: string;
};

export type ZoomSnapshot = {
  users: UserView[];
  phoneUsers: PhoneUserView[];
  numbers: NumberView[];
  plans: PlanView[];
  devices: DeviceView[];
  sites: SiteView[];
};

/** A request or response the documents forbid, or a call to an operation the stand-in does not serve. */
export type Violation = {
  kind: 'request' | 'response' | 'unknown-operation' | 'stand-in-error';
  operation: string;
  errors: { field: string; message: string }[];
  at: number;
};

export type RequestRecord = {
  method: string;
  path: string;
  /** The documents' path template, e.g. `/phone/users/{userId}`; the raw path when no operation matched. */
  template: string;
  label: RateLabel | null;
  status: number;
  trackingId: string;
  /** The access token the request carried, by order of issue (1 for the first, 0 for none): tells clients apart. */
  token: number;
  at: number;
};

/** What the stand-in knows of a call when a fault decides whether it applies. */
export type CallInfo = { method: string; path: string; template: string; label: RateLabel | null };

/** `'PATCH /phone/users/{userId}'`, a template alone, or a predicate. */
export type CallMatch = string | ((call: CallInfo) => boolean);

export type FailOptions = {
  status?: 500 | 502 | 503 | 504;
  match?: CallMatch;
  /** Carry the call out before failing it, as when Zoom's gateway times out after the work is done. */
  applied?: boolean;
};

export type HangOptions = { match?: CallMatch; applied?: boolean };

export type FaultHandle = { remaining(): number; lift(): void };
export type HangHandle = { holding(): number; release(): void };

export type ZoomStandIn = {
  apiUrl: string;
  oauthUrl: string;
  baseUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;

  seedUsers(users: SeedUser[]): { id: string; email: string }[];
  seedNumbers(numbers: SeedNumber[]): { id: string; number: string }[];
  seedPlans(plans: SeedPlan[]): void;
  seedSite(site: SeedSite): { id: string; name: string };
  /** A call queue whose members are the phone users of these emails. */
  seedCallQueue(queue: { name: string; extensionNumber: string; siteId?: string; members: string[] }): {
    id: string;
  };
  /** An auto receptionist whose 0 key forwards to the phone user of `operator`, an email. */
  seedAutoReceptionist(receptionist: {
    name: string;
    extensionNumber: string;
    siteId?: string;
    operator?: string;
  }): {
    id: string;
  };
  mainSiteId: string;

  snapshot(): ZoomSnapshot;
  violations(): Violation[];
  requests(): RequestRecord[];
  /** 429 answers so far, per label. */
  rateLimited(): Partial<Record<RateLabel, number>>;
  waitFor<T>(probe: () => T | undefined | false | null, opts?: { timeoutMs?: number }): Promise<T>;

  failNext(times: number, options?: FailOptions): FaultHandle;
  hangNext(times: number, options?: HangOptions): HangHandle;
  /** The match alone, e.g. `hangNext(1, 'PATCH /phone/users/{userId}')`. */
  hangNext(times: number, match: CallMatch): HangHandle;
  /** While on, every call, the token endpoint included, is answered 503 with Zoom's error body. */
  outage(on: boolean): void;
  expireTokens(): void;
  /** Forces 429 on the next `times` calls of a label (Infinity until lifted). */
  throttle(label: RateLabel, times?: number): FaultHandle;
  setRateLimit(label: RateLabel, perWindow: number): void;
  setCreationDelay(ms: number): void;
  stop(): Promise<void>;
};
