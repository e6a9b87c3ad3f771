import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  autoReceptionists,
  blockedNumbers,
  callQueueMembers,
  callQueues,
  delegations,
  deskPhones,
  directoryUsers,
  emergencyAddresses,
  phoneUsers,
} from '../../db/schema/index.ts';
import type { Person } from '../domain/errors.ts';
import { personOf } from './phone-users.ts';

export type DeskPhone = { id: number; mac: string; model: string };
export type Delegate = { phoneUserId: number; extension: string; person: Person };
export type Address = typeof emergencyAddresses.$inferSelect;
export type Membership = { queue: string; extension: string; isManager: boolean };
export type Blocked = { kind: 'number' | 'prefix'; value: string };

export async function deskPhonesOf(db: Executor, phoneUserId: number): Promise<DeskPhone[]> {
  return db
    .select({ id: deskPhones.id, mac: deskPhones.mac, model: deskPhones.model })
    .from(deskPhones)
    .where(eq(deskPhones.phoneUserId, phoneUserId))
    .orderBy(asc(deskPhones.id));
}

/** A phone user with what names them: for lists of people (assistants, queue members, operators). */
export const phoneUserPersonColumns = {
  phoneUserId: phoneUsers.id,
  extension: phoneUsers.extension,
  email: directoryUsers.email,
  firstName: directoryUsers.firstName,
  lastName: directoryUsers.lastName,
  slackUserId: directoryUsers.slackUserId,
};

type DelegateRow = { phoneUserId: number; extension: string } & Parameters<typeof personOf>[0];
const toDelegate = (row: DelegateRow): Delegate => ({
  phoneUserId: row.phoneUserId,
  extension: row.extension,
  person: personOf(row),
});

/** The assistants who may answer this user's calls. */
export async function assistantsOf(db: Executor, phoneUserId: number): Promise<Delegate[]> {
  const rows = await db
    .select(phoneUserPersonColumns)
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.assistantId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(delegations.ownerId, phoneUserId))
    .orderBy(asc(phoneUsers.extension));
  return rows.map(toDelegate);
}

/** Phone users by id, in the order asked for (ids that name nobody are left out). */
export async function delegatesByIds(db: Executor, ids: readonly number[]): Promise<Delegate[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(phoneUserPersonColumns)
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(inArray(phoneUsers.id, [...ids]));
  const byId = new Map(rows.map((row) => [row.phoneUserId, toDelegate(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The people whose calls this user may answer ("I can assist for"). */
export async function assistingFor(db: Executor, phoneUserId: number): Promise<Delegate[]> {
  const rows = await db
    .select(phoneUserPersonColumns)
    .from(delegations)
    .innerJoin(phoneUsers, eq(phoneUsers.id, delegations.ownerId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(delegations.assistantId, phoneUserId))
    .orderBy(asc(phoneUsers.extension));
  return rows.map(toDelegate);
}

export async function blockedOf(db: Executor, phoneUserId: number): Promise<Blocked[]> {
  return db
    .select({ kind: blockedNumbers.kind, value: blockedNumbers.value })
    .from(blockedNumbers)
    .where(eq(blockedNumbers.phoneUserId, phoneUserId))
    .orderBy(asc(blockedNumbers.value));
}

export async function addressById(db: Executor, id: number | null): Promise<Address | undefined> {
  if (id === null) return undefined;
  const [row] = await db.select().from(emergencyAddresses).where(eq(emergencyAddresses.id, id));
  return row;
}

/** The default emergency address of a site, if it has one. */
export async function siteDefaultAddress(db: Executor, siteId: number): Promise<Address | undefined> {
  const [row] = await db
    .select()
    .from(emergencyAddresses)
    .where(and(eq(emergencyAddresses.siteId, siteId), eq(emergencyAddresses.isSiteDefault, true)));
  return row;
}

export async function queueMemberships(db: Executor, phoneUserId: number): Promise<Membership[]> {
  return db
    .select({
      queue: callQueues.name,
      extension: callQueues.extension,
      isManager: callQueueMembers.isManager,
    })
    .from(callQueueMembers)
    .innerJoin(callQueues, eq(callQueues.id, callQueueMembers.queueId))
    .where(eq(callQueueMembers.phoneUserId, phoneUserId))
    .orderBy(asc(callQueues.name));
}

export async function operatorFor(
  db: Executor,
  phoneUserId: number,
): Promise<{ name: string; extension: string }[]> {
  return db
    .select({ name: autoReceptionists.name, extension: autoReceptionists.extension })
    .from(autoReceptionists)
    .where(eq(autoReceptionists.operatorId, phoneUserId))
    .orderBy(asc(autoReceptionists.name));
}
