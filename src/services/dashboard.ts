import type { Result } from '../domain/result.ts';
import { ok } from '../domain/result.ts';
import { readHome } from '../store/home.ts';
import type { PlanUsage } from '../store/plans.ts';
import type { Actor, Deps } from './context.ts';
import { type ConnectionState, checkWithin } from './phone-sync.ts';
import { type Card, type HistoryEntry, ownCard } from './queries.ts';

export type Dashboard = {
  licenses: { total: number; used: number; active: number; inactive: number };
  sites: { site: string; active: number; inactive: number }[];
  plans: PlanUsage[];
  numbers: { total: number; free: number };
  recent: HistoryEntry[];
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
  const home = await readHome(deps.db, actor.slackUserId, RECENT_CHANGES);
  if (home.kind === 'own_card') {
    return ok({ kind: 'own_card', card: await ownCard(deps, actor, home.lookup) });
  }
  const { counts } = home;
  const system = deps.phoneSystem;
  const connection = system ? checkWithin(system.connection(), HOME_CONNECTION_WAIT_MS) : undefined;
  const siteNames = [...new Set(counts.bySite.map((row) => row.site))].sort();
  const cell = (site: string, status: string) =>
    counts.bySite.find((r) => r.site === site && r.status === status)?.n ?? 0;
  const drift = counts.drift;
  const { active, inactive } = counts.phoneUsers;
  return ok({
    kind: 'dashboard',
    dashboard: {
      licenses: { total: counts.licensesTotal, used: active + inactive, active, inactive },
      sites: siteNames.map((site) => ({
        site,
        active: cell(site, 'active'),
        inactive: cell(site, 'inactive'),
      })),
      plans: counts.plans.filter((plan) => plan.inventory > 0 || plan.used > 0),
      numbers: counts.numbers,
      recent: counts.recent,
      ...(system
        ? {
            phoneSystem: {
              name: system.name,
              inSync: counts.sync.inSync,
              pending: counts.sync.pending,
              failed: counts.sync.failed,
              connection: (await connection) ?? { ok: 'slow' },
              ...(drift
                ? {
                    drift:
                      drift.state === 'failed'
                        ? { at: drift.startedAt, failure: drift.failure ?? '' }
                        : { at: drift.startedAt, differences: drift.differences, checkId: drift.id },
                  }
                : {}),
            },
          }
        : {}),
    },
  });
}
