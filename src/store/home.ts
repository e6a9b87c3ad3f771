import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Person } from '../domain/errors.ts';
import type { AuditRecord } from './audit.ts';
import { type CardLookup, foundJson, isAdminSql, parseLookup } from './cards.ts';
import type { PlanUsage } from './plans.ts';

/** The account at a glance, as an admin's Home tab shows it. */
export type HomeCounts = {
  licensesTotal: number;
  phoneUsers: { active: number; inactive: number };
  /** Phone users by site name and status. */
  bySite: { site: string; status: 'active' | 'inactive'; n: number }[];
  plans: PlanUsage[];
  numbers: { total: number; free: number };
  /** The newest audit rows first, each with the directory entry it is about, if any. */
  recent: (AuditRecord & { target: Person | null })[];
  sync: { pending: number; inSync: number; failed: number };
  /** The latest drift check that finished, with the number of its differences. */
  drift:
    | { id: number; state: 'done' | 'failed'; failure: string | null; startedAt: Date; differences: number }
    | undefined;
};

/** What the Home tab reads: an admin's counts, or anyone else's own card. */
export type HomeRead = { kind: 'dashboard'; counts: HomeCounts } | { kind: 'own_card'; lookup: CardLookup };

const date = z.coerce.date();
const counts = z.object({
  licensesTotal: z.number(),
  phoneUsers: z.object({ active: z.number(), inactive: z.number() }),
  bySite: z.array(z.object({ site: z.string(), status: z.enum(['active', 'inactive']), n: z.number() })),
  plans: z.array(
    z.object({
      code: z.number(),
      shortName: z.string(),
      longName: z.string(),
      inventory: z.number(),
      used: z.number(),
    }),
  ),
  numbers: z.object({ total: z.number(), free: z.number() }),
  recent: z.array(
    z.object({
      id: z.number(),
      requestId: z.string(),
      at: date,
      actor: z.string(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      targetLabel: z.string(),
      before: z.unknown(),
      after: z.unknown(),
      target: z
        .object({ name: z.string(), email: z.string(), slackUserId: z.string().nullable() })
        .nullable(),
    }),
  ),
  sync: z.object({ pending: z.number(), inSync: z.number(), failed: z.number() }),
  drift: z
    .object({
      id: z.number(),
      state: z.enum(['done', 'failed']),
      failure: z.string().nullable(),
      startedAt: date,
      differences: z.number(),
    })
    .nullable()
    .transform((drift) => drift ?? undefined),
});
const homeRow = z.object({ viewerIsAdmin: z.boolean(), found: z.unknown(), counts: counts.nullable() });

const VIEWER = sql.placeholder('viewer');
const RECENT = sql.placeholder('recent');

/** Every count of the dashboard as one JSON object; the audit rows' `before` and `after` as they are stored. */
const COUNTS_JSON = sql`json_build_object(
  'licensesTotal', (select licenses_total from account_settings where id = 1),
  'phoneUsers', (select json_build_object('active', count(*) filter (where status = 'active'),
    'inactive', count(*) filter (where status = 'inactive')) from phone_users),
  'bySite', coalesce((select json_agg(json_build_object('site', x.site, 'status', x.status, 'n', x.n))
    from (select s.name as site, p.status, count(*) as n from phone_users p join sites s on s.id = p.site_id
          group by s.name, p.status) x), '[]'::json),
  'plans', coalesce((select json_agg(json_build_object('code', cp.code, 'shortName', cp.short_name,
      'longName', cp.long_name, 'inventory', cp.inventory,
      'used', (select count(*) from phone_user_plans pp where pp.plan_code = cp.code)) order by cp.code)
    from calling_plans cp), '[]'::json),
  'numbers', (select json_build_object('total', count(*),
    'free', count(*) filter (where phone_user_id is null and not is_main)) from phone_numbers),
  'recent', coalesce((select json_agg(json_build_object('id', r.id, 'requestId', r.request_id, 'at', r.at,
      'actor', r.actor, 'action', r.action, 'targetType', r.target_type, 'targetId', r.target_id,
      'targetLabel', r.target_label, 'before', r.before, 'after', r.after,
      'target', (select json_build_object('name', coalesce(nullif(trim(d.first_name || ' ' || d.last_name), ''), d.email),
          'email', d.email, 'slackUserId', d.slack_user_id)
        from directory_users d where r.target_type = 'user' and d.id::text = r.target_id)) order by r.id desc)
    from (select * from audit_log order by id desc limit ${RECENT}::integer) r), '[]'::json),
  'sync', (select json_build_object('pending', count(*) filter (where state = 'pending'),
    'inSync', count(*) filter (where state = 'in_sync'), 'failed', count(*) filter (where state = 'failed'))
    from phone_sync),
  'drift', (select json_build_object('id', dc.id, 'state', dc.state, 'failure', dc.failure,
      'startedAt', dc.started_at, 'differences', jsonb_array_length(dc.differences))
    from drift_checks dc where dc.state <> 'running' order by dc.started_at desc, dc.id desc limit 1))`;

// A scalar subquery in a branch of CASE runs only when that branch is taken: an admin's statement reads the
// counts and no card, anyone else's their card and no counts.
const HOME_STATEMENT = sql`select a.admin as "viewerIsAdmin",
    case when a.admin then null else ${foundJson('slack', VIEWER)} end as "found",
    case when a.admin then ${COUNTS_JSON} else null end as "counts"
  from (select ${isAdminSql(VIEWER)} as admin) a`;

type Prepared = { execute: (values: { viewer: string; recent: number }) => Promise<unknown> };
const prepared = new WeakMap<Database, Prepared>();

function preparedHome(db: Database): Prepared {
  let statement = prepared.get(db);
  if (!statement) {
    statement = db
      .select({
        viewerIsAdmin: sql<unknown>`"viewerIsAdmin"`,
        found: sql<unknown>`"found"`,
        counts: sql`"counts"`,
      })
      .from(sql`(${HOME_STATEMENT}) as home`)
      .prepare('home_tab');
    prepared.set(db, statement);
  }
  return statement;
}

/**
 * The Home tab of `viewer` in one statement: whether they are an admin, and then the account's counts with the
 * `recent` newest audit rows, or else their own card (as `lookupCard` by their chat account reads it).
 */
export async function readHome(db: Database, viewer: string, recent: number): Promise<HomeRead> {
  const rows = (await preparedHome(db).execute({ viewer, recent })) as unknown[];
  const row = homeRow.parse(rows[0]);
  if (row.viewerIsAdmin && row.counts) return { kind: 'dashboard', counts: row.counts };
  return { kind: 'own_card', lookup: parseLookup(row.viewerIsAdmin, row.found) };
}
