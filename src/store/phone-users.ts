import { and, asc, count, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { insertRecords } from '../../db/bulk.ts';
import type { Executor } from '../../db/client.ts';
import {
  autoReceptionists,
  callQueues,
  directoryUsers,
  phoneNumbers,
  phoneUserPlans,
  phoneUsers,
  sites,
} from '../../db/schema/index.ts';
import { callingPlans } from '../../db/schema/plans.ts';
import type { Person } from '../domain/errors.ts';

export type PhoneUserStatus = 'active' | 'inactive';

/** Everything a card shows about one phone user. */
export type PhoneUserCard = {
  phoneUserId: number;
  directoryUserId: number;
  email: string;
  firstName: string;
  lastName: string;
  slackUserId: string | null;
  timezone: string | null;
  siteId: number;
  site: string;
  siteCode: string | null;
  extension: string;
  shortExtension: string;
  status: PhoneUserStatus;
  plans: { code: number; shortName: string }[];
  numbers: string[];
  /** Adopted from the phone system, whose settings Switchboard has not taken (see phone_users). */
  settingsInPhoneSystem?: boolean;
};

const cardColumns = {
  phoneUserId: phoneUsers.id,
  directoryUserId: directoryUsers.id,
  email: directoryUsers.email,
  firstName: directoryUsers.firstName,
  lastName: directoryUsers.lastName,
  slackUserId: directoryUsers.slackUserId,
  timezone: directoryUsers.timezone,
  siteId: sites.id,
  site: sites.name,
  siteCode: sites.siteCode,
  extension: phoneUsers.extension,
  shortExtension: phoneUsers.shortExtension,
  status: phoneUsers.status,
  settingsInPhoneSystem: phoneUsers.settingsInPhoneSystem,
};

/**
 * Cards with their plans and numbers in one statement: a card is read on every lookup, so its lists come as JSON
 * from correlated subqueries rather than from two more round trips.
 */
async function cards(db: Executor, where: SQL | undefined, limit?: number): Promise<PhoneUserCard[]> {
  const base = db
    .select({
      ...cardColumns,
      plans: sql<{ code: number; shortName: string }[]>`(
        select coalesce(json_agg(json_build_object('code', ${callingPlans.code}, 'shortName', ${callingPlans.shortName})
                                 order by ${callingPlans.code}), '[]'::json)
        from ${phoneUserPlans} join ${callingPlans} on ${callingPlans.code} = ${phoneUserPlans.planCode}
        where ${phoneUserPlans.phoneUserId} = ${phoneUsers.id})`,
      numbers: sql<string[]>`(
        select coalesce(json_agg(${phoneNumbers.number} order by ${phoneNumbers.number}), '[]'::json)
        from ${phoneNumbers} where ${phoneNumbers.phoneUserId} = ${phoneUsers.id})`,
    })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .innerJoin(sites, eq(sites.id, phoneUsers.siteId))
    .where(where)
    .orderBy(asc(phoneUsers.id));
  return limit === undefined ? await base : await base.limit(limit);
}

export async function cardByDirectoryUser(db: Executor, directoryUserId: number) {
  return (await cards(db, eq(phoneUsers.directoryUserId, directoryUserId)))[0];
}

export async function cardsByDirectoryUsers(db: Executor, directoryUserIds: number[]) {
  if (directoryUserIds.length === 0) return [];
  return cards(db, inArray(phoneUsers.directoryUserId, directoryUserIds));
}

export async function cardByExtension(db: Executor, extension: string) {
  return (await cards(db, eq(phoneUsers.extension, extension)))[0];
}

export type ListFilter = { siteId?: number; status?: PhoneUserStatus; planCode?: number; search?: string };

/** One page of phone users after `afterId`, in creation order; asks for one extra row to know if more follow. */
export async function listCards(db: Executor, filter: ListFilter, afterId: number, pageSize: number) {
  const conditions: (SQL | undefined)[] = [gt(phoneUsers.id, afterId)];
  if (filter.siteId !== undefined) conditions.push(eq(phoneUsers.siteId, filter.siteId));
  if (filter.status) conditions.push(eq(phoneUsers.status, filter.status));
  if (filter.planCode !== undefined) {
    conditions.push(
      sql`exists (select 1 from ${phoneUserPlans} where ${phoneUserPlans.phoneUserId} = ${phoneUsers.id} and ${phoneUserPlans.planCode} = ${filter.planCode})`,
    );
  }
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(directoryUsers.email, pattern),
        ilike(sql`${directoryUsers.firstName} || ' ' || ${directoryUsers.lastName}`, pattern),
        ilike(phoneUsers.extension, pattern),
      ),
    );
  }
  const rows = await cards(db, and(...conditions), pageSize + 1);
  return { cards: rows.slice(0, pageSize), more: rows.length > pageSize };
}

