import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Whether the phone system holds what Switchboard wants for each person: one row per person any committed change
 * named, marked in that change's transaction, so a committed change is always followed by a reconcile and a
 * rolled-back one never is. Keyed by the directory user's id without a reference to it: a person deleted from
 * the directory keeps their row (and email) until the phone system has taken their line away.
 *
 * `state`: `pending` (to reconcile at `runAfter`; a worker holds it while `claimedUntil` is ahead), `in_sync`, or
 * `failed` (the phone system refused; not tried again until the person is marked again or an admin retries).
 * `generation` is bumped by every marking, so a worker that read an older one never records `in_sync` over it.
 */
export const phoneSync = pgTable(
  'phone_sync',
  {
    directoryUserId: integer('directory_user_id').primaryKey(),
    email: text('email').notNull(),
    state: text('state', { enum: ['pending', 'in_sync', 'failed'] })
      .notNull()
      .default('pending'),
    generation: integer('generation').notNull().default(1),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Reconciles started since the last marking: the backoff when the phone system cannot be reached. */
    attempts: integer('attempts').notNull().default(0),
    /** Why the person is not in sync, in plain words for the admin (the last pending or failed outcome). */
    reason: text('reason'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    /** The request whose change marked the person last: its reply in Slack shows how the sync went. */
    requestId: uuid('request_id'),
    /** The last marking: how long the person has waited, for the oldest pending. */
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('phone_sync_due_idx').on(t.runAfter, t.directoryUserId).where(sql`${t.state} = 'pending'`),
    index('phone_sync_state_idx').on(t.state, t.updatedAt),
    index('phone_sync_request_idx').on(t.requestId),
    check('phone_sync_state', sql`${t.state} in ('pending', 'in_sync', 'failed')`),
  ],
);

export type PhoneSyncRow = typeof phoneSync.$inferSelect;

/**
 * A change's message in Slack whose status line follows the phone system: the people the change marked, where
 * the message is and what it said, and the status line last shown (so an update goes out only when the line
 * changes). A person marked again later counts as applied once the phone system holds their newer line, which
 * includes this change. `open` until every one of them is in sync.
 */
export const syncReplies = pgTable(
  'sync_replies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    people: jsonb('people').$type<number[]>().notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    message: jsonb('message').$type<{ text: string; blocks?: unknown[] }>().notNull(),
    shown: text('shown').notNull(),
    /**
     * Set for an import's summary: the name of the file of refused rows sent to `requestedBy` (the admin who
     * imported) when the phone system refuses some of its people.
     */
    refusalsFile: text('refusals_file'),
    /** The requests whose change the message shows: what Revert takes back for the people refused. */
    requestIds: jsonb('request_ids').$type<string[]>().notNull().default([]),
    requestedBy: text('requested_by'),
    open: boolean('open').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sync_replies_open_idx').on(t.id).where(sql`${t.open}`)],
);

export type SyncReplyRow = typeof syncReplies.$inferSelect;
