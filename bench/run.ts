/**
 * `npm run bench`: how long assigning 100 people takes, how long CSV imports of 10,000 and 100,000 people and
 * an export of 100,000 take, and how many `/phone show` commands the app answers per second, on PGlite and on
 * PostgreSQL, each next to a baseline measured in the same run (one INSERT of 100 rows; a raw COPY in and out; a
 * bare Bolt app that only acknowledges, and one that answers with one indexed query), because these machines are
 * shared and noisy. Prints tables and writes bench/results.json. `BENCH_ONLY=assign`, `BENCH_ONLY=imports`, `BENCH_ONLY=previews`, `BENCH_ONLY=show` or
 * `BENCH_ONLY=zoom` (an import applied to the local Zoom stand-in; `BENCH_ZOOM_ROWS`, 1,000 by default) or
 * `BENCH_ONLY=adopt` (`/phone adopt` of a local Zoom account; `BENCH_ADOPT_ROWS`, 10,000 by default) runs one part.
 * `BENCH_ONLY=sip` measures calls/s routed by the SIP server through the SQL functions against the same server
 * answering from a static route (bench/sip.ts; it needs PostgreSQL, kamailio and sipp).
 * `/phone show` is measured against two baselines: the bare app, and the floor, a Bolt app that answers with one
 * indexed query on the same database; `BENCH_ENGINE=postgres` or `BENCH_ENGINE=pglite` runs it on one engine.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { directoryUsers } from '../db/schema/index.ts';
import { createScratchDatabase, resetDatabase } from '../db/scratch.ts';
import type { Config } from '../src/config.ts';
import { type FakeSlack, startFakeSlack } from '../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS } from '../src/services/imports/service.ts';
import { assignLicenses } from '../src/services/licenses.ts';
import { bootstrapAdmins } from '../src/services/people.ts';
import type { Profiles, SlackProfile } from '../src/services/ports.ts';
import { addAdmin, updateAccount } from '../src/store/account.ts';
import { startSwitchboard } from '../src/switchboard.ts';
import { benchAdoption } from './adoption.ts';
import { benchDeps, type Engine } from './app-process.ts';
import { benchImport, type ImportFigures } from './imports.ts';
import { benchPreviews, PREVIEW_FILES, type PreviewFigures } from './previews.ts';
import { benchShow, FLOOR, type ShowRow } from './show.ts';
import { benchSip } from './sip.ts';
import { benchZoomImport } from './zoom-import.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ONLY = process.env.BENCH_ONLY;
/** `postgres` or `pglite`: the show part on that engine alone (by default on both). */
const SHOW_ENGINE = process.env.BENCH_ENGINE;
const PEOPLE = 100;
const ADMIN = 'UBENCHADM1';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const people: SlackProfile[] = Array.from({ length: PEOPLE }, (_, i) => ({
  slackUserId: `UB${String(i).padStart(7, '0')}`,
  email: `bench${i}@example.com`,
  realName: `Bench Person ${i}`,
  firstName: undefined,
  lastName: undefined,
  timezone: 'UTC',
  isBot: false,
  external: false,
  deleted: false,
}));

const profiles: Profiles = {
  bySlackId: async (id) => people.find((p) => p.slackUserId === id),
  byEmail: async (email) => people.find((p) => p.email === email),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function prepare(handle: DatabaseHandle) {
  await resetDatabase(handle.db);
  await addAdmin(handle.db, ADMIN, 'bench');
  await updateAccount(handle.db, { licensesTotal: 1000 }, new Date());
}

/** The service alone: 100 people resolved, licensed, numbered and audited in one transaction. */
async function serviceRuns(handle: DatabaseHandle) {
  const deps = benchDeps(handle, profiles);
  const baseline: number[] = [];
  const assign: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await prepare(handle);
    const rows = people.map((p) => ({
      email: `base-${p.email}`,
      firstName: 'Base',
      lastName: 'Line',
      timezone: 'UTC',
      slackUserId: null,
    }));
    baseline.push(await time(() => handle.db.insert(directoryUsers).values(rows)));
    const ms = await time(async () => {
      const result = await assignLicenses(
        deps,
        { slackUserId: ADMIN },
        { users: people.map((p) => ({ kind: 'slack', id: p.slackUserId, raw: p.slackUserId })) },
      );
      if (!result.ok) throw new Error(`assign failed: ${result.error.code}`);
    });
    assign.push(ms);
  }
  return { baseline: median(baseline), assign: median(assign) };
}

