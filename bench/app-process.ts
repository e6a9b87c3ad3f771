/**
 * What the benchmarks share: a database for one run (a scratch PostgreSQL database or a PGlite directory), seeded
 * while no app holds it, and a server started as `npm start` starts the app, in its own process, so that its
 * memory can be read from the kernel and the process that measures it never shares its event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { createScratchDatabase } from '../db/scratch.ts';
import type { FakeSlack } from '../src/local/index.ts';
import type { ZoomStandIn } from '../src/local/zoom/index.ts';
import type { Deps } from '../src/services/context.ts';
import { assignLicenses } from '../src/services/licenses.ts';
import type { Profiles, SlackProfile } from '../src/services/ports.ts';
import { randomIds, systemClock } from '../src/services/ports.ts';
import { addAdmin, updateAccount } from '../src/store/account.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MINUTE = 60_000;
const STARTUP_LIMIT_MS = 3 * MINUTE;

export type Engine = { name: string; kind: 'pglite' } | { name: string; kind: 'postgres'; serverUrl: string };

/** Where the app finds its database: a postgres:// URL or a PGlite directory. */
export type AppDatabase = { url?: string | undefined; dir?: string | undefined };

/** A fresh, migrated database for one run, seeded by `seed` before any app opens it (PGlite allows one owner). */
export async function freshDatabase(
  engine: Engine,
  seed: (handle: DatabaseHandle) => Promise<void>,
): Promise<AppDatabase & { drop: () => Promise<void> }> {
  let url: string | undefined;
  let dir: string | undefined;
  let drop = async () => {};
  if (engine.kind === 'postgres') {
    const scratch = await createScratchDatabase(engine.serverUrl);
    url = scratch.url;
    drop = scratch.drop;
  } else {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
    drop = async () => rmSync(dir as string, { recursive: true, force: true });
  }
  try {
    const handle = await openDatabase({ databaseUrl: url, pgliteDir: dir });
    try {
      await handle.migrate();
      await seed(handle);
    } finally {
      await handle.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, dir, drop };
}

/** A Slack person of the benchmark workspace, numbered so that ids, names and emails never collide. */
export function benchPerson(prefix: string, i: number): SlackProfile {
  return {
    slackUserId: `U${prefix}${String(i).padStart(6, '0')}`,
    email: `${prefix.toLowerCase()}${i}@example.com`,
    realName: `${prefix} Person ${i}`,
    firstName: undefined,
    lastName: undefined,
    timezone: 'UTC',
    isBot: false,
    external: false,
    deleted: false,
  };
}

/** Adds the person to the Slack stand-in, so that the app can look them up as it would in Slack. */
export function addToWorkspace(slack: FakeSlack, person: SlackProfile): void {
  slack.addUser({
    id: person.slackUserId,
    name: person.slackUserId.toLowerCase(),
    realName: person.realName,
    email: person.email ?? '',
    tz: 'UTC',
  });
}

/** What the use cases need, on a benchmark's database, with the system clock and `profiles` as Slack's people. */
export function benchDeps(handle: DatabaseHandle, profiles: Profiles): Deps {
  return {
    db: handle.db,
    clock: systemClock,
    ids: randomIds,
    profiles,
    configAdmins: new Set(),
    leases: handle.leases,
  };
}

/**
 * The account a load test needs: `admins`, enough licenses, and `people` licensed through the app's own use case
 * (so each has an extension, a site and settings, as after `/phone assign`). Returns the extensions given.
 */
export async function seedPhoneUsers(
  handle: DatabaseHandle,
  admins: string[],
  people: SlackProfile[],
): Promise<string[]> {
  for (const admin of admins) await addAdmin(handle.db, admin, 'bench');
  await updateAccount(handle.db, { licensesTotal: Math.max(1000, 2 * people.length) }, new Date());
  const profiles: Profiles = {
    bySlackId: async (id) => people.find((p) => p.slackUserId === id),
    byEmail: async (email) => people.find((p) => p.email === email),
  };
  const deps = benchDeps(handle, profiles);
  const actor = { slackUserId: admins[0] ?? '' };
  const extensions: string[] = [];
  // One request assigns at most 100 people, as in Slack.
  for (let start = 0; start < people.length; start += 100) {
    const users = people
      .slice(start, start + 100)
      .map((p) => ({ kind: 'slack' as const, id: p.slackUserId, raw: `<@${p.slackUserId}>` }));
    const result = await assignLicenses(deps, actor, { users });
    if (!result.ok) throw new Error(`seeding phone users failed: ${result.error.code}`);
    extensions.push(...result.value.assigned.map((card) => card.extension));
  }
  return extensions;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * What `npm start` runs (its script is `node <flags> <entry>`): the node flags, so that another entry point can be
 * started the same way, and the entry.
 */
export function npmStart(): { nodeFlags: string[]; entry: string } {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.split(/\s+/);
  const entry = args.at(-1);
  if (command !== 'node' || !entry?.endsWith('.ts'))
    throw new Error(
      `npm start runs "${manifest.scripts.start}", not node <flags> <file>: update the benchmark`,
    );
  return { nodeFlags: args.slice(0, -1), entry };
}

/** The environment that points the app at the Slack stand-in and at a database. */
export function switchboardEnv(
  slack: FakeSlack,
  credentials: { botToken: string; signingSecret: string },
  admins: string[],
  database: AppDatabase,
): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: credentials.botToken,
    SLACK_SIGNING_SECRET: credentials.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    ADMIN_USER_IDS: admins.join(','),
    LOG_LEVEL: 'error',
    ...(database.url ? { DATABASE_URL: database.url } : { PGLITE_DIR: database.dir }),
  };
}

