import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Work for Slack that runs in the background at Slack's pace: for each person whose line one request changed,
 * link their directory entry to their Slack account (by email) if it has none, then tell them in one direct
 * message. Written in the same transaction as the change it is about, so a committed change always has its
 * job and a rolled-back one never does; one row per person per request.
 *
 * `state`: `pending` (to do at `runAfter`; a worker holds it while `claimedUntil` is ahead), then `done` with an
 * `outcome` (`sent`, `own_change`, `not_in_slack`, `no_person`, `failed`).
 */
export const noticeJobs = pgTable(
  'notice_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    actor: text('actor').notNull(),
    directoryUserId: integer('directory_user_id').notNull(),
    /** The request's change records about this person, as written to the change outbox. */
    changes: jsonb('changes').notNull(),
    state: text('state').notNull().default('pending'),
    outcome: text('outcome'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('notice_jobs_request_person_unique').on(t.requestId, t.directoryUserId),
    index('notice_jobs_due_idx').on(t.runAfter, t.id).where(sql`${t.state} = 'pending'`),
  ],
);

export type NoticeJobRow = typeof noticeJobs.$inferSelect;
