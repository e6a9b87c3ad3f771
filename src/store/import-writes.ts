import { eq, sql } from 'drizzle-orm';
import { insertRecords } from '../../db/bulk.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  deskPhones,
  directoryUsers,
  emergencyAddresses,
  phoneUserPlans,
  phoneUserSettings,
} from '../../db/schema/index.ts';
import type { EmergencyAddress } from '../domain/address.ts';
import type { SettingsPatch } from './settings.ts';

/**
 * The writes of an import (and of an adoption or drift repair, which apply one): set-based where a file creates
 * thousands of users, one user at a time where it updates a few.
 */

const CHUNK = 2000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Directory entries for people the account does not know yet, returning each one's id and email. */
export async function insertDirectoryEntries(
  tx: Executor,
  people: readonly { email: string; firstName: string; lastName: string; createdAt: Date }[],
) {
  return insertRecords<{ id: number; email: string }>(tx, directoryUsers, people, {
    id: directoryUsers.id,
    email: directoryUsers.email,
  });
}

export async function insertPlanHoldings(
  tx: Executor,
  plans: readonly { phoneUserId: number; planCode: number; createdAt: Date }[],
) {
  await insertRecords(tx, phoneUserPlans, plans);
}

export async function insertDeskPhones(
  tx: Executor,
  phones: readonly { phoneUserId: number; mac: string; model: string; createdAt: Date }[],
) {
  await insertRecords(tx, deskPhones, phones);
}

/** Personal emergency addresses, returning each one's id and phone user. */
export async function insertPersonalAddresses(
  tx: Executor,
  addresses: readonly ({ phoneUserId: number } & EmergencyAddress)[],
) {
  return insertRecords<{ id: number; phoneUserId: number }>(tx, emergencyAddresses, addresses, {
    id: emergencyAddresses.id,
    phoneUserId: emergencyAddresses.phoneUserId,
  });
}

/** Lets go of these numbers of one phone user. */
export async function releaseNumbersOf(tx: Executor, phoneUserId: number, numbers: readonly string[]) {
  await tx.execute(
    sql`update phone_numbers set phone_user_id = null
        where phone_user_id = ${phoneUserId} and number in (select value from jsonb_array_elements_text(${JSON.stringify(numbers)}::jsonb))`,
  );
}

/**
 * Gives free inventory numbers to phone users (pairs of number and phone user id), returning the numbers given:
 * one someone took meanwhile, or a main number, is not among them.
 */
export async function assignFreeNumbers(
  tx: Executor,
  pairs: readonly [string, number][],
): Promise<Set<string>> {
  const rows = await queryRows<{ number: string }>(
    tx,
    sql`update phone_numbers n set phone_user_id = v.phone_user_id
        from (select e->>0 as number, (e->>1)::int as phone_user_id
              from jsonb_array_elements(${JSON.stringify(pairs)}::jsonb) e) v
        where n.number = v.number and n.phone_user_id is null and not n.is_main
        returning n.number`,
  );
  return new Set(rows.map((row) => row.number));
}

/** Writes settings patches of many users in one statement per column set, bumping each version. */
export async function patchSettingsOfMany(
  tx: Executor,
  patches: readonly { id: number; patch: SettingsPatch }[],
  at: Date,
) {
  const jsonColumns = {
    callerId: 'caller_id',
    routes: 'routes',
    businessHours: 'business_hours',
    closedHours: 'closed_hours',
    forwardNumbers: 'forward_numbers',
    unanswered: 'unanswered',
    holdMusic: 'hold_music',
  } as const;
  const textColumns = { ringMode: 'ring_mode', areaCode: 'area_code', language: 'language' } as const;
  const assignments = [
    ...Object.entries(jsonColumns).map(
      ([key, column]) => `${column} = case when v.p ? '${key}' then v.p->'${key}' else s.${column} end`,
    ),
    ...Object.entries(textColumns).map(
      ([key, column]) => `${column} = case when v.p ? '${key}' then v.p->>'${key}' else s.${column} end`,
    ),
    `emergency_address_id = case when v.p ? 'emergencyAddressId' then (v.p->>'emergencyAddressId')::int else s.emergency_address_id end`,
  ].join(', ');
  for (const batch of chunks(patches)) {
    const payload = JSON.stringify(batch.map(({ id, patch }) => ({ id, p: patch })));
    await tx.execute(
      sql`update phone_user_settings s set ${sql.raw(assignments)}, version = s.version + 1, updated_at = ${at.toISOString()}::timestamptz
          from (select (e->>'id')::int as id, e->'p' as p from jsonb_array_elements(${payload}::jsonb) e) v
          where s.phone_user_id = v.id`,
    );
  }
}

/** Bumps a phone user's settings version, so that a settings form opened before a change sees it. */
export async function bumpSettingsVersion(tx: Executor, phoneUserId: number, at: Date) {
  await tx
    .update(phoneUserSettings)
    .set({ version: sql`${phoneUserSettings.version} + 1`, updatedAt: at })
    .where(eq(phoneUserSettings.phoneUserId, phoneUserId));
}

export async function renameDirectoryEntry(tx: Executor, id: number, firstName: string, lastName: string) {
  await tx.update(directoryUsers).set({ firstName, lastName }).where(eq(directoryUsers.id, id));
}

/** Takes these plans from one phone user. */
export async function dropPlanHoldings(tx: Executor, phoneUserId: number, codes: readonly number[]) {
  await tx.execute(
    sql`delete from phone_user_plans where phone_user_id = ${phoneUserId}
        and plan_code in (select value::int from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`,
  );
}

/** Gives these plans to one phone user. */
export async function addPlanHoldings(tx: Executor, phoneUserId: number, codes: readonly number[], at: Date) {
  await tx.insert(phoneUserPlans).values(codes.map((planCode) => ({ phoneUserId, planCode, createdAt: at })));
}

/** Removes one desk phone of one phone user. */
export async function removeDeskPhoneOf(tx: Executor, phoneUserId: number, mac: string) {
  await tx
    .delete(deskPhones)
    .where(sql`${deskPhones.phoneUserId} = ${phoneUserId} and ${deskPhones.mac} = ${mac}`);
}

export async function setDeskPhoneModel(tx: Executor, mac: string, model: string) {
  await tx.update(deskPhones).set({ model }).where(sql`${deskPhones.mac} = ${mac}`);
}

export async function addDeskPhone(
  tx: Executor,
  phone: { phoneUserId: number; mac: string; model: string; createdAt: Date },
) {
  await tx.insert(deskPhones).values(phone);
}

/** The phone user an emergency address belongs to: null for a site's or the account's. */
export async function addressOwner(
  tx: Executor,
  addressId: number,
): Promise<{ id: number; phoneUserId: number | null } | undefined> {
  const [row] = await tx
    .select({ id: emergencyAddresses.id, phoneUserId: emergencyAddresses.phoneUserId })
    .from(emergencyAddresses)
    .where(eq(emergencyAddresses.id, addressId));
  return row;
}
