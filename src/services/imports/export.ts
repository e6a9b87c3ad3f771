import { csvRecord, neutraliseFormulaText } from '../../csv/formula.ts';
import { FREE_TEXT_COLUMNS, UPDATE_HEADERS, type UpdateColumnKey } from '../../csv/headers.ts';
import { matchPlan } from '../../domain/plans.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { type ExportSelection, exportBatch } from '../../store/import-rows.ts';
import { planCatalog } from '../../store/plans.ts';
import { findSiteByName, listSites } from '../../store/sites.ts';
import { type Actor, type Deps, requireAdmin } from '../context.ts';
import { updateCells } from './cells.ts';

export type ExportFilter = {
  site?: string | undefined;
  status?: 'active' | 'inactive' | undefined;
  plan?: string | undefined;
};

const BATCH = 2000;

/** CSV text a batch at a time, each with how many users it holds (the header chunk holds none). */
export type ExportChunk = { text: string; users: number };
export type ExportStream = { rows: () => AsyncGenerator<ExportChunk>; describe: string };

/**
 * The phone users a filter selects, as an update file: a header row, then one row per user in id order, read
 * from the database a batch at a time (by id, so memory stays flat however many users there are).
 */
export async function exportPhoneUsers(
  deps: Deps,
  actor: Actor,
  filter: ExportFilter,
): Promise<Result<ExportStream>> {
  const allowed = await requireAdmin(deps, actor, 'export');
  if (!allowed.ok) return allowed;
  const selection: ExportSelection = {};
  const described: string[] = [];
  const sites = await listSites(deps.db);
  if (filter.site !== undefined) {
    const site = await findSiteByName(deps.db, filter.site);
    if (!site) return err({ code: 'SITE_NOT_FOUND', input: filter.site, known: sites.map((s) => s.name) });
    selection.siteId = site.id;
    described.push(`site ${site.name}`);
  }
  if (filter.status !== undefined) {
    selection.status = filter.status;
    described.push(filter.status);
  }
  const catalog = await planCatalog(deps.db);
  if (filter.plan !== undefined) {
    const plan = matchPlan(filter.plan, catalog);
    if (!plan)
      return err({ code: 'PLAN_NOT_FOUND', input: filter.plan, known: catalog.map((p) => p.shortName) });
    selection.planCode = plan.code;
    described.push(`plan ${plan.shortName}`);
  }
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  const planNames = new Map(catalog.map((plan) => [plan.code, plan.shortName]));
  const keys = Object.keys(UPDATE_HEADERS) as UpdateColumnKey[];
  const db = deps.db;
  async function* rows(): AsyncGenerator<ExportChunk> {
    yield { text: csvRecord(Object.values(UPDATE_HEADERS)), users: 0 };
    let after = 0;
    for (;;) {
      const batch = await exportBatch(db, selection, after, BATCH);
      if (batch.length === 0) return;
      let chunk = '';
      for (const user of batch) {
        const cells = updateCells(user, siteNames, planNames, 'empty');
        chunk += csvRecord(
          keys.map((key) => (FREE_TEXT_COLUMNS.has(key) ? neutraliseFormulaText(cells[key]) : cells[key])),
        );
      }
      yield { text: chunk, users: batch.length };
      after = (batch.at(-1) as { phoneUserId: number }).phoneUserId;
      if (batch.length < BATCH) return;
    }
  }
  return ok({ rows, describe: described.join(', ') });
}
