/**
 * An import applied to Zoom Phone: the app in its own process imports a file of `rows` new people through the
 * Slack stand-in, then drives the local Zoom stand-in (in this process, at the business plan's limits) until the
 * status line under the summary says how Zoom took them. The figure is the time from the Import click to that last
 * word, next to the least time Zoom's limits allow for the calls the sync made (for each label, its calls divided
 * by its rate, each API's labels apart; the slowest sets the floor), with the calls per person per API and label and the
 * 429s Zoom answered.
 */
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type FakeSlack, startFakeSlack } from '../src/local/index.ts';
import { startZoomStandIn, type ZoomStandIn } from '../src/local/zoom/index.ts';
import { type RateLabel, rateLimits } from '../src/phone-systems/zoom/rate-limits.ts';
import { stopAppProcess, zoomEnv } from './app-process.ts';
import {
  ADMIN,
  addFile,
  BOT_TOKEN,
  CHANNEL,
  type Engine,
  importThroughSlack,
  numberOf,
  SIGNING_SECRET,
  seededDatabase,
  startApp,
} from './imports.ts';

const MINUTES = 60_000;
/** Zoom's business-plan limits, per API and label, as the stand-in keeps them. */
const LIMITS = rateLimits.business;

export type ZoomImportFigures = {
  database: string;
  rows: number;
  /** Import click to the last word under the summary. */
  syncMs: number;
  /** The least time the calls made allow at Zoom's limits. */
  floorMs: number;
  ratio: number;
  outcome: string;
  callsPerPerson: Record<string, number>;
  rateLimited: Record<string, number>;
};

/**
 * The calls the stand-in answered per API and rate-limit label, and the least time Zoom's limits allow for them:
 * for each label its calls divided by its rate, the slowest deciding.
 */
export function floorAtZoomLimits(zoom: ZoomStandIn): { calls: Record<string, number>; floorMs: number } {
  const calls: Record<string, number> = {};
  const floors: number[] = [0];
  for (const api of ['phone', 'users'] as const) {
    for (const label of Object.keys(LIMITS[api]) as RateLabel[]) {
      const n = zoom
        .requests()
        .filter((r) => r.label === label && r.template.startsWith('/users') === (api === 'users')).length;
      if (n === 0) continue;
      calls[`${api} ${label}`] = n;
      const { count, perMs } = LIMITS[api][label];
      floors.push((n / count) * perMs);
    }
  }
  return { calls, floorMs: Math.max(...floors) };
}

function seedZoom(zoom: ZoomStandIn, rows: number) {
  const people = [];
  for (let i = 0; i < rows; i++)
    people.push({ email: `person${i}@example.com`, firstName: `First${i}`, lastName: `Last${i}` });
  zoom.seedUsers(people);
  zoom.seedPlans([{ type: 200, subscribed: rows }]);
  const numbers = [];
  for (let i = 0; i < rows; i++) numbers.push(numberOf(i));
  zoom.seedNumbers(numbers);
}

/** The last context line under the summary once it is the last word (applied, or refused). */
function finalStatus(slack: FakeSlack, summaryTs: string): string | undefined {
  const message = slack.messages(CHANNEL).find((m) => m.ts === summaryTs);
  const blocks = (message?.blocks ?? []) as { type: string; elements?: { text?: string }[] }[];
  const lines = blocks.filter((b) => b.type === 'context').map((b) => b.elements?.[0]?.text ?? '');
  const last = lines.at(-1);
  return last && (last.startsWith(':white_check_mark:') || last.startsWith(':warning:')) ? last : undefined;
}

export async function benchZoomImport(engine: Engine, rows: number): Promise<ZoomImportFigures> {
  const database = await seededDatabase(engine, rows);
  const zoom = await startZoomStandIn({ mainSiteExtensionLength: 6 });
  seedZoom(zoom, rows);
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  let child: ChildProcess | undefined;
  try {
    child = await startApp(slack, database, {
      ...zoomEnv(zoom),
    });
    const { summaryTs, clickedAt } = await importThroughSlack(slack, `zoom-${rows}.csv`, addFile(rows));
    const outcome = await slack.waitFor(() => finalStatus(slack, summaryTs), { timeoutMs: 120 * MINUTES });
    const syncMs = performance.now() - clickedAt;
    const { calls, floorMs } = floorAtZoomLimits(zoom);
    const callsPerPerson = Object.fromEntries(
      Object.entries(calls).map(([label, n]) => [label, Math.round((n / rows) * 100) / 100]),
    );
    return {
      database: engine.name,
      rows,
      syncMs,
      floorMs,
      ratio: syncMs / floorMs,
      outcome,
      callsPerPerson,
      rateLimited: { ...zoom.rateLimited() } as Record<string, number>,
    };
  } finally {
    if (child) await stopAppProcess(child);
    await slack.stop();
    await zoom.stop();
    await database.drop();
  }
}
