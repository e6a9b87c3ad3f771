import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { emergencyAddresses } from '../../db/schema/index.ts';
import type { EmergencyAddress } from '../domain/address.ts';
import type { Address } from './user-details.ts';

/** The parts of a stored address, without its owner and bookkeeping. */
export const addressParts = (row: Address): EmergencyAddress => ({
  line1: row.line1,
  line2: row.line2,
  city: row.city,
  state: row.state,
  postalCode: row.postalCode,
  country: row.country,
});

export async function insertAddress(
  tx: Executor,
  address: EmergencyAddress,
  owner: { siteId: number; isSiteDefault: boolean } | { phoneUserId: number },
): Promise<Address> {
  const [row] = await tx
    .insert(emergencyAddresses)
    .values({ ...address, ...owner })
    .returning();
  if (!row) throw new Error('insert into emergency_addresses returned nothing');
  return row;
}

export async function updateAddress(tx: Executor, id: number, address: EmergencyAddress): Promise<Address> {
  const [row] = await tx
    .update(emergencyAddresses)
    .set(address)
    .where(eq(emergencyAddresses.id, id))
    .returning();
  if (!row) throw new Error(`emergency address ${id} vanished inside its own transaction`);
  return row;
}

export async function deleteAddress(tx: Executor, id: number): Promise<void> {
  await tx.delete(emergencyAddresses).where(eq(emergencyAddresses.id, id));
}
