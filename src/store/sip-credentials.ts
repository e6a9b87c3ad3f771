import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { sipCredentials } from '../../db/schema/index.ts';

export type SipDigest = { username: string; realm: string; ha1: string; ha1b: string };

/**
 * Sets the credentials of one of a person's devices: their apps (`deskPhoneId` null) or one of their desk phones,
 * replacing any earlier ones. Returns whether there were some before (a reset) and the username they had.
 */
export async function setDeviceCredentials(
  tx: Executor,
  phoneUserId: number,
  deskPhoneId: number | null,
  digest: SipDigest,
  at: Date,
): Promise<{ before: { username: string } | undefined }> {
  const device = and(
    eq(sipCredentials.phoneUserId, phoneUserId),
    deskPhoneId === null ? isNull(sipCredentials.deskPhoneId) : eq(sipCredentials.deskPhoneId, deskPhoneId),
  );
  const [before] = await tx
    .select({ username: sipCredentials.username })
    .from(sipCredentials)
    .where(device)
    .for('update');
  if (before) {
    await tx
      .update(sipCredentials)
      .set({ ...digest, updatedAt: at })
      .where(device);
  } else {
    await tx
      .insert(sipCredentials)
      .values({ phoneUserId, deskPhoneId, ...digest, createdAt: at, updatedAt: at });
  }
  return { before };
}

/** Whether a username is taken by another person's device. */
export async function sipUsernameHolder(tx: Executor, username: string): Promise<number | undefined> {
  const [row] = await tx
    .select({ phoneUserId: sipCredentials.phoneUserId })
    .from(sipCredentials)
    .where(eq(sql`lower(${sipCredentials.username})`, username.toLowerCase()));
  return row?.phoneUserId;
}