/**
 * `BENCH_NODE_FLAGS`: more node flags for every server a benchmark measures, such as
 * `--cpu-prof --cpu-prof-dir=/tmp/profiles` to see where a server's time goes (each writes its profile on exit).
 */
const PROFILE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== '');

export type AppProcess = {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Where Slack sends commands, interactions and events. */
  requestUrl: string;
  /** Lines the process wrote to stderr (warnings and errors at LOG_LEVEL=error). */
  stderrLines: () => number;
  /** The first few of them, for a report. */
  stderrSample: () => string[];
};

/**
 * Starts a server as `npm start` starts the app: the same node flags (and `nodeFlags`, such as a module to
 * `--import` first), `entry` (npm start's own by default) with `args`, and `env` plus PORT; resolves once
 * GET /healthz answers 200. stderr lines are counted and echoed, or with `echo: false` only counted, so that a
 * server logging an error per request under load does not flood the report.
 */
export async function startAppProcess(
  env: NodeJS.ProcessEnv,
  options: {
    entry?: string;
    args?: string[];
    echo?: boolean;
    nodeFlags?: string[];
    /** Receives everything the process writes, stdout and stderr (a test copies it for its secret scan). */
    onOutput?: (chunk: string) => void;
  } = {},
): Promise<AppProcess> {
  const port = await freePort();
  const start = npmStart();
  const child = spawn(
    process.execPath,
    [
      ...start.nodeFlags,
      ...(options.nodeFlags ?? []),
      ...PROFILE_FLAGS,
      options.entry ?? start.entry,
      ...(options.args ?? []),
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env, PORT: String(port) },
      stdio: ['ignore', options.onOutput ? 'pipe' : 'ignore', 'pipe'],
    },
  );
  let lines = 0;
  const sample: string[] = [];
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => options.onOutput?.(chunk));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    options.onOutput?.(chunk);
    if (options.echo !== false) process.stderr.write(chunk);
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      lines += 1;
      if (sample.length < 10) sample.push(line.slice(0, 400));
    }
  });
  // A safety net, not a speed check: a busy machine may take a while to start node, tsx and the database.
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the app exited with ${child.exitCode}: ${sample.join(' | ')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopAppProcess(child);
      throw new Error(`the app did not become healthy within ${STARTUP_LIMIT_MS / MINUTE} minutes`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    pid: child.pid as number,
    port,
    requestUrl: `http://127.0.0.1:${port}/slack/events`,
    stderrLines: () => lines,
    stderrSample: () => [...sample],
  };
}

export type ProcessMemory = {
  /** Resident set size now (VmRSS). */
  rssMb: number;
  /** Its anonymous part (RssAnon): the V8 heap and malloc, without mapped files such as node's own code. */
  anonMb: number;
  /** The high-water mark of the resident set (VmHWM). */
  peakRssMb: number;
};

/** The memory of a running process, from the kernel's accounting in /proc/<pid>/status. */
export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMb: mb('VmRSS'), anonMb: mb('RssAnon'), peakRssMb: mb('VmHWM') };
}

/** Peak resident set size of a process, from the kernel's high-water mark. */
export function peakRssMb(child: ChildProcess): number {
  return processMemory(child.pid as number).peakRssMb;
}

export async function stopAppProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(forced);
}

/** The environment that points an app process at a Zoom stand-in, at the business plan's limits. */
export function zoomEnv(zoom: ZoomStandIn): NodeJS.ProcessEnv {
  return {
    PHONE_SYSTEM: 'zoom',
    ZOOM_API_URL: zoom.apiUrl,
    ZOOM_OAUTH_URL: zoom.oauthUrl,
    ZOOM_ACCOUNT_ID: zoom.accountId,
    ZOOM_CLIENT_ID: zoom.clientId,
    ZOOM_CLIENT_SECRET: zoom.clientSecret,
    ZOOM_RATE_PLAN: 'business',
    // A scheduled drift check would read the account in the middle of a measurement or a test's count of calls.
    DRIFT_CHECK_MINUTES: '0',
  };
}
