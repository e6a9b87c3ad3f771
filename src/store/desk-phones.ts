import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { deskPhones } from '../../db/schema/index.ts';
import type { DeskPhone } from './user-details.ts';

/** The desk phone with this MAC anywhere in the account, and whose it is. */
export async function deskPhoneByMac(
  db: Executor,
  mac: string,
): Promise<(DeskPhone & { phoneUserId: number }) | undefined> {
  const [row] = await db
    .select({
      id: deskPhones.id,
      mac: deskPhones.mac,
      model: deskPhones.model,
      phoneUserId: deskPhones.phoneUserId,
    })
    .from(deskPhones)
    .where(eq(deskPhones.mac, mac));
  return row;
}

export async function insertDeskPhone(
  tx: Executor,
  values: { phoneUserId: number; mac: string; model: string },
): Promise<DeskPhone> {
  const [row] = await tx
    .insert(deskPhones)
    .values(values)
    .returning({ id: deskPhones.id, mac: deskPhones.mac, model: deskPhones.model });
  if (!row) throw new Error('insert into desk_phones returned nothing');
  return row;
}

export async function deleteDeskPhone(tx: Executor, phoneUserId: number, mac: string): Promise<void> {
  await tx.delete(deskPhones).where(and(eq(deskPhones.phoneUserId, phoneUserId), eq(deskPhones.mac, mac)));
}
