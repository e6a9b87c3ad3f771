import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { deskPhones, directoryUsers, phoneUsers, sipCredentials } from '../../db/schema/index.ts';

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

/** The devices that sign in with any of `usernames` (in any case): whose they are and which desk phone, if one. */
function devicesSigningInAs(tx: Executor, usernames: string[]) {
  return tx
    .select({
      username: sipCredentials.username,
      phoneUserId: sipCredentials.phoneUserId,
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      slackUserId: directoryUsers.slackUserId,
      extension: phoneUsers.extension,
      mac: deskPhones.mac,
      model: deskPhones.model,
    })
    .from(sipCredentials)
    .innerJoin(phoneUsers, eq(phoneUsers.id, sipCredentials.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .leftJoin(deskPhones, eq(deskPhones.id, sipCredentials.deskPhoneId))
    .where(
      inArray(
        sql`lower(${sipCredentials.username})`,
        usernames.map((u) => u.toLowerCase()),
      ),
    );
}

/** Whose device signs in with `username`: the person, their current extension and the desk phone, if one. */
export async function sipUsernameHolder(
  tx: Executor,
  username: string,
): Promise<
  | {
      phoneUserId: number;
      person: { email: string; firstName: string; lastName: string; slackUserId: string | null };
      extension: string;
      deskPhone: string | null;
    }
  | undefined
> {
  const [row] = await devicesSigningInAs(tx, [username]);
  if (!row) return undefined;
  const { phoneUserId, email, firstName, lastName, slackUserId, extension, mac } = row;
  return { phoneUserId, person: { email, firstName, lastName, slackUserId }, extension, deskPhone: mac };
}

export type SipDeviceOwner = {
  name: string;
  extension: string;
  /** The desk phone these credentials are for, or null for the person's apps. */
  deskPhone: { mac: string; model: string } | null;
};

/** Whose device each SIP username is (usernames nobody holds are left out): for showing registrations. */
export async function sipDeviceOwners(
  tx: Executor,
  usernames: string[],
): Promise<Map<string, SipDeviceOwner>> {
  if (usernames.length === 0) return new Map();
  const rows = await devicesSigningInAs(tx, usernames);
  return new Map(
    rows.map((row) => [
      row.username.toLowerCase(),
      {
        name: `${row.firstName} ${row.lastName}`.trim() || row.email,
        extension: row.extension,
        deskPhone: row.mac !== null && row.model !== null ? { mac: row.mac, model: row.model } : null,
      },
    ]),
  );
}
