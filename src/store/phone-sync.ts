import { and, asc, count, eq, getTableColumns, min, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { admins, directoryUsers, phoneSync } from '../../db/schema/index.ts';
import type { PhoneUserRef } from '../domain/changes.ts';

export type SyncState = 'pending' | 'in_sync' | 'failed';

/** A person a worker holds: it acts on the row only while `claimedUntil` is still the one it set. */
export type SyncClaim = {
  directoryUserId: number;
  email: string;
  generation: number;
  attempts: number;
  claimedUntil: Date;
};

const CHUNK = 5000;

/** Raw statements take times as ISO text: postgres.js, unlike PGlite, does not bind a Date there. */
const iso = (at: Date) => at.toISOString();

/**
 * Marks people as needing a reconcile, in the transaction of the change that named them. A marking always wins
 * over what a worker is doing: the row is pending again with a new generation, and a worker that read the old
 * one gives it back instead of recording its outcome. A claim in flight is left in place, so that no second
 * worker starts on the person before the first has let go.
 */
export async function markForSync(
  tx: Executor,
  at: Date,
  people: readonly PhoneUserRef[],
  requestId: string | null = null,
): Promise<void> {
  for (let start = 0; start < people.length; start += CHUNK) {
    const payload = JSON.stringify(
      people.slice(start, start + CHUNK).map((p) => ({ id: p.directoryUserId, email: p.email })),
    );
    await upsertMarks(
      tx,
      at,
      sql`select p.id, p.email from jsonb_to_recordset(${payload}::jsonb) as p(id integer, email text)`,
      requestId,
    );
  }
}

/** Marks every licensed person of the named sites (their site's code is part of their line). */
export async function markSiteMembers(
  tx: Executor,
  at: Date,
  siteNames: readonly string[],
  requestId: string | null = null,
): Promise<void> {
  if (siteNames.length === 0) return;
  const names = JSON.stringify(siteNames.map((name) => name.toLowerCase()));
  await upsertMarks(
    tx,
    at,
    sql`select d.id, d.email from phone_users pu
          join directory_users d on d.id = pu.directory_user_id
          join sites s on s.id = pu.site_id
         where lower(s.name) in (select jsonb_array_elements_text(${names}::jsonb))`,
    requestId,
  );
}

/** Marks every licensed person (site codes turned on or off renumber them all). */
export async function markEveryLicensed(
  tx: Executor,
  at: Date,
  requestId: string | null = null,
): Promise<void> {
  await upsertMarks(
    tx,
    at,
    sql`select d.id, d.email from phone_users pu join directory_users d on d.id = pu.directory_user_id`,
    requestId,
  );
}

/** `people` selects (id, email) pairs, each person once. */
async function upsertMarks(tx: Executor, at: Date, people: SQL, requestId: string | null): Promise<void> {
  await tx.execute(sql`
    insert into phone_sync
      (directory_user_id, email, state, generation, run_after, attempts, request_id, marked_at, updated_at)
    select p.id, p.email, 'pending', 1, ${iso(at)}::timestamptz, 0, ${requestId}::uuid, ${iso(at)}::timestamptz,
           ${iso(at)}::timestamptz
      from (${people}) as p(id, email)
    on conflict (directory_user_id) do update set
      email = excluded.email, state = 'pending', generation = phone_sync.generation + 1,
      request_id = excluded.request_id,
      run_after = excluded.run_after, attempts = 0, reason = null, failure_code = null,
      failure_message = null, marked_at = excluded.marked_at, updated_at = excluded.updated_at`);
}

/**
 * Records people as in sync without a reconcile, in the transaction that made Switchboard hold what the phone
 * system was just read to hold (an adoption). A new generation, so that a worker holding an older one records
 * nothing over it.
 */
export async function recordInSync(tx: Executor, at: Date, people: readonly PhoneUserRef[]): Promise<void> {
  for (let start = 0; start < people.length; start += CHUNK) {
    const payload = JSON.stringify(
      people.slice(start, start + CHUNK).map((p) => ({ id: p.directoryUserId, email: p.email })),
    );
    await tx.execute(sql`
      insert into phone_sync
        (directory_user_id, email, state, generation, run_after, attempts, marked_at, synced_at, updated_at)
      select p.id, p.email, 'in_sync', 1, ${iso(at)}::timestamptz, 0, ${iso(at)}::timestamptz,
             ${iso(at)}::timestamptz, ${iso(at)}::timestamptz
        from jsonb_to_recordset(${payload}::jsonb) as p(id integer, email text)
      on conflict (directory_user_id) do update set
        email = excluded.email, state = 'in_sync', generation = phone_sync.generation + 1, attempts = 0,
        reason = null, failure_code = null, failure_message = null, synced_at = excluded.synced_at,
        updated_at = excluded.updated_at`);
  }
}

/** The emails of the people marked for the phone system and not yet reconciled. */
export async function pendingSyncEmails(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ email: phoneSync.email })
    .from(phoneSync)
    .where(eq(phoneSync.state, 'pending'));
  return rows.map((row) => row.email);
}

