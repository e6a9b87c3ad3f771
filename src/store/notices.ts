import { and, count, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { noticeJobs } from '../../db/schema/index.ts';
import type { LineChange } from '../domain/notices.ts';

export type NoticeJob = {
  id: number;
  requestId: string;
  actor: string;
  directoryUserId: number;
  changes: LineChange[];
  /** Which claim this is: a worker acts on the job only while it is still its claim. */
  attempts: number;
};

const CHUNK = 5000;

/** Raw statements take times as ISO text: postgres.js, unlike PGlite, does not bind a Date there. */
const iso = (at: Date) => at.toISOString();

/**
 * Adds the jobs of one request, in its transaction. A request that writes its changes in several flushes (a
 * large import) adds to the same person's job: still one message per person per request.
 */
export async function enqueueNotices(
  tx: Executor,
  requestId: string,
  actor: string,
  at: Date,
  people: { directoryUserId: number; changes: LineChange[] }[],
): Promise<void> {
  for (let start = 0; start < people.length; start += CHUNK) {
    const payload = JSON.stringify(people.slice(start, start + CHUNK));
    await tx.execute(sql`
      insert into notice_jobs (request_id, actor, directory_user_id, changes, run_after, created_at)
      select ${requestId}::uuid, ${actor}, p."directoryUserId", p."changes", ${iso(at)}::timestamptz,
             ${iso(at)}::timestamptz
        from jsonb_to_recordset(${payload}::jsonb) as p("directoryUserId" integer, "changes" jsonb)
      on conflict (request_id, directory_user_id)
        do update set changes = notice_jobs.changes || excluded.changes`);
  }
}

type ClaimedRow = {
  id: string | number;
  request_id: string;
  actor: string;
  directory_user_id: number;
  changes: LineChange[] | string;
  attempts: number;
};

/**
 * Claims the oldest due job for `leaseMs`. `for update skip locked` lets several workers (instances) claim at
 * once without waiting on each other's row; the lease lets another worker take over a job whose worker died
 * before finishing it (linking is safe to repeat; the message is marked sent before it goes, see the worker).
 */
export async function claimNotice(db: Executor, now: Date, leaseMs: number): Promise<NoticeJob | undefined> {
  const until = new Date(now.getTime() + leaseMs);
  const [row] = await queryRows<ClaimedRow>(
    db,
    sql`
      update notice_jobs set claimed_until = ${iso(until)}::timestamptz, attempts = attempts + 1
       where id = (
         select id from notice_jobs
          where state = 'pending' and run_after <= ${iso(now)}::timestamptz
            and (claimed_until is null or claimed_until <= ${iso(now)}::timestamptz)
          order by run_after, id
          limit 1
          for update skip locked)
      returning id, request_id, actor, directory_user_id, changes, attempts`,
  );
  if (!row) return undefined;
  return {
    id: Number(row.id),
    requestId: row.request_id,
    actor: row.actor,
    directoryUserId: row.directory_user_id,
    changes: typeof row.changes === 'string' ? (JSON.parse(row.changes) as LineChange[]) : row.changes,
    attempts: row.attempts,
  };
}

const stillClaimed = (job: NoticeJob) =>
  and(eq(noticeJobs.id, job.id), eq(noticeJobs.state, 'pending'), eq(noticeJobs.attempts, job.attempts));

/** Marks a claimed job done. False when the claim was lost meanwhile (another worker took the job over). */
export async function finishNotice(
  db: Executor,
  job: NoticeJob,
  outcome: string,
  at: Date,
  error?: string,
): Promise<boolean> {
  const rows = await db
    .update(noticeJobs)
    .set({ state: 'done', outcome, doneAt: at, claimedUntil: null, lastError: error ?? null })
    .where(stillClaimed(job))
    .returning({ id: noticeJobs.id });
  return rows.length > 0;
}

/** Gives a claimed job back, to be tried again at `runAfter` (Slack asked to wait, or could not be reached). */
export async function retryNotice(
  db: Executor,
  job: NoticeJob,
  runAfter: Date,
  error: string,
): Promise<void> {
  await db
    .update(noticeJobs)
    .set({ state: 'pending', runAfter, claimedUntil: null, lastError: error })
    .where(and(eq(noticeJobs.id, job.id), eq(noticeJobs.attempts, job.attempts)));
}

/** When the next pending job is due, if any: the worker sleeps until then. */
export async function nextNoticeDue(db: Executor): Promise<Date | undefined> {
  const [row] = await queryRows<{ due: string | Date | null }>(
    db,
    sql`select min(greatest(run_after, coalesce(claimed_until, run_after))) as due
          from notice_jobs where state = 'pending'`,
  );
  return row?.due ? new Date(row.due) : undefined;
}

export async function countNotices(db: Executor): Promise<{ pending: number; done: number }> {
  const rows = await db
    .select({ state: noticeJobs.state, n: count() })
    .from(noticeJobs)
    .groupBy(noticeJobs.state);
  const of = (state: string) => rows.find((row) => row.state === state)?.n ?? 0;
  return { pending: of('pending'), done: of('done') };
}

/**
 * A job marked sent whose message Slack refused to post before posting it: pending again at `runAfter` (Slack
 * asked to wait), or done with the refusal as its outcome.
 */
export async function reopenNotice(
  db: Executor,
  job: NoticeJob,
  then: { runAfter: Date } | { refused: Date },
  error: string,
): Promise<void> {
  const sentByThisClaim = and(
    eq(noticeJobs.id, job.id),
    eq(noticeJobs.attempts, job.attempts),
    eq(noticeJobs.outcome, 'sent'),
  );
  const set =
    'runAfter' in then
      ? { state: 'pending', outcome: null, doneAt: null, runAfter: then.runAfter, lastError: error }
      : { outcome: 'refused', doneAt: then.refused, lastError: error };
  await db.update(noticeJobs).set(set).where(sentByThisClaim);
}