export async function countPhoneUsers(
  db: Executor,
): Promise<{ total: number; active: number; inactive: number }> {
  const rows = await db
    .select({ status: phoneUsers.status, n: count() })
    .from(phoneUsers)
    .groupBy(phoneUsers.status);
  const active = rows.find((row) => row.status === 'active')?.n ?? 0;
  const inactive = rows.find((row) => row.status === 'inactive')?.n ?? 0;
  return { total: active + inactive, active, inactive };
}

/** Every full extension in use, with whoever holds it. */
export async function takenExtensions(db: Executor): Promise<Map<string, Person>> {
  const rows = await db
    .select({
      extension: phoneUsers.extension,
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      slackUserId: directoryUsers.slackUserId,
    })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId));
  const taken = new Map(rows.map((row) => [row.extension, personOf(row)]));
  // Call queues and auto receptionists answer extensions too; they are named, not people.
  const [queues, receptionists] = await Promise.all([
    db.select({ extension: callQueues.extension, name: callQueues.name }).from(callQueues),
    db
      .select({ extension: autoReceptionists.extension, name: autoReceptionists.name })
      .from(autoReceptionists),
  ]);
  for (const q of queues)
    taken.set(q.extension, { name: `call queue ${q.name}`, email: '', slackUserId: null });
  for (const r of receptionists) {
    taken.set(r.extension, { name: `auto receptionist ${r.name}`, email: '', slackUserId: null });
  }
  return taken;
}

/** Whoever holds a phone license, named the way errors and replies name people. */
export async function personOfPhoneUser(db: Executor, phoneUserId: number): Promise<Person> {
  const [row] = await db
    .select({
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      slackUserId: directoryUsers.slackUserId,
    })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(phoneUsers.id, phoneUserId));
  if (!row) throw new Error(`phone user ${phoneUserId} is missing`);
  return personOf(row);
}

export function personOf(user: {
  firstName: string;
  lastName: string;
  email: string;
  slackUserId: string | null;
}): Person {
  const name = `${user.firstName} ${user.lastName}`.trim() || user.email;
  return { name, email: user.email, slackUserId: user.slackUserId };
}

export async function insertPhoneUsers(
  tx: Executor,
  rows: { directoryUserId: number; siteId: number; extension: string; shortExtension: string; at: Date }[],
) {
  return insertRecords<{ id: number; directoryUserId: number }>(
    tx,
    phoneUsers,
    rows.map(({ at, ...row }) => ({ ...row, createdAt: at, updatedAt: at })),
    { id: phoneUsers.id, directoryUserId: phoneUsers.directoryUserId },
  );
}

export async function updatePhoneUser(
  tx: Executor,
  phoneUserId: number,
  values: { extension?: string; shortExtension?: string; status?: PhoneUserStatus; siteId?: number },
  at: Date,
) {
  await tx
    .update(phoneUsers)
    .set({ ...values, updatedAt: at })
    .where(eq(phoneUsers.id, phoneUserId));
}

/**
 * Deletes a phone user, their numbers released first; what is theirs alone goes with them through the schema's
 * cascades. Links from other things (queues, receptionists, delegations) are the caller's to end and record first.
 */
export async function deletePhoneUser(tx: Executor, phoneUserId: number) {
  await tx.update(phoneNumbers).set({ phoneUserId: null }).where(eq(phoneNumbers.phoneUserId, phoneUserId));
  await tx.delete(phoneUsers).where(eq(phoneUsers.id, phoneUserId));
}

/** Full and short extensions of every phone user, for re-numbering when site codes are switched. */
export async function allExtensions(db: Executor) {
  return db
    .select({
      phoneUserId: phoneUsers.id,
      email: directoryUsers.email,
      extension: phoneUsers.extension,
      shortExtension: phoneUsers.shortExtension,
      siteCode: sites.siteCode,
    })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .innerJoin(sites, eq(sites.id, phoneUsers.siteId))
    .orderBy(asc(phoneUsers.id));
}

/** The emails of the people among `directoryUserIds` whose line keeps its settings in the phone system (adopted). */
export async function settingsInPhoneSystemAmong(
  db: Executor,
  directoryUserIds: readonly number[],
): Promise<string[]> {
  if (directoryUserIds.length === 0) return [];
  const rows = await db
    .select({ email: directoryUsers.email })
    .from(phoneUsers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(
      and(
        inArray(phoneUsers.directoryUserId, [...new Set(directoryUserIds)]),
        eq(phoneUsers.settingsInPhoneSystem, true),
      ),
    );
  return rows.map((row) => row.email);
}
