import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { changeOutbox, phoneSync, type SyncReplyRow, syncReplies } from '../../db/schema/index.ts';

export type NewSyncReply = {
  people: number[];
  channelId: string;
  messageTs: string;
  message: { text: string; blocks?: unknown[] };
  shown: string;
  /** An import's summary: the refused rows' file name, and the admin it goes to. */
  refusals?: { fileName: string; requestedBy: string } | undefined;
  requestIds: readonly string[];
  at: Date;
};

export async function insertSyncReply(db: Executor, reply: NewSyncReply): Promise<number> {
  const [row] = await db
    .insert(syncReplies)
    .values({
      people: reply.people,
      channelId: reply.channelId,
      messageTs: reply.messageTs,
      message: reply.message,
      shown: reply.shown,
      refusalsFile: reply.refusals?.fileName ?? null,
      requestedBy: reply.refusals?.requestedBy ?? null,
      requestIds: [...reply.requestIds],
      createdAt: reply.at,
      updatedAt: reply.at,
    })
    .returning({ id: syncReplies.id });
  if (!row) throw new Error('the sync reply was not recorded');
  return row.id;
}

/** The replies still following their people, newest first, at most `limit`. */
export async function openSyncReplies(db: Executor, limit: number): Promise<SyncReplyRow[]> {
  return db
    .select()
    .from(syncReplies)
    .where(eq(syncReplies.open, true))
    .orderBy(desc(syncReplies.id))
    .limit(limit);
}

export async function syncReplyById(db: Executor, id: number): Promise<SyncReplyRow | undefined> {
  const [row] = await db.select().from(syncReplies).where(eq(syncReplies.id, id));
  return row;
}

/** The people whose last marking came from one of these requests. */
export async function peopleOfRequests(db: Executor, requestIds: readonly string[]): Promise<number[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .select({ id: phoneSync.directoryUserId })
    .from(phoneSync)
    .where(inArray(phoneSync.requestId, [...requestIds]));
  return rows.map((row) => row.id);
}

/** The sync of each of these people (an import's reply follows up to its whole file: one JSON parameter). */
export async function syncOfPeople(db: Executor, people: readonly number[]) {
  if (people.length === 0) return [];
  const ids = JSON.stringify(people);
  return db
    .select({
      directoryUserId: phoneSync.directoryUserId,
      email: phoneSync.email,
      state: phoneSync.state,
      reason: phoneSync.reason,
      failureCode: phoneSync.failureCode,
      failureMessage: phoneSync.failureMessage,
      requestId: phoneSync.requestId,
    })
    .from(phoneSync)
    .where(sql`${phoneSync.directoryUserId} in (select (jsonb_array_elements_text(${ids}::jsonb))::integer)`)
    .orderBy(phoneSync.email);
}

/** Records what the message now shows; only the process that read `shown` as `before` writes it. */
export async function recordShown(
  db: Executor,
  id: number,
  before: string,
  shown: string,
  open: boolean,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(syncReplies)
    .set({ shown, open, updatedAt: at })
    .where(and(eq(syncReplies.id, id), eq(syncReplies.shown, before)))
    .returning({ id: syncReplies.id });
  return rows.length > 0;
}

/** Stops following a message (it was replaced by something else). */
export async function closeRepliesAt(
  db: Executor,
  channelId: string,
  messageTs: string,
  at: Date,
): Promise<void> {
  await db
    .update(syncReplies)
    .set({ open: false, updatedAt: at })
    .where(and(eq(syncReplies.channelId, channelId), eq(syncReplies.messageTs, messageTs)));
}

/** The kinds of change the requests recorded, each once. */
export async function changeKindsOf(db: Executor, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ kind: changeOutbox.kind })
    .from(changeOutbox)
    .where(inArray(changeOutbox.requestId, [...requestIds]));
  return rows.map((row) => row.kind);
}

/** The change records of these requests that name one of these people, newest first: what a revert takes back. */
export async function changesOfPeople(
  db: Executor,
  requestIds: readonly string[],
  people: readonly number[],
): Promise<{ id: number; kind: string; payload: unknown }[]> {
  if (requestIds.length === 0 || people.length === 0) return [];
  return db
    .select({ id: changeOutbox.id, kind: changeOutbox.kind, payload: changeOutbox.payload })
    .from(changeOutbox)
    .where(
      and(
        inArray(changeOutbox.requestId, [...requestIds]),
        sql`(${changeOutbox.payload} -> 'user' ->> 'directoryUserId')::integer in (select (jsonb_array_elements_text(${JSON.stringify(people)}::jsonb))::integer)`,
      ),
    )
    .orderBy(desc(changeOutbox.id));
}
