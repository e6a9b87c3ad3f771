import type { Change } from '../domain/changes.ts';
import type { DomainError } from '../domain/errors.ts';
import { lineChangesByPerson } from '../domain/notices.ts';
import { linesTouched, touchesNoLine } from '../domain/phone-sync.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { type AccountSettingsRow, adminCheck, lockAccount } from '../store/account.ts';
import { type AuditEntry, insertAudit, insertChanges } from '../store/audit.ts';
import {
  constraintViolation,
  type Database,
  type Executor,
  isRetryableTransactionError,
  type Leases,
  type Transaction,
} from '../store/database.ts';
import { enqueueNotices } from '../store/notices.ts';
import { markEveryLicensed, markForSync, markSiteMembers } from '../store/phone-sync.ts';
import { settingsInPhoneSystemAmong } from '../store/phone-users.ts';
import { noteMarkedRequest } from './change-tracking.ts';
import type { PhoneSystem } from './phone-system.ts';
import type { Clock, Ids, Profiles } from './ports.ts';

export type Deps = {
  db: Database;
  clock: Clock;
  ids: Ids;
  profiles: Profiles;
  /** Admins named in ADMIN_USER_IDS: they can only be removed there. */
  configAdmins: ReadonlySet<string>;
  /** DEFAULT_COUNTRY: where a number typed without + is read, for a site that names no country (US if unset). */
  defaultCountry?: string;
  /** Who is applying what right now, across every instance on the database. */
  leases: Leases;
  /** Told after a change that left people to notify has committed, so the notice worker starts at once. */
  notices?: { wake(): void };
  /**
   * The phone system Switchboard keeps in step with its database. Without one, changes still mark the people they
   * touch, and those markings wait for an instance that has one.
   */
  phoneSystem?: PhoneSystem;
  /** Told after a change that marked people for sync has committed, so the sync worker starts at once. */
  sync?: { wake(): void };
};

/** The Slack user on whose behalf a use case runs. */
export type Actor = { slackUserId: string };

/** Thrown inside a transaction to roll it back and hand the error to the caller as a value. */
class Abort extends Error {
  constructor(readonly error: DomainError) {
    super(error.code);
  }
}

export function fail(error: DomainError): never {
  throw new Abort(error);
}

/**
 * What a use case writes besides its own tables: audit rows and outbox changes, flushed before commit. A long
 * use case (an import) may flush as it goes, so that it holds one batch of them in memory rather than all.
 */
export class Recorder {
  entries: AuditEntry[] = [];
  changes: Change[] = [];
  /** Whether a flush queued a notice for someone whose line changed. */
  noticed = false;
  /** Whether someone was marked for a reconcile with the phone system. */
  marked = false;
  /**
   * An adoption writes what the phone system already holds: nobody is marked for it, nobody is told of a new
   * line (they are only linked to their chat account), and the lines it adopts keep their settings there.
   */
  adopting = false;
  constructor(
    readonly requestId: string,
    readonly at: Date,
    readonly actor: string,
  ) {}
  async flush(tx: Transaction) {
    const { entries, changes } = this;
    this.entries = [];
    this.changes = [];
    if (!this.adopting) await refuseSettingsKeptElsewhere(tx, changes);
    await insertAudit(tx, this.requestId, this.actor, this.at, entries);
    await insertChanges(tx, this.requestId, this.at, changes);
    if (this.adopting) {
      // A job without changes links the person to their chat account and tells them nothing.
      const people = new Set(
        changes.flatMap((change) => ('user' in change ? [change.user.directoryUserId] : [])),
      );
      const jobs = [...people].map((directoryUserId) => ({ directoryUserId, changes: [] }));
      await enqueueNotices(tx, this.requestId, this.actor, this.at, jobs);
      this.noticed = true;
      return;
    }
    // Beside the change records, in their transaction: the phone system is brought in step with what committed.
    const touched = linesTouched(changes);
    if (!touchesNoLine(touched)) {
      await markForSync(tx, this.at, touched.people, this.requestId);
      await markSiteMembers(tx, this.at, touched.sites, this.requestId);
      if (touched.everyone) await markEveryLicensed(tx, this.at, this.requestId);
      this.marked = true;
    }
    // Every path that changes a line (commands, forms, imports) writes its change records here, so this is the
    // one place that decides who is told: a job per person, committed or rolled back with the change itself.
    const people = [...lineChangesByPerson(changes)].map(([directoryUserId, lines]) => ({
      directoryUserId,
      changes: lines,
    }));
    if (people.length === 0) return;
    await enqueueNotices(tx, this.requestId, this.actor, this.at, people);
    this.noticed = true;
  }
  audit(entry: AuditEntry) {
    this.entries.push(entry);
  }
  emit(change: Change) {
    this.changes.push(change);
  }
}

/** Changes to what a line does (not to the line itself), which an adopted line keeps in the phone system. */
const SETTINGS_CHANGES: ReadonlySet<Change['kind']> = new Set<Change['kind']>([
  'phone_user.settings_changed',
  'phone_user.blocked_added',
  'phone_user.blocked_removed',
  'phone_user.assistant_added',
  'phone_user.assistant_removed',
  'phone_user.emergency_address_changed',
  'phone_user.desk_phone_added',
  'phone_user.desk_phone_removed',
]);

