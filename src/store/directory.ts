import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { directoryUsers } from '../../db/schema/index.ts';

export type DirectoryUser = typeof directoryUsers.$inferSelect;

export async function findDirectoryUserBySlackId(db: Executor, slackUserId: string) {
  const [row] = await db.select().from(directoryUsers).where(eq(directoryUsers.slackUserId, slackUserId));
  return row;
}

export async function findDirectoryUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select()
    .from(directoryUsers)
    .where(sql`lower(${directoryUsers.email}) = lower(${email})`);
  return row;
}

/** The Slack ids of `slackUserIds` that some directory entry is linked to. */
export async function linkedSlackIds(db: Executor, slackUserIds: string[]): Promise<Set<string>> {
  if (slackUserIds.length === 0) return new Set();
  const rows = await db
    .select({ slackUserId: directoryUsers.slackUserId })
    .from(directoryUsers)
    .where(inArray(directoryUsers.slackUserId, slackUserIds));
  return new Set(rows.flatMap((row) => (row.slackUserId ? [row.slackUserId] : [])));
}

export async function findDirectoryUsersByIds(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(directoryUsers).where(inArray(directoryUsers.id, ids));
}

export async function insertDirectoryUser(
  tx: Executor,
  values: {
    email: string;
    firstName: string;
    lastName: string;
    timezone: string | null;
    slackUserId: string | null;
  },
) {
  const [row] = await tx.insert(directoryUsers).values(values).returning();
  if (!row) throw new Error('insert into directory_users returned nothing');
  return row;
}

export async function linkSlackUser(tx: Executor, id: number, slackUserId: string, timezone: string | null) {
  await tx
    .update(directoryUsers)
    .set({ slackUserId, ...(timezone ? { timezone } : {}) })
    .where(eq(directoryUsers.id, id));
}

/**
 * Links a directory entry that has no chat account yet, with the account's time zone when it gives one. Returns
 * the entry as it is now, or undefined when it was linked meanwhile (the caller leaves it as it is).
 */
export async function linkUnlinkedSlackUser(
  tx: Executor,
  id: number,
  slackUserId: string,
  timezone: string | null,
): Promise<DirectoryUser | undefined> {
  const [row] = await tx
    .update(directoryUsers)
    .set({ slackUserId, ...(timezone ? { timezone } : {}) })
    .where(and(eq(directoryUsers.id, id), isNull(directoryUsers.slackUserId)))
    .returning();
  return row;
}
