import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { blockedNumbers } from '../../db/schema/index.ts';
import type { BlockedEntry } from '../domain/blocked.ts';

/** Adds an entry to a user's blocked list; false when it is already there (the primary key decides). */
export async function insertBlocked(tx: Executor, phoneUserId: number, entry: BlockedEntry, at: Date) {
  const inserted = await tx
    .insert(blockedNumbers)
    .values({ phoneUserId, kind: entry.kind, value: entry.value, createdAt: at })
    .onConflictDoNothing()
    .returning({ value: blockedNumbers.value });
  return inserted.length === 1;
}

/** Removes an entry from a user's blocked list; what was removed, or undefined when it was not there. */
export async function deleteBlocked(
  tx: Executor,
  phoneUserId: number,
  value: string,
): Promise<BlockedEntry | undefined> {
  const [deleted] = await tx
    .delete(blockedNumbers)
    .where(and(eq(blockedNumbers.phoneUserId, phoneUserId), eq(blockedNumbers.value, value)))
    .returning({ kind: blockedNumbers.kind, value: blockedNumbers.value });
  return deleted;
}
