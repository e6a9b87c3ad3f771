import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type AdoptionRow, adoptions, phoneUsers } from '../../db/schema/index.ts';
import type { AdoptionCounts } from '../domain/adoption.ts';
import type { PhoneAccount } from '../domain/phone-account.ts';

export type { AdoptionRow };

/** Closes the previews this admin has open: a newer one replaces them. */
export async function cancelPreviewedAdoptions(tx: Executor, requestedBy: string, at: Date) {
  await tx
    .update(adoptions)
    .set({ status: 'cancelled', account: null, closedBy: requestedBy, closedAt: at })
    .where(and(eq(adoptions.requestedBy, requestedBy), eq(adoptions.status, 'previewed')));
}

export async function insertAdoptionPreview(
  tx: Executor,
  values: { requestedBy: string; system: string; account: PhoneAccount; counts: AdoptionCounts; at: Date },
): Promise<AdoptionRow> {
  const [row] = await tx
    .insert(adoptions)
    .values({
      status: 'previewed',
      requestedBy: values.requestedBy,
      system: values.system,
      account: values.account,
      counts: values.counts,
      createdAt: values.at,
    })
    .returning();
  if (!row) throw new Error('insert into adoptions returned nothing');
  return row;
}

/** Reads an adoption and locks its row for the rest of the transaction. */
export async function lockAdoption(tx: Executor, id: number): Promise<AdoptionRow | undefined> {
  const [row] = await tx.select().from(adoptions).where(eq(adoptions.id, id)).for('update');
  return row;
}

/** An adoption carried out: its account read dropped, its counts as applied. */
export async function markAdoptionApplied(
  tx: Executor,
  id: number,
  values: { counts: AdoptionCounts; requestId: string; closedBy: string; closedAt: Date },
) {
  await tx
    .update(adoptions)
    .set({
      status: 'applied',
      account: null,
      counts: values.counts,
      requestId: values.requestId,
      closedBy: values.closedBy,
      closedAt: values.closedAt,
    })
    .where(eq(adoptions.id, id));
}

export async function markAdoptionCancelled(tx: Executor, id: number, closedBy: string, at: Date) {
  await tx
    .update(adoptions)
    .set({ status: 'cancelled', account: null, closedBy, closedAt: at })
    .where(eq(adoptions.id, id));
}

/** Sets whether the phone system keeps the settings of these directory users' phone users. */
export async function setSettingsInPhoneSystem(
  tx: Executor,
  directoryUserIds: readonly number[],
  kept: boolean,
) {
  const ids = directoryUserIds.map(String);
  await tx
    .update(phoneUsers)
    .set({ settingsInPhoneSystem: kept })
    .where(
      sql`${phoneUsers.directoryUserId} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::integer)`,
    );
}
