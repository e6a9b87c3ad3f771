import { and, count, eq, isNull } from 'drizzle-orm';
import { phoneNumbers, phoneUsers, sites } from '../../db/schema/index.ts';
import type { Result } from '../domain/result.ts';
import { ok } from '../domain/result.ts';
import { isAdmin, readAccount } from '../store/account.ts';
import { type AuditRecord, recentAudit } from '../store/audit.ts';
import { latestDriftCheck } from '../store/drift.ts';
import { countSync } from '../store/phone-sync.ts';
import { countPhoneUsers } from '../store/phone-users.ts';
import { type PlanUsage, planUsage } from '../store/plans.ts';
import type { Actor, Deps } from './context.ts';
import { type ConnectionState, checkWithin } from './phone-sync.ts';
import { type Card, myCard } from './queries.ts';

export type Dashboard = {
  licenses: { total: number; used: number; active: number; inactive: number };
  sites: { site: string; active: number; inactive: number }[];
  plans: PlanUsage[];
  numbers: { total: number; free: number };
  recent: AuditRecord[];
  /** How far the phone system is behind; absent when none is configured. */
  phoneSystem?: {
    name: string;
    inSync: number;
    pending: number;
    failed: number;
    /** Whether the app could reach it with its credentials, checked for at most HOME_CONNECTION_WAIT_MS. */
    connection: ConnectionState;
    /** The last comparison of its account with Switchboard's, if any. */
    drift?: { at: Date; differences: number; checkId: number } | { at: Date; failure: string };
  };
};

/** The Home tab waits this long for the phone system's connection check; past it, it shows the counts alone. */
const HOME_CONNECTION_WAIT_MS = 3000;

/** What the Home tab shows: the account at a glance for an admin, their own card for everyone else. */
export type HomeContent = { kind: 'dashboard'; dashboard: Dashboard } | { kind: 'own_card'; card: Card };

export const RECENT_CHANGES = 8;

export async function homeContent(deps: Deps, actor: Actor): Promise<Result<HomeContent>> {
  if (!(await isAdmin(deps.db, actor.slackUserId))) {
    const card = await myCard(deps, actor);
    return card.ok ? ok({ kind: 'own_card', card: card.value }) : card;
  }
  const db = deps.db;
  const system = deps.phoneSystem;
  const connection = system ? checkWithin(system.connection(), HOME_CONNECTION_WAIT_MS) : undefined;
  const [account, licenses, bySite, plans, numberTotals, freeNumbers, recent, sync] = await Promise.all([
    readAccount(db),
    countPhoneUsers(db),
    db
      .select({ site: sites.name, status: phoneUsers.status, n: count() })
      .from(phoneUsers)
      .innerJoin(sites, eq(sites.id, phoneUsers.siteId))
      .groupBy(sites.name, phoneUsers.status),
    planUsage(db),
    db.select({ n: count() }).from(phoneNumbers),
    db
      .select({ n: count() })
      .from(phoneNumbers)
      .where(and(isNull(phoneNumbers.phoneUserId), eq(phoneNumbers.isMain, false))),
    recentAudit(db, RECENT_CHANGES),
    system ? countSync(db) : undefined,
  ]);
  const drift = system ? await latestDriftCheck(db) : undefined;
  const siteNames = [...new Set(bySite.map((row) => row.site))].sort();
  const cell = (site: string, status: string) =>
    bySite.find((r) => r.site === site && r.status === status)?.n ?? 0;
  return ok({
    kind: 'dashboard',
    dashboard: {
      licenses: {
        total: account.licensesTotal,
        used: licenses.total,
        active: licenses.active,
        inactive: licenses.inactive,
      },
      sites: siteNames.map((site) => ({
        site,
        active: cell(site, 'active'),
        inactive: cell(site, 'inactive'),
      })),
      plans: plans.filter((plan) => plan.inventory > 0 || plan.used > 0),
      numbers: { total: numberTotals[0]?.n ?? 0, free: freeNumbers[0]?.n ?? 0 },
      recent,
      ...(system && sync
        ? {
            phoneSystem: {
              name: system.name,
              inSync: sync.in_sync,
              pending: sync.pending,
              failed: sync.failed,
              connection: (await connection) ?? { ok: 'slow' },
              ...(drift
                ? {
                    drift:
                      drift.state === 'failed'
                        ? { at: drift.startedAt, failure: drift.failure ?? '' }
                        : { at: drift.startedAt, differences: drift.differences.length, checkId: drift.id },
                  }
                : {}),
            },
          }
        : {}),
    },
  });
}
