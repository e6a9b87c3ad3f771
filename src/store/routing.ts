import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  autoReceptionists,
  callQueueMembers,
  callQueues,
  directoryUsers,
  phoneUsers,
  sites,
} from '../../db/schema/index.ts';
import type { Person } from '../domain/errors.ts';
import { personOf } from './phone-users.ts';
import { phoneUserPersonColumns } from './user-details.ts';

export type CallQueue = typeof callQueues.$inferSelect;
export type AutoReceptionist = typeof autoReceptionists.$inferSelect;
/** A phone user as a queue or receptionist shows them. */
export type RoutingPerson = { phoneUserId: number; extension: string; person: Person };
export type QueueOverview = {
  id: number;
  name: string;
  extension: string;
  site: string;
  members: QueueMember[];
};
export type QueueMember = RoutingPerson & { isManager: boolean };
export type ReceptionistOverview = {
  id: number;
  name: string;
  extension: string;
  site: string;
  operator: RoutingPerson | null;
};

const personColumns = phoneUserPersonColumns;

export async function queueByName(db: Executor, name: string): Promise<CallQueue | undefined> {
  const [row] = await db
    .select()
    .from(callQueues)
    .where(sql`lower(${callQueues.name}) = lower(${name.trim()})`);
  return row;
}

export async function queueNames(db: Executor): Promise<string[]> {
  const rows = await db.select({ name: callQueues.name }).from(callQueues).orderBy(asc(callQueues.name));
  return rows.map((row) => row.name);
}

export async function insertQueue(
  tx: Executor,
  values: { name: string; extension: string; siteId: number },
): Promise<CallQueue> {
  const [row] = await tx.insert(callQueues).values(values).returning();
  if (!row) throw new Error('insert into call_queues returned nothing');
  return row;
}

/** Whether the phone user is in the queue, and as a manager. */
export async function queueMembership(
  db: Executor,
  queueId: number,
  phoneUserId: number,
): Promise<{ isManager: boolean } | undefined> {
  const [row] = await db
    .select({ isManager: callQueueMembers.isManager })
    .from(callQueueMembers)
    .where(and(eq(callQueueMembers.queueId, queueId), eq(callQueueMembers.phoneUserId, phoneUserId)));
  return row;
}

export async function putQueueMember(tx: Executor, queueId: number, phoneUserId: number, isManager: boolean) {
  await tx
    .insert(callQueueMembers)
    .values({ queueId, phoneUserId, isManager })
    .onConflictDoUpdate({
      target: [callQueueMembers.queueId, callQueueMembers.phoneUserId],
      set: { isManager },
    });
}

export async function deleteQueueMember(tx: Executor, queueId: number, phoneUserId: number) {
  await tx
    .delete(callQueueMembers)
    .where(and(eq(callQueueMembers.queueId, queueId), eq(callQueueMembers.phoneUserId, phoneUserId)));
}

/** Every call queue with its site and members (managers first, then by extension), by name. */
export async function listQueues(db: Executor): Promise<QueueOverview[]> {
  const queues = await db
    .select({ id: callQueues.id, name: callQueues.name, extension: callQueues.extension, site: sites.name })
    .from(callQueues)
    .innerJoin(sites, eq(sites.id, callQueues.siteId))
    .orderBy(asc(callQueues.name));
  if (queues.length === 0) return [];
  const members = await db
    .select({ ...personColumns, queueId: callQueueMembers.queueId, isManager: callQueueMembers.isManager })
    .from(callQueueMembers)
    .innerJoin(phoneUsers, eq(phoneUsers.id, callQueueMembers.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(
      inArray(
        callQueueMembers.queueId,
        queues.map((queue) => queue.id),
      ),
    )
    .orderBy(sql`${callQueueMembers.isManager} desc`, asc(phoneUsers.extension));
  return queues.map((queue) => ({
    ...queue,
    members: members
      .filter((member) => member.queueId === queue.id)
      .map((member) => ({
        phoneUserId: member.phoneUserId,
        extension: member.extension,
        person: personOf(member),
        isManager: member.isManager,
      })),
  }));
}

export async function receptionistByName(db: Executor, name: string): Promise<AutoReceptionist | undefined> {
  const [row] = await db
    .select()
    .from(autoReceptionists)
    .where(sql`lower(${autoReceptionists.name}) = lower(${name.trim()})`);
  return row;
}

export async function receptionistNames(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ name: autoReceptionists.name })
    .from(autoReceptionists)
    .orderBy(asc(autoReceptionists.name));
  return rows.map((row) => row.name);
}

export async function insertReceptionist(
  tx: Executor,
  values: { name: string; extension: string; siteId: number; operatorId: number | null },
): Promise<AutoReceptionist> {
  const [row] = await tx.insert(autoReceptionists).values(values).returning();
  if (!row) throw new Error('insert into auto_receptionists returned nothing');
  return row;
}

export async function setReceptionistOperator(tx: Executor, id: number, operatorId: number | null) {
  await tx.update(autoReceptionists).set({ operatorId }).where(eq(autoReceptionists.id, id));
}

/** Every auto receptionist with its site and operator, by name. */
export async function listReceptionists(db: Executor): Promise<ReceptionistOverview[]> {
  const rows = await db
    .select({
      id: autoReceptionists.id,
      name: autoReceptionists.name,
      extension: autoReceptionists.extension,
      site: sites.name,
      operatorId: autoReceptionists.operatorId,
    })
    .from(autoReceptionists)
    .innerJoin(sites, eq(sites.id, autoReceptionists.siteId))
    .orderBy(asc(autoReceptionists.name));
  const ids = rows.flatMap((row) => (row.operatorId === null ? [] : [row.operatorId]));
  const operators =
    ids.length === 0
      ? []
      : await db
          .select(personColumns)
          .from(phoneUsers)
          .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
          .where(inArray(phoneUsers.id, ids));
  return rows.map(({ operatorId, ...row }) => {
    const operator = operators.find((candidate) => candidate.phoneUserId === operatorId);
    return {
      ...row,
      operator: operator
        ? { phoneUserId: operator.phoneUserId, extension: operator.extension, person: personOf(operator) }
        : null,
    };
  });
}
