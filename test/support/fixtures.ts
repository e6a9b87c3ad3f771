import { asc, eq, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../db/client.ts';
import {
  accountSettings,
  admins,
  auditLog,
  callingPlans,
  changeOutbox,
  directoryUsers,
  phoneNumbers,
  phoneUserPlans,
  phoneUsers,
  reservedExtensions,
  sites,
} from '../../db/schema/index.ts';
import type { DomainError } from '../../src/domain/errors.ts';
import type { Result } from '../../src/domain/result.ts';
import { assignLicenses } from '../../src/services/licenses.ts';
import type { PhoneUserCard } from '../../src/store/phone-users.ts';
import { ADMIN, type makeDeps, seedPeople, slackRef } from './services.ts';

type TestDeps = ReturnType<typeof makeDeps>;

/** The value of a result the test expects to succeed; a refusal fails the test with its code and details. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The refusal of a result the test expects to fail. */
export function refusal<T>(result: Result<T>): DomainError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/**
 * `count` chat profiles: seedPeople's UP0001.. (person1@example.com..), or with another prefix a distinct group
 * (prefix UB: UB0001, ub.person1@example.com, "UB Person 1"), since an email names one person.
 */
export function morePeople(deps: TestDeps, count: number, prefix = 'UP') {
  if (prefix === 'UP') return seedPeople(deps.profiles, count);
  return Array.from({ length: count }, (_, i) =>
    deps.profiles.add({
      slackUserId: `${prefix}${String(i + 1).padStart(4, '0')}`,
      realName: `${prefix} Person ${i + 1}`,
      email: `${prefix.toLowerCase()}.person${i + 1}@example.com`,
    }),
  );
}

/** `count` new people (see morePeople) given licenses in one request, in the order given. */
export async function licensedPeople(
  deps: TestDeps,
  count: number,
  options: { site?: string; plan?: string; prefix?: string } = {},
): Promise<PhoneUserCard[]> {
  const people = morePeople(deps, count, options.prefix);
  const result = await assignLicenses(deps, ADMIN, {
    users: people.map((person) => slackRef(person.slackUserId)),
    site: options.site,
    plan: options.plan,
  });
  return unwrap(result).assigned;
}

/** The slack ref of a card, the way an admin mentions the person. */
export const refOf = (card: { slackUserId: string | null }) => slackRef(card.slackUserId ?? '');

/**
 * Gives a site a code straight in the database. No service sets the code of an existing site (the seeded Main
 * site has none), so tests that switch site codes on prepare it here.
 */
export async function giveSiteCode(db: Database, name: string, code: string) {
  await db.update(sites).set({ siteCode: code }).where(eq(sites.name, name));
}

export async function auditRows(db: Database) {
  return db.select().from(auditLog).orderBy(asc(auditLog.id));
}

export async function outbox(db: Database) {
  return db.select().from(changeOutbox).orderBy(asc(changeOutbox.id));
}

/** Every table but the audit log, in a stable order: equal snapshots mean nothing was changed. */
export async function snapshotWithoutAudit(db: Database) {
  return {
    account: await db.select().from(accountSettings),
    admins: await db.select().from(admins).orderBy(asc(admins.slackUserId)),
    reserved: await db.select().from(reservedExtensions).orderBy(asc(reservedExtensions.extension)),
    sites: await db.select().from(sites).orderBy(asc(sites.id)),
    plans: await db.select().from(callingPlans).orderBy(asc(callingPlans.code)),
    directory: await db.select().from(directoryUsers).orderBy(asc(directoryUsers.id)),
    phoneUsers: await db.select().from(phoneUsers).orderBy(asc(phoneUsers.id)),
    userPlans: await db
      .select()
      .from(phoneUserPlans)
      .orderBy(asc(phoneUserPlans.phoneUserId), asc(phoneUserPlans.planCode)),
    numbers: await db.select().from(phoneNumbers).orderBy(asc(phoneNumbers.id)),
    outbox: await db.select().from(changeOutbox).orderBy(asc(changeOutbox.id)),
  };
}

/** Extensions held by more than one phone user; the unique index should keep this empty. */
export async function duplicatedExtensions(db: Database) {
  return queryRows<{ extension: string; n: number }>(
    db,
    sql`select extension, count(*)::int as n from phone_users group by extension having count(*) > 1`,
  );
}

/** Numbers stored more than once in the inventory. */
export async function duplicatedNumbers(db: Database) {
  return queryRows<{ number: string; n: number }>(
    db,
    sql`select number, count(*)::int as n from phone_numbers group by number having count(*) > 1`,
  );
}