type ClaimedRow = {
  directory_user_id: number;
  email: string;
  generation: number;
  attempts: number;
  claimed_until: string | Date;
};

/**
 * Claims the person longest due for `leaseMs`. `for update skip locked` lets workers in several instances claim
 * at once without waiting on each other; a claim still ahead keeps every other worker off the person, and one
 * that ran out (its worker died) lets the next worker take the person over.
 */
export async function claimSync(db: Executor, now: Date, leaseMs: number): Promise<SyncClaim | undefined> {
  const until = new Date(now.getTime() + leaseMs);
  const [row] = await queryRows<ClaimedRow>(
    db,
    sql`
      update phone_sync set claimed_until = ${iso(until)}::timestamptz, attempts = attempts + 1
       where directory_user_id = (
         select directory_user_id from phone_sync
          where state = 'pending' and run_after <= ${iso(now)}::timestamptz
            and (claimed_until is null or claimed_until <= ${iso(now)}::timestamptz)
          order by run_after, directory_user_id
          limit 1
          for update skip locked)
      returning directory_user_id, email, generation, attempts, claimed_until`,
  );
  if (!row) return undefined;
  return {
    directoryUserId: row.directory_user_id,
    email: row.email,
    generation: row.generation,
    attempts: row.attempts,
    claimedUntil: new Date(row.claimed_until),
  };
}

/** How a claim ends, as recorded. */
export type SyncFinish =
  | { state: 'in_sync'; at: Date; notApplied?: string[] | undefined }
  | { state: 'pending'; at: Date; runAfter: Date; reason: string }
  | { state: 'failed'; at: Date; code: string; message: string; reason: string };

const stillClaimed = (claim: SyncClaim) =>
  and(eq(phoneSync.directoryUserId, claim.directoryUserId), eq(phoneSync.claimedUntil, claim.claimedUntil));

/**
 * Records how the reconcile of a claim went, if the person was not marked again meanwhile; otherwise only lets
 * go of the claim, leaving the newer marking pending for another pass. Returns whether the outcome was recorded.
 * Nothing is written when the claim was lost (it ran out and another worker took the person over).
 */
export async function finishSync(db: Executor, claim: SyncClaim, finish: SyncFinish): Promise<boolean> {
  const set =
    finish.state === 'in_sync'
      ? {
          state: 'in_sync' as const,
          syncedAt: finish.at,
          // In sync except what the phone system has no way to take: kept so that what shows it says so.
          reason: finish.notApplied?.length ? finish.notApplied.join(' ') : null,
          failureCode: null,
          failureMessage: null,
        }
      : finish.state === 'pending'
        ? { state: 'pending' as const, runAfter: finish.runAfter, reason: finish.reason }
        : {
            state: 'failed' as const,
            reason: finish.reason,
            failureCode: finish.code,
            failureMessage: finish.message,
          };
  const recorded = await db
    .update(phoneSync)
    .set({ ...set, claimedUntil: null, updatedAt: finish.at })
    .where(and(stillClaimed(claim), eq(phoneSync.generation, claim.generation)))
    .returning({ id: phoneSync.directoryUserId });
  if (recorded.length > 0) return true;
  await db.update(phoneSync).set({ claimedUntil: null }).where(stillClaimed(claim));
  return false;
}

/**
 * Moves a claim's end to `until` while its reconcile is still running, so that a slow phone system never lets
 * the lease of a live worker run out. Returns the renewed claim, or undefined when the claim was lost already.
 */
export async function renewSync(db: Executor, claim: SyncClaim, until: Date): Promise<SyncClaim | undefined> {
  const renewed = await db
    .update(phoneSync)
    .set({ claimedUntil: until })
    .where(stillClaimed(claim))
    .returning({ id: phoneSync.directoryUserId });
  return renewed.length > 0 ? { ...claim, claimedUntil: until } : undefined;
}

