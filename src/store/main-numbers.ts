import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { directoryUsers, phoneNumbers, phoneUserSettings, phoneUsers } from '../../db/schema/index.ts';
import type { Person } from '../domain/errors.ts';
import { personOf } from './phone-users.ts';

/** The account's main numbers, in order. */
export async function mainNumbers(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.isMain, true))
    .orderBy(asc(phoneNumbers.number));
  return rows.map((row) => row.number);
}

/**
 * Marks or unmarks a main number. Marking only touches a number nobody holds: the condition (and the table's check
 * constraint) keep a main number from ever being a user's direct number.
 */
export async function setMainNumber(tx: Executor, number: string, main: boolean): Promise<boolean> {
  const condition = main
    ? and(eq(phoneNumbers.number, number), sql`${phoneNumbers.phoneUserId} is null`)
    : eq(phoneNumbers.number, number);
  const updated = await tx
    .update(phoneNumbers)
    .set({ isMain: main })
    .where(condition)
    .returning({ id: phoneNumbers.id });
  return updated.length === 1;
}

/** Every number of a site's inventory (assigned, free or main): what tells the site's country. */
export async function siteNumbers(db: Executor, siteId: number): Promise<string[]> {
  const rows = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.siteId, siteId))
    .orderBy(asc(phoneNumbers.number));
  return rows.map((row) => row.number);
}

/** The phone users whose outbound caller ID is this number. */
export async function usersShowingCallerId(db: Executor, number: string): Promise<Person[]> {
  const rows = await db
    .select({
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      slackUserId: directoryUsers.slackUserId,
    })
    .from(phoneUserSettings)
    .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(
      and(
        sql`${phoneUserSettings.callerId}->>'kind' = 'number'`,
        sql`${phoneUserSettings.callerId}->>'number' = ${number}`,
      ),
    )
    .orderBy(asc(directoryUsers.email));
  return rows.map(personOf);
}

/**
 * A caller ID must be a number the user holds or a main number: when numbers leave a user, a caller ID showing one
 * of them goes back to hidden (and the settings version moves), in the same transaction as the release.
 */
export async function hideReleasedCallerId(tx: Executor, phoneUserId: number, released: string[]) {
  if (released.length === 0) return;
  await tx
    .update(phoneUserSettings)
    .set({ callerId: { kind: 'hidden' }, version: sql`${phoneUserSettings.version} + 1` })
    .where(
      and(
        eq(phoneUserSettings.phoneUserId, phoneUserId),
        sql`${phoneUserSettings.callerId}->>'kind' = 'number'`,
        inArray(sql`${phoneUserSettings.callerId}->>'number'`, released),
      ),
    );
}