/** The whole path: a signed slash command to the real app, profiles from the Slack stand-in, until the channel message. */
async function endToEndRuns(databaseUrl: string | undefined) {
  const slack: FakeSlack = await startFakeSlack({
    botToken: 'xoxb-bench-token-000',
    signingSecret: 'bench-secret-000000',
  });
  for (const p of people)
    slack.addUser({
      id: p.slackUserId,
      name: p.slackUserId.toLowerCase(),
      realName: p.realName,
      email: p.email ?? '',
      tz: 'UTC',
    });
  slack.addUser({ id: ADMIN, name: 'admin', realName: 'Bench Admin', email: 'admin@example.com' });
  slack.addChannel({ id: 'CBENCH0001', name: 'bench' });
  const config: Config = {
    slack: { kind: 'http', botToken: 'xoxb-bench-token-000', signingSecret: 'bench-secret-000000' },
    phoneSystem: { kind: 'none' },
    slackApiUrl: slack.apiUrl,
    databaseUrl,
    pgliteDir: 'memory://',
    adminUserIds: [ADMIN],
    port: 0,
    logLevel: 'error',
    importLimits: DEFAULT_IMPORT_LIMITS,
    localSlackPort: 0,
    driftCheckMinutes: 0,
  };
  const app = await startSwitchboard(config, { clientOptions: { retryConfig: { retries: 0 } } });
  slack.setRequestUrl(`http://127.0.0.1:${app.port}/slack/events`);
  const runs: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      await resetDatabase(app.deps.db);
      await bootstrapAdmins(app.deps);
      await updateAccount(app.deps.db, { licensesTotal: 1000 }, new Date());
      slack.reset();
      const text = `assign ${people.map((p) => `<@${p.slackUserId}>`).join(' ')}`;
      runs.push(
        await time(async () => {
          await slack.slash({ user: ADMIN, channel: 'CBENCH0001', text });
          await slack.waitFor(
            () => slack.messages('CBENCH0001').find((m) => m.text.includes('gave phone licenses')),
            { timeoutMs: 60_000 },
          );
        }),
      );
    }
  } finally {
    await app.stop();
    await slack.stop();
  }
  return median(runs);
}

