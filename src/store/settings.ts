import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { phoneUserSettings } from '../../db/schema/index.ts';

export type PhoneUserSettings = typeof phoneUserSettings.$inferSelect;
export type SettingsPatch = Partial<Omit<PhoneUserSettings, 'phoneUserId' | 'version' | 'updatedAt'>>;

export async function readSettings(db: Executor, phoneUserId: number): Promise<PhoneUserSettings> {
  const [row] = await db
    .select()
    .from(phoneUserSettings)
    .where(eq(phoneUserSettings.phoneUserId, phoneUserId));
  if (!row)
    throw new Error(`phone user ${phoneUserId} has no settings row: the migration trigger is missing`);
  return row;
}

/** Writes a change and bumps the version, so a form opened before it can tell. */
export async function updateSettings(tx: Executor, phoneUserId: number, patch: SettingsPatch, at: Date) {
  const [row] = await tx
    .update(phoneUserSettings)
    .set({ ...patch, version: sql`${phoneUserSettings.version} + 1`, updatedAt: at })
    .where(eq(phoneUserSettings.phoneUserId, phoneUserId))
    .returning();
  if (!row) throw new Error(`phone user ${phoneUserId} has no settings row`);
  return row;
}