/** When the next pending person is due, if any: the worker sleeps until then. */
export async function nextSyncDue(db: Executor): Promise<Date | undefined> {
  const [row] = await queryRows<{ due: string | Date | null }>(
    db,
    sql`select min(greatest(run_after, coalesce(claimed_until, run_after))) as due
          from phone_sync where state = 'pending'`,
  );
  return row?.due ? new Date(row.due) : undefined;
}

/**
 * Failed people pending again, as an admin's retry: all of them, or one. A retry is a marking (a new generation),
 * so a worker still holding the person records nothing over it. Returns the people retried.
 */
export async function retryFailedSync(
  tx: Executor,
  at: Date,
  directoryUserId?: number,
): Promise<PhoneUserRef[]> {
  const rows = await tx
    .update(phoneSync)
    .set({
      state: 'pending',
      generation: sql`${phoneSync.generation} + 1`,
      runAfter: at,
      attempts: 0,
      reason: null,
      failureCode: null,
      failureMessage: null,
      markedAt: at,
      updatedAt: at,
    })
    .where(
      and(
        eq(phoneSync.state, 'failed'),
        directoryUserId === undefined ? undefined : eq(phoneSync.directoryUserId, directoryUserId),
      ),
    )
    .returning({ directoryUserId: phoneSync.directoryUserId, email: phoneSync.email });
  return rows;
}

export async function countSync(
  db: Executor,
): Promise<Record<SyncState, number> & { oldestPending: Date | null }> {
  const rows = await db
    .select({ state: phoneSync.state, n: count(), oldest: min(phoneSync.markedAt) })
    .from(phoneSync)
    .groupBy(phoneSync.state);
  const of = (state: SyncState) => rows.find((row) => row.state === state);
  return {
    pending: of('pending')?.n ?? 0,
    in_sync: of('in_sync')?.n ?? 0,
    failed: of('failed')?.n ?? 0,
    oldestPending: of('pending')?.oldest ?? null,
  };
}

export type SyncRecord = typeof phoneSync.$inferSelect;

/** A person's sync row with the chat account of their directory entry, if they still have one, to mention them. */
export type SyncPersonRecord = SyncRecord & { slackUserId: string | null };

const withChatAccount = { ...getTableColumns(phoneSync), slackUserId: directoryUsers.slackUserId };

/** The failed people, longest failed first. */
export async function failedSync(db: Executor, limit: number): Promise<SyncPersonRecord[]> {
  return db
    .select(withChatAccount)
    .from(phoneSync)
    .leftJoin(directoryUsers, eq(directoryUsers.id, phoneSync.directoryUserId))
    .where(eq(phoneSync.state, 'failed'))
    .orderBy(asc(phoneSync.updatedAt), asc(phoneSync.directoryUserId))
    .limit(limit);
}

/** The person who has waited longest for the phone system, if anyone waits. */
export async function oldestPendingSync(db: Executor): Promise<SyncPersonRecord | undefined> {
  const [row] = await db
    .select(withChatAccount)
    .from(phoneSync)
    .leftJoin(directoryUsers, eq(directoryUsers.id, phoneSync.directoryUserId))
    .where(eq(phoneSync.state, 'pending'))
    .orderBy(asc(phoneSync.markedAt), asc(phoneSync.directoryUserId))
    .limit(1);
  return row;
}

export async function syncRecordOf(db: Executor, directoryUserId: number): Promise<SyncRecord | undefined> {
  const [row] = await db.select().from(phoneSync).where(eq(phoneSync.directoryUserId, directoryUserId));
  return row;
}

/**
 * A person's sync row and whether `viewer` is an admin, in one statement: a card is drawn within Slack's 3-second
 * acknowledgement, so its sync line costs one round trip. Undefined when no change has named the person since
 * sync began (and then nothing is offered to an admin either).
 */
export async function syncRecordFor(
  db: Executor,
  directoryUserId: number,
  viewer: string,
): Promise<(SyncRecord & { viewerIsAdmin: boolean }) | undefined> {
  const [row] = await db
    .select({
      ...getTableColumns(phoneSync),
      viewerIsAdmin: sql<boolean>`exists (select 1 from ${admins} where ${admins.slackUserId} = ${viewer})`,
    })
    .from(phoneSync)
    .where(eq(phoneSync.directoryUserId, directoryUserId));
  return row;
}