/** Refuses a change to the settings of a line adopted from the phone system, whose settings Switchboard has not taken. */
async function refuseSettingsKeptElsewhere(tx: Transaction, changes: readonly Change[]) {
  const ids = changes.flatMap((change) =>
    SETTINGS_CHANGES.has(change.kind) && 'user' in change ? [change.user.directoryUserId] : [],
  );
  if (ids.length === 0) return;
  const [email] = await settingsInPhoneSystemAmong(tx, ids);
  if (email !== undefined) fail({ code: 'SETTINGS_IN_PHONE_SYSTEM', email });
}

export type ChangeWork<T> = (tx: Transaction, rec: Recorder, account: AccountSettingsRow) => Promise<T>;

const MAX_ATTEMPTS = 3;

/**
 * Runs one admin request as one transaction: checks the actor is an admin (a refusal is audited too), locks the
 * account row, runs the work, and writes its audit rows and typed changes in the same transaction.
 */
export async function runChange<T>(
  deps: Deps,
  actor: Actor,
  action: string,
  work: ChangeWork<T>,
): Promise<Result<T>> {
  const denied = await refuseNonAdmin(deps, actor, action);
  if (denied) return denied;
  return runTransaction(deps, actor, work);
}

/**
 * The same transaction without the admin gate, for changes whose permission depends on what is changed and for
 * whom (self-service): the work decides, and a refusal it raises with `deny()` is audited like an admin refusal.
 */
const DENIALS: ReadonlySet<string> = new Set(['NOT_ADMIN', 'SELF_SERVICE_DENIED', 'NOT_OWN_SETTINGS']);

/** Whether a refusal is about who asked (and was audited as a denial) rather than about what they asked. */
export const isDenial = (error: DomainError): boolean => DENIALS.has(error.code);

export async function runGatedChange<T>(
  deps: Deps,
  actor: Actor,
  action: string,
  work: ChangeWork<T>,
): Promise<Result<T>> {
  const result = await runTransaction(deps, actor, work);
  if (!result.ok && DENIALS.has(result.error.code)) {
    await auditDenial(deps, actor, action);
    if (result.error.code === 'NOT_ADMIN' && !result.error.admins) {
      const { admins } = await adminCheck(deps.db, null);
      return err({ ...result.error, admins });
    }
  }
  return result;
}

async function runTransaction<T>(deps: Deps, actor: Actor, work: ChangeWork<T>): Promise<Result<T>> {
  for (let attempt = 1; ; attempt++) {
    const rec = new Recorder(deps.ids.requestId(), deps.clock.now(), actor.slackUserId);
    try {
      const value = await deps.db.transaction(async (tx) => {
        const account = await lockAccount(tx);
        const result = await work(tx, rec, account);
        await rec.flush(tx);
        return result;
      });
      if (rec.noticed) deps.notices?.wake();
      if (rec.marked) {
        noteMarkedRequest(rec.requestId);
        deps.sync?.wake();
      }
      return ok(value);
    } catch (error) {
      if (error instanceof Abort) return err(error.error);
      if (isRetryableTransactionError(error) && attempt < MAX_ATTEMPTS) continue;
      const violation = constraintViolation(error);
      // The account lock serialises Switchboard's own writers, so a violation here means another writer got
      // there first (another tool on the same database): the database kept its promise and nothing was changed.
      if (violation) return err({ code: 'CONCURRENT_CHANGE', what: violation.constraint });
      throw error;
    }
  }
}

/** Runs a read that may refuse with `fail()`, returning the refusal as a value. */
export async function catchDomain<T>(read: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await read());
  } catch (error) {
    if (error instanceof Abort) return err(error.error);
    throw error;
  }
}

/**
 * A refusal a person who is no admin can only get past with an admin's help names the admins to ask (read only
 * now, as such a refusal is rare): a voicemail PIN not theirs, a forward number only an admin may add or that
 * needs a calling plan, a line of their own that they do not have.
 */
export async function namingAdmins<T>(deps: Deps, result: Result<T>): Promise<Result<T>> {
  if (result.ok) return result;
  const error = result.error;
  const asks =
    error.code === 'PIN_NOT_VISIBLE' ||
    error.code === 'FORWARD_NUMBER_CHARGED' ||
    (error.code === 'FORWARD_NEEDS_PLAN' && error.by === 'self') ||
    error.code === 'NOT_A_PHONE_USER';
  if (!asks || error.admins) return result;
  const { admins } = await adminCheck(deps.db, null);
  return err({ ...error, admins });
}

/** For read-only admin commands: the same admin check, without a transaction. */
export async function requireAdmin(deps: Deps, actor: Actor, action: string): Promise<Result<void>> {
  return (await refuseNonAdmin(deps, actor, action)) ?? ok(undefined);
}

async function refuseNonAdmin(deps: Deps, actor: Actor, action: string) {
  const check = await adminCheck(deps.db, actor.slackUserId);
  if (check.isAdmin) return undefined;
  await auditDenial(deps, actor, action);
  return err({ code: 'NOT_ADMIN', action, admins: check.admins } as const);
}

/**
 * For a read that found out itself that the actor is no admin: audits the refusal and names whom to ask
 * (read only now, as a refusal is rare and the read that found it out stays one statement).
 */
export async function refuseAsNonAdmin(deps: Deps, actor: Actor, action: string) {
  await auditDenial(deps, actor, action);
  const { admins } = await adminCheck(deps.db, null);
  return err({ code: 'NOT_ADMIN', action, admins } as const);
}

export async function auditDenial(deps: Deps, actor: Actor, action: string) {
  await insertAudit(deps.db, deps.ids.requestId(), actor.slackUserId, deps.clock.now(), [
    {
      action: 'denied',
      targetType: 'command',
      targetId: action,
      targetLabel: action,
      before: null,
      after: null,
    },
  ]);
}

export type { Executor };
