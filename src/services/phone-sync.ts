import { ok, type Result } from '../domain/result.ts';
import {
  countSync,
  failedSync,
  oldestPendingSync,
  retryFailedSync,
  type SyncRecord,
  type SyncState,
  syncRecordOf,
} from '../store/phone-sync.ts';
import { type Actor, type Deps, type Recorder, requireAdmin, runChange } from './context.ts';
import type { ConnectionCheck } from './phone-system.ts';

export type SyncRetry = { retried: number };

/** What a refusal names: the command whose answer holds the Retry buttons. */
const RETRY_ACTION = 'sync';

/** Every person the phone system refused, tried again: an admin has fixed what it refused (or wants to see). */
export async function retryFailed(deps: Deps, actor: Actor): Promise<Result<SyncRetry>> {
  return runChange(deps, actor, RETRY_ACTION, async (tx, rec) => {
    const people = await retryFailedSync(tx, rec.at);
    auditRetry(rec, people);
    return { retried: people.length };
  });
}

/** One person the phone system refused, tried again. `retried: 0` when they were not failed (synced, or pending). */
export async function retryOne(
  deps: Deps,
  actor: Actor,
  directoryUserId: number,
): Promise<Result<SyncRetry>> {
  return runChange(deps, actor, RETRY_ACTION, async (tx, rec) => {
    const people = await retryFailedSync(tx, rec.at, directoryUserId);
    auditRetry(rec, people);
    return { retried: people.length };
  });
}

export function auditRetry(rec: Recorder, people: { directoryUserId: number; email: string }[]) {
  for (const person of people) {
    rec.audit({
      action: 'phone_sync.retried',
      targetType: 'directory_user',
      targetId: String(person.directoryUserId),
      targetLabel: person.email,
      before: { state: 'failed' },
      after: { state: 'pending' },
    });
  }
  // A retry marks people as a change does, so the worker is woken after the commit as it is for one.
  if (people.length > 0) rec.marked = true;
}

export type SyncFailure = {
  directoryUserId: number;
  email: string;
  /** The chat account of the person's directory entry, to mention them; null when they have none (any more). */
  slackUserId: string | null;
  code: string;
  message: string;
  reason: string;
  failedAt: Date;
};

export type SyncOverview = {
  pending: number;
  failed: number;
  inSync: number;
  /** The person waiting longest, since their last marking; null when nobody is waiting. */
  oldestPending: {
    directoryUserId: number;
    email: string;
    slackUserId: string | null;
    since: Date;
    reason: string | null;
  } | null;
  /** The longest-failed people first, at most `failureLimit` of them. */
  failures: SyncFailure[];
};

const FAILURES_SHOWN = 50;

/** How far the phone system is behind the database, for the admin's views. */
export async function syncOverview(deps: Deps, failureLimit = FAILURES_SHOWN): Promise<SyncOverview> {
  const counts = await countSync(deps.db);
  const failed = await failedSync(deps.db, failureLimit);
  const oldest = counts.pending > 0 ? await oldestPendingSync(deps.db) : undefined;
  return {
    pending: counts.pending,
    failed: counts.failed,
    inSync: counts.in_sync,
    oldestPending: oldest
      ? {
          directoryUserId: oldest.directoryUserId,
          email: oldest.email,
          slackUserId: oldest.slackUserId,
          since: oldest.markedAt,
          reason: oldest.reason,
        }
      : null,
    failures: failed.map(failureOf),
  };
}

export type PersonSync =
  | { state: 'never' }
  | { state: 'pending'; since: Date; reason: string | null }
  /** `notApplied`: what the phone system has no way to take, in words for the admin. */
  | { state: 'in_sync'; syncedAt: Date; notApplied: string | null }
  | ({ state: 'failed' } & SyncFailure);

/** Where one person stands: `never` when no change has named them since sync began. */
export async function syncStateOf(deps: Deps, directoryUserId: number): Promise<PersonSync> {
  return personSyncOf(await syncRecordOf(deps.db, directoryUserId));
}

function personSyncOf(row: SyncRecord | undefined): PersonSync {
  if (!row) return { state: 'never' };
  const state: SyncState = row.state;
  switch (state) {
    case 'pending':
      return { state, since: row.markedAt, reason: row.reason };
    case 'in_sync':
      return { state, syncedAt: row.syncedAt ?? row.updatedAt, notApplied: row.reason };
    case 'failed':
      return { state, ...failureOf(row) };
  }
}

const failureOf = (row: SyncRecord & { slackUserId?: string | null }): SyncFailure => ({
  directoryUserId: row.directoryUserId,
  email: row.email,
  slackUserId: row.slackUserId ?? null,
  code: row.failureCode ?? '',
  message: row.failureMessage ?? '',
  reason: row.reason ?? '',
  failedAt: row.updatedAt,
});

/** A person's sync as their card shows it: which phone system, where they stand, whether the viewer may retry. */
export type CardSync = { system: string; sync: PersonSync; canRetry: boolean };

/**
 * The sync line of a person's card from their sync row (undefined: no change has named them since sync began),
 * read in the card's one statement; undefined when no phone system is configured (nothing to be in sync with).
 */
export function cardSyncFrom(
  deps: Pick<Deps, 'phoneSystem'>,
  row: SyncRecord | undefined,
  viewerIsAdmin: boolean,
): CardSync | undefined {
  if (!deps.phoneSystem) return undefined;
  const sync = personSyncOf(row);
  return { system: deps.phoneSystem.name, sync, canRetry: sync.state === 'failed' && viewerIsAdmin };
}

/** `slow`: the phone system did not answer the check in the time the view could wait. */
export type ConnectionState = ConnectionCheck | { ok: 'slow' };

export type SyncStatus =
  | { kind: 'none' }
  | { kind: 'configured'; system: string; connection: ConnectionState; overview: SyncOverview };

/**
 * Where the phone system stands, for an admin: its connection, checked for at most `connectionWaitMs` (the check
 * goes on unheard past it), and how far it is behind the database, with the first `failureLimit` refusals.
 */
export async function syncStatus(
  deps: Deps,
  actor: Actor,
  options: { connectionWaitMs: number; failureLimit: number },
): Promise<Result<SyncStatus>> {
  const allowed = await requireAdmin(deps, actor, RETRY_ACTION);
  if (!allowed.ok) return allowed;
  const system = deps.phoneSystem;
  if (!system) return ok({ kind: 'none' });
  const connection = checkWithin(system.connection(), options.connectionWaitMs);
  const overview = await syncOverview(deps, options.failureLimit);
  return ok({ kind: 'configured', system: system.name, connection: await connection, overview });
}

/** The connection check's answer, or `slow` when it takes longer than `ms` (it goes on unheard). */
export async function checkWithin(check: Promise<ConnectionCheck>, ms: number): Promise<ConnectionState> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<ConnectionState>((resolve) => {
    timer = setTimeout(() => resolve({ ok: 'slow' }), ms);
  });
  // A check that breaks is an answer about the connection too: the counts are still worth showing.
  const answered = check.catch(
    (): ConnectionCheck => ({ ok: false, reason: 'The connection check failed unexpectedly.' }),
  );
  try {
    return await Promise.race([answered, slow]);
  } finally {
    clearTimeout(timer);
  }
}