async function postgresReachable(): Promise<boolean> {
  const probe = postgres(SERVER_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

type Row = { database: string; baselineMs: number; assignMs: number; ratio: number; endToEndMs: number };

async function benchDatabase(name: string, url: string | undefined): Promise<Row> {
  const handle = await openDatabase({ databaseUrl: url });
  await handle.migrate();
  const service = await serviceRuns(handle);
  await handle.db.execute(sql`select 1`);
  await handle.close();
  const endToEndMs = await endToEndRuns(url);
  return {
    database: name,
    baselineMs: service.baseline,
    assignMs: service.assign,
    ratio: service.assign / service.baseline,
    endToEndMs,
  };
}

const serverReachable = await postgresReachable();
if (!serverReachable) {
  process.stdout.write(
    `PostgreSQL at ${SERVER_URL.replace(/:[^:@/]*@/, ':***@')} is not reachable: only PGlite is measured.\n`,
  );
}

const f = (ms: number) => `${ms.toFixed(1)} ms`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const results: Record<string, unknown> = { at: new Date().toISOString() };

if (ONLY === undefined || ONLY === 'assign') {
  const rows: Row[] = [await benchDatabase('PGlite (embedded)', undefined)];
  if (serverReachable) {
    const scratch = await createScratchDatabase(SERVER_URL);
    try {
      rows.push(await benchDatabase('PostgreSQL', scratch.url));
    } finally {
      await scratch.drop();
    }
  }
  process.stdout.write(`\nAssign ${PEOPLE} people in one request (median of ${RUNS} runs)\n\n`);
  process.stdout.write(
    '| Database | Baseline: one INSERT of 100 rows | assignLicenses (service) | Ratio | /phone assign, slash command to channel message |\n|---|---|---|---|---|\n',
  );
  for (const r of rows)
    process.stdout.write(
      `| ${r.database} | ${f(r.baselineMs)} | ${f(r.assignMs)} | ${r.ratio.toFixed(1)}× | ${f(r.endToEndMs)} |\n`,
    );
  results.assign = { runs: RUNS, people: PEOPLE, rows };
}

if (ONLY === undefined || ONLY === 'imports') {
  const engines: Engine[] = [
    ...(serverReachable ? [{ name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: SERVER_URL }] : []),
    { name: 'PGlite (embedded)', kind: 'pglite' },
  ];
  const figures: ImportFigures[] = [];
  for (const engine of engines) {
    figures.push(await benchImport(engine, 10_000, false));
    figures.push(await benchImport(engine, 100_000, true));
  }
  process.stdout.write(
    '\nCSV add import through Slack (upload event → preview → Import → summary) and export, one run each\n\n',
  );
  process.stdout.write(
    '| Database | Rows | Baseline: COPY in | Preview | Import | Upload to summary | Ratio | Baseline: COPY out | /phone export | Ratio | Peak RSS of the app |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of figures) {
    const exported =
      r.exportMs === undefined || r.exportCopyMs === undefined
        ? '| – | – | –'
        : `| ${f(r.exportCopyMs)} | ${s(r.exportMs)} | ${(r.exportMs / r.exportCopyMs).toFixed(1)}×`;
    process.stdout.write(
      `| ${r.database} | ${r.rows.toLocaleString('en-US')} | ${f(r.copyMs)} | ${s(r.previewMs)} | ${s(r.applyMs)} | ${s(r.totalMs)} | ${(r.totalMs / r.copyMs).toFixed(1)}× ${exported} | ${r.peakRssMb.toFixed(0)} MB |\n`,
    );
  }
  results.imports = figures;
  const tenThousand = (database: string) =>
    figures.find((r) => r.rows === 10_000 && r.database === database)?.totalMs;
  const onPglite = tenThousand('PGlite (embedded)');
  const onPostgres = tenThousand('PostgreSQL');
  if (onPglite !== undefined && onPostgres !== undefined) {
    process.stdout.write(
      `\nThe 10,000-row import, upload to summary: PGlite ${s(onPglite)}, PostgreSQL ${s(onPostgres)}: PGlite takes ${(onPglite / onPostgres).toFixed(2)}× as long\n`,
    );
    results.importPgliteVsPostgres = {
      rows: 10_000,
      pgliteMs: onPglite,
      postgresMs: onPostgres,
      ratio: onPglite / onPostgres,
    };
  }
}

if (ONLY === undefined || ONLY === 'zoom') {
  const rows = Number(process.env.BENCH_ZOOM_ROWS ?? 1000);
  const engine: Engine = serverReachable
    ? { name: 'PostgreSQL', kind: 'postgres', serverUrl: SERVER_URL }
    : { name: 'PGlite (embedded)', kind: 'pglite' };
  const r = await benchZoomImport(engine, rows);
  process.stdout.write(
    `\nAn import applied to Zoom Phone (local stand-in at the business plan's limits), Import click to the last word under the summary, one run\n\n`,
  );
  process.stdout.write(
    "| Database | Rows | Sync | Floor at Zoom's limits | Ratio | Calls per person | 429s | Outcome |\n|---|---|---|---|---|---|---|---|\n",
  );
  const perPerson = Object.entries(r.callsPerPerson)
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');
  const limited = Object.entries(r.rateLimited)
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');
  process.stdout.write(
    `| ${r.database} | ${r.rows.toLocaleString('en-US')} | ${s(r.syncMs)} | ${s(r.floorMs)} | ${r.ratio.toFixed(2)}× | ${perPerson} | ${limited || 'none'} | ${r.outcome} |\n`,
  );
  results.zoomImport = r;
}

if (ONLY === undefined || ONLY === 'adopt') {
  const rows = Number(process.env.BENCH_ADOPT_ROWS ?? 10_000);
  const engine: Engine = serverReachable
    ? { name: 'PostgreSQL', kind: 'postgres', serverUrl: SERVER_URL }
    : { name: 'PGlite (embedded)', kind: 'pglite' };
  const r = await benchAdoption(engine, rows);
  process.stdout.write(
    `\nAdopting a Zoom Phone account (local stand-in at the business plan's limits), command to the adopted summary, one run\n\n`,
  );
  process.stdout.write(
    "| Database | Lines | Read and preview | Adopt | Total | Floor at Zoom's limits | Over the floor | Calls |\n|---|---|---|---|---|---|---|---|\n",
  );
  const calls = Object.entries(r.calls)
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');
  process.stdout.write(
    `| ${r.database} | ${r.rows.toLocaleString('en-US')} | ${s(r.previewMs)} | ${s(r.applyMs)} | ${s(r.totalMs)} | ${s(r.floorMs)} | ${s(r.totalMs - r.floorMs)} | ${calls} |\n`,
  );
  results.adoption = r;
}

if (ONLY === undefined || ONLY === 'previews') {
  const engines: Engine[] = [
    ...(serverReachable ? [{ name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: SERVER_URL }] : []),
    { name: 'PGlite (embedded)', kind: 'pglite' },
  ];
  const figures: PreviewFigures[] = [];
  for (const engine of engines) {
    const { valid, invalid, tinyRows } = PREVIEW_FILES;
    figures.push(await benchPreviews(engine, 1, tinyRows));
    for (const file of [valid, invalid]) {
      figures.push(await benchPreviews(engine, 1, file));
      figures.push(await benchPreviews(engine, 3, file));
    }
  }
  process.stdout.write(
    '\nCSV previews at once: every admin uploads a file at the same moment (upload to the last whole answer)\n\n',
  );
  process.stdout.write(
    '| Database | File | Admins | Time | Answers | App alive after | Peak RSS of the app |\n|---|---|---|---|---|---|---|\n',
  );
  for (const r of figures) {
    process.stdout.write(
      `| ${r.database} | ${r.file} | ${r.admins} | ${r.seconds.toFixed(1)} s | ${r.answers.join('; ')} | ${r.survived ? 'yes' : 'no: killed'} | ${r.peakRssMb.toFixed(0)} MB |\n`,
    );
  }
  results.previews = figures;
}

if (ONLY === undefined || ONLY === 'show') {
  const engines: Engine[] = [
    ...(serverReachable && SHOW_ENGINE !== 'pglite'
      ? [{ name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: SERVER_URL }]
      : []),
    ...(SHOW_ENGINE !== 'postgres' ? [{ name: 'PGlite (embedded)', kind: 'pglite' as const }] : []),
  ];
  const show = await benchShow(engines);
  const [bare] = show.rows;
  const floorOf = (r: ShowRow) =>
    show.rows.find((row) => row.server === FLOOR && row.database === r.database);
  process.stdout.write(
    `\n/phone show <ext> through signed HTTP: ${show.connections} keep-alive connections, ${show.seconds} s after a ${show.warmupSeconds} s warm-up, ${show.phoneUsers} phone users; latency until the acknowledgement\n\n`,
  );
  process.stdout.write(
    '| Server | Database | Requests/s | p50 | p99 | Errors | vs bare app | vs floor (requests/s; p99) | Goal: ≥ 0.5× the floor, p99 < 100 ms | Cards in the ack | Later replies: when the load stopped / in the end / expected | Last reply after the load | Peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of show.rows) {
    const vsBare = bare ? r.load.requestsPerSecond / bare.load.requestsPerSecond : Number.NaN;
    const floor = floorOf(r);
    const vsFloor =
      floor && floor !== r ? r.load.requestsPerSecond / floor.load.requestsPerSecond : undefined;
    const versus =
      vsFloor === undefined || !floor
        ? '–'
        : `${vsFloor.toFixed(2)}×; ${(r.load.p99Ms / floor.load.p99Ms).toFixed(1)}×`;
    const judged = vsFloor === undefined ? '–' : vsFloor >= 0.5 && r.load.p99Ms < 100 ? 'met' : 'missed';
    const replies = r.replies
      ? `| ${r.load.answeredInAck} of ${r.load.acknowledged} | ${r.replies.whenLoadStopped} / ${r.replies.total} / ${r.replies.expected} | ${s(r.replies.lastArrivedAfterMs)}`
      : `| ${r === bare ? '–' : `${r.load.answeredInAck} of ${r.load.acknowledged}`} | – | –`;
    process.stdout.write(
      `| ${r.server} | ${r.database} | ${r.load.requestsPerSecond.toFixed(0)} | ${f(r.load.p50Ms)} | ${f(r.load.p99Ms)} | ${r.load.errors} | ${r === bare ? '1.00×' : `${vsBare.toFixed(2)}×`} | ${versus} | ${judged} ${replies} | ${r.peakRssMb.toFixed(0)} MB |\n`,
    );
  }
  for (const r of show.rows) {
    const where = `${r.server}${r.database === '–' ? '' : ` on ${r.database}`}`;
    if (r.serverErrorLines > 0)
      process.stdout.write(
        `\n${where} wrote ${r.serverErrorLines} lines to stderr, e.g. ${r.serverErrorSample[0]}\n`,
      );
    if (r.violations.length > 0)
      process.stdout.write(`\nThe Slack stand-in refused replies of ${where}: ${r.violations.join(' | ')}\n`);
  }
  results.show = show;
}

if (ONLY === 'sip') {
  if (!serverReachable)
    throw new Error('BENCH_ONLY=sip needs PostgreSQL (DATABASE_URL): Kamailio reads its tables');
  const r = await benchSip(SERVER_URL);
  process.stdout.write(
    `\nCalls routed by the SIP server: sipp from the trunk to ${r.closedCallees} closed-hours phone users (480) of ${r.phoneUsers}, at most ${r.rate} calls/s and ${r.limit} at once, after a warm-up, then ${r.steadyRate} calls/s; response time from INVITE to 480, in sipp's whole milliseconds\n\n`,
  );
  process.stdout.write(
    `| Server | Calls | Completed | Failed | Calls/s | vs static route | Response p50; p99 at full rate | Response p50; p99 at ${r.steadyRate} calls/s (failed) |\n|---|---|---|---|---|---|---|---|\n`,
  );
  const base = r.runs.find((run) => run.server.includes('static'));
  for (const run of r.runs)
    process.stdout.write(
      `| ${run.server} | ${run.calls} | ${run.successful} | ${run.failed} | ${run.callsPerSecond.toFixed(0)} | ${base ? `${(run.callsPerSecond / base.callsPerSecond).toFixed(2)}×` : '–'} | ${run.p50Ms} ms; ${run.p99Ms} ms | ${run.steady.p50Ms} ms; ${run.steady.p99Ms} ms (${run.steady.failed}) |\n`,
    );
  process.stdout.write(
    `\nThe routing query (sip_call_plan, then sip_ring_steps for a phone user), ${r.query.calls} calls ${r.query.source}: p50 ${r.query.p50Ms.toFixed(2)} ms, p99 ${r.query.p99Ms.toFixed(2)} ms\n`,
  );
  results.sip = r;
}

writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
