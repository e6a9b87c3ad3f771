import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { delegations } from '../../db/schema/index.ts';

export async function countAssistants(db: Executor, ownerId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(delegations).where(eq(delegations.ownerId, ownerId));
  return row?.n ?? 0;
}

/** Lets `assistantId` answer the calls of `ownerId`; false when they already may. */
export async function insertDelegation(tx: Executor, ownerId: number, assistantId: number, at: Date) {
  const inserted = await tx
    .insert(delegations)
    .values({ ownerId, assistantId, createdAt: at })
    .onConflictDoNothing()
    .returning({ ownerId: delegations.ownerId });
  return inserted.length === 1;
}

/** Ends a delegation; false when there was none. */
export async function deleteDelegation(tx: Executor, ownerId: number, assistantId: number) {
  const deleted = await tx
    .delete(delegations)
    .where(and(eq(delegations.ownerId, ownerId), eq(delegations.assistantId, assistantId)))
    .returning({ ownerId: delegations.ownerId });
  return deleted.length === 1;
}

/**
 * Every delegation reachable from one phone user by following "whose assistant is" onwards: their assistants,
 * the assistants of those, and so on. One statement per step of the chain; chains are short.
 */
export async function delegationsFrom(
  db: Executor,
  phoneUserId: number,
): Promise<{ ownerId: number; assistantId: number }[]> {
  const found: { ownerId: number; assistantId: number }[] = [];
  const seen = new Set([phoneUserId]);
  let frontier = [phoneUserId];
  while (frontier.length > 0) {
    const rows = await db
      .select({ ownerId: delegations.ownerId, assistantId: delegations.assistantId })
      .from(delegations)
      .where(inArray(delegations.ownerId, frontier));
    found.push(...rows);
    frontier = [...new Set(rows.map((row) => row.assistantId))].filter((id) => !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return found;
}
