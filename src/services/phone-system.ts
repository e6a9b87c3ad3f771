import type { EmergencyAddress } from '../domain/address.ts';
import type { PhoneAccount } from '../domain/phone-account.ts';
import type {
  BusinessHours,
  CallerId,
  ClosedHoursAction,
  ForwardNumber,
  HoldMusic,
  RingMode,
  Route,
  UnansweredAction,
} from '../domain/settings.ts';

/**
 * The phone system Switchboard drives, in Switchboard's words. Switchboard's database holds what each person's
 * line should be; an adapter makes the phone system match it, one person at a time, and says how that went.
 * Adapters are level-triggered: `reconcile` reads what the phone system holds and makes only the calls that close
 * the difference, so running it twice for the same desired line has no second effect.
 */
export interface PhoneSystem {
  /** The name admins know the phone system by, for messages: "Zoom Phone". */
  readonly name: string;
  /** Makes the phone system hold `desired` for this person. Throws only when the phone system cannot be reached. */
  reconcile(desired: DesiredLine): Promise<SyncOutcome>;
  /** Whether the phone system can be reached with the configured credentials, for the admin's overview. */
  connection(): Promise<ConnectionCheck>;
  /**
   * Reads the whole account at the phone system's pace, for adoption: its sites, calling plans, numbers and every
   * person's line, and with `settings` each person's settings too. `progress` hears how many lines are read so
   * far. Throws only when it cannot be reached.
   */
  readAccount?(
    progress?: (read: AccountReadProgress) => void,
    options?: { settings?: boolean },
  ): Promise<AccountRead>;
}

/** `settings`: each person's settings are read after the listing, which takes longer. */
export type AccountReadProgress = { lines: number; total: number | null; settings?: boolean };

/** What the phone system answered to a whole-account read: the account, or its refusal in plain words. */
export type AccountRead = { ok: true; account: PhoneAccount } | { ok: false; reason: string };

export type {
  AccountLine,
  AccountQueue,
  AccountReceptionist,
  PhoneAccount,
} from '../domain/phone-account.ts';

/** What Switchboard wants the phone system to hold for one person, found by email there. */
export type DesiredLine = {
  email: string;
  firstName: string;
  lastName: string;
  /** `null`: the person holds no phone license, and the phone system must not give them a line. */
  line: Line | null;
};

export type Line = {
  status: 'active' | 'inactive';
  site: { name: string; code: string | null };
  /** The full extension (site code and short extension when site codes are on). */
  extension: string;
  shortExtension: string;
  plans: { code: number; name: string }[];
  /** Direct numbers, E.164. */
  numbers: string[];
  settings: LineSettings;
  /** The person's own emergency address; `null` means their site's default. */
  emergencyAddress: EmergencyAddress | null;
  deskPhones: { mac: string; model: string }[];
  /** The emails of the people who may answer and place calls for this person. */
  assistants: string[];
  blocked: { kind: 'number' | 'prefix'; value: string }[];
  /**
   * The line was adopted from the phone system and Switchboard has not taken its settings: the adapter leaves
   * `settings`, the emergency address, desk phones, assistants and blocked numbers as the phone system holds them.
   */
  settingsInPhoneSystem?: true;
};

export type LineSettings = {
  businessHours: BusinessHours;
  ringMode: RingMode;
  routes: Route[];
  forwardNumbers: ForwardNumber[];
  unanswered: UnansweredAction;
  closedHours: ClosedHoursAction;
  holdMusic: HoldMusic;
  callerId: CallerId;
  areaCode: string | null;
  language: string;
  /** The voicemail PIN: adapters send it and never log or return it. */
  voicemailPin: string;
};

/**
 * - `in_sync`: the phone system holds what Switchboard wants; `notApplied` names the settings it has no way to take.
 * - `pending`: not there yet, and not refused: the phone system is still creating the line, or did not answer.
 *   The worker tries again after `retryInMs`.
 * - `failed`: the phone system refused; `code` and `message` are its own, `reason` says it in plain words for
 *   the admin. It is not tried again until an admin asks or the line changes.
 */
export type SyncOutcome =
  | { state: 'in_sync'; notApplied?: string[] }
  | { state: 'pending'; reason: string; retryInMs: number }
  | { state: 'failed'; code: string; message: string; reason: string };

export type ConnectionCheck = { ok: true; account: string; detail: string } | { ok: false; reason: string };
