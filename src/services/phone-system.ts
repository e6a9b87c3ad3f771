import type { DesiredLine } from '../domain/desired-line.ts';
import type { PhoneAccount } from '../domain/phone-account.ts';

/**
 * The phone system Switchboard drives, in Switchboard's words. Switchboard's database holds what each person's
 * line should be; an adapter makes the phone system match it, one person at a time, and says how that went.
 * Adapters are level-triggered: `reconcile` reads what the phone system holds and makes only the calls that close
 * the difference, so running it twice for the same desired line has no second effect.
 */
export interface PhoneSystem {
  /** The name admins know the phone system by, for messages: "Zoom Phone". */
  readonly name: string;
  /**
   * A SIP server whose devices sign in with digest credentials kept by Switchboard: the realm they are hashed
   * with. Absent: the phone system keeps its own device credentials.
   */
  readonly sipRealm?: string;
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

export type ConnectionCheck =
  | { ok: true; account: string; detail: string }
  | {
      ok: false;
      reason: string;
      /**
       * What becomes of changes meanwhile: they wait in Switchboard to be sent (the default), or, for a phone
       * system that reads Switchboard's tables itself, they are in place already and apply once it runs.
       */
      changes?: 'wait' | 'in place';
    };
