import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  blockedNumbers,
  delegations,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
} from '../../db/schema/index.ts';

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

/**
 * What a drift check compares of everyone's settings beyond the columns of an export, by phone user id: the
 * settings row, blocked values and assistants' emails. People whose settings the phone system keeps are left out.
 */
export async function comparedSettings(db: Executor): Promise<
  Map<
    number,
    Pick<PhoneUserSettings, 'businessHours' | 'holdMusic' | 'voicemailPin'> & {
      blocked: string[];
      assistants: string[];
    }
  >
> {
  const rows = await db
    .select({
      phoneUserId: phoneUserSettings.phoneUserId,
      businessHours: phoneUserSettings.businessHours,
      holdMusic: phoneUserSettings.holdMusic,
      voicemailPin: phoneUserSettings.voicemailPin,
    })
    .from(phoneUserSettings)
    .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
    .where(eq(phoneUsers.settingsInPhoneSystem, false));
  const out = new Map(
    rows.map(({ phoneUserId, ...row }) => [
      phoneUserId,
      { ...row, blocked: [] as string[], assistants: [] as string[] },
    ]),
  );
  for (const row of await db
    .select({ phoneUserId: blockedNumbers.phoneUserId, value: blockedNumbers.value })
    .from(blockedNumbers)) {
    out.get(row.phoneUserId)?.blocked.push(row.value);
  }
  for (const row of await db
    .select({ ownerId: delegations.ownerId, email: directoryUsers.email })
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.assistantId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))) {
    out.get(row.ownerId)?.assistants.push(row.email);
  }
  return out;
}
