import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  accountSettings,
  callingPlans,
  directoryUsers,
  phoneNumbers,
  phoneUserPlans,
  phoneUsers,
  sites,
} from '../../db/schema/index.ts';
import type { Person } from '../domain/errors.ts';
import { personOf } from './phone-users.ts';

/** What a choice of people, site and plan meets in the account, read without asking Slack about anyone. */
export type AssignSnapshot = {
  /** Among the people chosen by Slack id, those who already hold a license. */
  licensed: { user: Person; extension: string }[];
  licensesUsed: number;
  licensesTotal: number;
  site: string | undefined;
  plan: { code: number; shortName: string; inventory: number; used: number } | undefined;
};

/**
 * Two statements, each over primary keys or unique indexes (the license count aside, which reads one small
 * table): fast enough to answer inside a form's acknowledgement.
 */
export async function assignSnapshot(
  db: Executor,
  slackUserIds: string[],
  siteId: number,
  planCode: number | undefined,
): Promise<AssignSnapshot> {
  const licensed =
    slackUserIds.length === 0
      ? []
      : await db
          .select({
            email: directoryUsers.email,
            firstName: directoryUsers.firstName,
            lastName: directoryUsers.lastName,
            slackUserId: directoryUsers.slackUserId,
            extension: phoneUsers.extension,
          })
          .from(directoryUsers)
          .innerJoin(phoneUsers, eq(phoneUsers.directoryUserId, directoryUsers.id))
          .where(inArray(directoryUsers.slackUserId, slackUserIds))
          .orderBy(asc(phoneUsers.extension));
  const code = planCode ?? null;
  const [row] = await queryRows<{
    used: number;
    total: number | null;
    site: string | null;
    plan_name: string | null;
    plan_inventory: number | null;
    plan_used: number;
  }>(
    db,
    sql`select
      (select count(*)::int from ${phoneUsers}) as used,
      (select ${accountSettings.licensesTotal} from ${accountSettings} where ${accountSettings.id} = 1) as total,
      (select ${sites.name} from ${sites} where ${sites.id} = ${siteId}) as site,
      (select ${callingPlans.shortName} from ${callingPlans} where ${callingPlans.code} = ${code}) as plan_name,
      (select ${callingPlans.inventory} from ${callingPlans} where ${callingPlans.code} = ${code}) as plan_inventory,
      (select count(*)::int from ${phoneUserPlans} where ${phoneUserPlans.planCode} = ${code}) as plan_used`,
  );
  if (!row) throw new Error('the assign check returned no row');
  return {
    licensed: licensed.map(({ extension, ...user }) => ({ user: personOf(user), extension })),
    licensesUsed: Number(row.used),
    licensesTotal: Number(row.total ?? 0),
    site: row.site ?? undefined,
    plan:
      planCode !== undefined && row.plan_name !== null
        ? {
            code: planCode,
            shortName: row.plan_name,
            inventory: Number(row.plan_inventory ?? 0),
            used: Number(row.plan_used),
          }
        : undefined,
  };
}

/** Free numbers a user of the site may get: the site's own, then those tied to no site (as `nextFreeNumber`). */
export async function freeNumbersFor(db: Executor, siteId: number, limit: number): Promise<string[]> {
  const rows = await db
    .select({ number: phoneNumbers.number })
    .from(phoneNumbers)
    .where(
      and(
        isNull(phoneNumbers.phoneUserId),
        eq(phoneNumbers.isMain, false),
        or(eq(phoneNumbers.siteId, siteId), isNull(phoneNumbers.siteId)),
      ),
    )
    .orderBy(sql`${phoneNumbers.siteId} is null`, asc(phoneNumbers.number))
    .limit(limit);
  return rows.map((row) => row.number);
}
