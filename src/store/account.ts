import { asc, count, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  type AccountSettingsRow,
  accountSettings,
  admins,
  reservedExtensions,
} from '../../db/schema/index.ts';

export type { AccountSettingsRow };

/**
 * Reads the account row and locks it for the rest of the transaction. Every change to phone users takes this
 * lock first, so two admins acting at once are serialised and the second sees the first one's result; the
 * unique constraints remain the final guarantee.
 */
export async function lockAccount(tx: Executor) {
  const [row] = await tx.select().from(accountSettings).where(eq(accountSettings.id, 1)).for('update');
  if (!row) throw new Error('account_settings row is missing: migrations have not run');
  return row;
}

/** Whether the account holds any phone user or number yet. */
export async function accountInUse(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ used: boolean }>(
    db,
    sql`select exists (select 1 from phone_users) or exists (select 1 from phone_numbers) as used`,
  );
  return row?.used === true;
}

export async function readAccount(db: Executor) {
  const [row] = await db.select().from(accountSettings).where(eq(accountSettings.id, 1));
  if (!row) throw new Error('account_settings row is missing: migrations have not run');
  return row;
}

export async function updateAccount(
  tx: Executor,
  values: { licensesTotal?: number; siteCodesEnabled?: boolean },
  at: Date,
) {
  await tx
    .update(accountSettings)
    .set({ ...values, updatedAt: at })
    .where(eq(accountSettings.id, 1));
}

/** Reserved extensions, shortest first and in order within a length, after `after` in that order. */
export async function listReserved(db: Executor, limit: number, after?: string) {
  const length = sql`length(${reservedExtensions.extension})`;
  return db
    .select()
    .from(reservedExtensions)
    .where(
      after === undefined
        ? undefined
        : sql`(${length}, ${reservedExtensions.extension}) > (${after.length}, ${after})`,
    )
    .orderBy(length, asc(reservedExtensions.extension))
    .limit(limit);
}

export async function countReserved(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reservedExtensions);
  return row?.n ?? 0;
}

export async function reservedSet(db: Executor): Promise<Set<string>> {
  const rows = await db.select({ extension: reservedExtensions.extension }).from(reservedExtensions);
  return new Set(rows.map((row) => row.extension));
}

export async function addReserved(tx: Executor, extension: string, note: string | null) {
  await tx.insert(reservedExtensions).values({ extension, note });
}

export async function removeReserved(tx: Executor, extension: string): Promise<boolean> {
  const removed = await tx
    .delete(reservedExtensions)
    .where(eq(reservedExtensions.extension, extension))
    .returning();
  return removed.length > 0;
}

export async function listAdmins(db: Executor) {
  return db.select().from(admins).orderBy(asc(admins.createdAt), asc(admins.slackUserId));
}

/** The first admins, oldest first, and how many there are in all: whom a refused non-admin can ask. */
export type AdminsToAsk = { first: string[]; total: number };

/**
 * Whether someone is an admin, and the first `max` admins to name if not, in one statement: the window
 * functions see every admin before the limit cuts the list.
 */
export async function adminCheck(
  db: Executor,
  slackUserId: string | null,
  max = ADMINS_NAMED,
): Promise<{ isAdmin: boolean; admins: AdminsToAsk }> {
  const rows = await db
    .select({
      id: admins.slackUserId,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      isAdmin: sql<boolean>`bool_or(${admins.slackUserId} = ${slackUserId ?? ''}) over ()`,
    })
    .from(admins)
    .orderBy(asc(admins.createdAt), asc(admins.slackUserId))
    .limit(max);
  return {
    isAdmin: rows[0]?.isAdmin === true,
    admins: { first: rows.map((r) => r.id), total: rows[0]?.total ?? 0 },
  };
}

/** How many admins a refusal names before "and N more". */
export const ADMINS_NAMED = 5;

export async function isAdmin(db: Executor, slackUserId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: admins.slackUserId })
    .from(admins)
    .where(eq(admins.slackUserId, slackUserId));
  return row !== undefined;
}

export async function addAdmin(tx: Executor, slackUserId: string, addedBy: string): Promise<boolean> {
  const inserted = await tx.insert(admins).values({ slackUserId, addedBy }).onConflictDoNothing().returning();
  return inserted.length > 0;
}

export async function removeAdmin(tx: Executor, slackUserId: string): Promise<boolean> {
  const removed = await tx.delete(admins).where(eq(admins.slackUserId, slackUserId)).returning();
  return removed.length > 0;
}
