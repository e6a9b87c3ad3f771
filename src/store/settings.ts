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
export async function comparedSettings(
  db: Executor,
  /** Everyone's, the settings the phone system keeps included. */
  options: { everyone?: boolean } = {},
): Promise<
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
    .where(options.everyone ? undefined : eq(phoneUsers.settingsInPhoneSystem, false));
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

/** Settings changes of many people in one statement per thousand, each bumping the version. */
export async function updateSettingsMany(
  tx: Executor,
  writes: readonly {
    phoneUserId: number;
    patch: Pick<SettingsPatch, 'businessHours' | 'holdMusic' | 'voicemailPin'>;
  }[],
  at: Date,
): Promise<void> {
  for (let start = 0; start < writes.length; start += 1000) {
    const rows = writes.slice(start, start + 1000).map(({ phoneUserId, patch }) => ({
      id: phoneUserId,
      hours: patch.businessHours ?? null,
      music: patch.holdMusic ?? null,
      pin: patch.voicemailPin ?? null,
    }));
    await tx.execute(sql`
      update phone_user_settings s set
        business_hours = coalesce(v.hours, s.business_hours),
        hold_music = coalesce(v.music, s.hold_music),
        voicemail_pin = coalesce(v.pin, s.voicemail_pin),
        version = s.version + 1,
        updated_at = ${at.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id integer, hours jsonb, music jsonb, pin text)
      where s.phone_user_id = v.id`);
  }
}
