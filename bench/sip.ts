/**
 * `BENCH_ONLY=sip`: calls per second routed by Switchboard's SIP server (Kamailio through `npm run sip`'s
 * launcher), against the same server answering from a static route (SIP_BENCH_STATIC_ROUTE=1: the same 480, no
 * SQL), in the same run, on a fresh PostgreSQL database with the app's migrations and a few hundred phone users
 * set up through the app's own use cases (business hours, blocked numbers, forward numbers, desk phones).
 *
 * sipp, in its own process, calls from the trunk's address to the phone users whose office is closed and who
 * disconnect closed-hours calls: each call is INVITE → 480 → ACK, so no phone or media server is needed. It places
 * `BENCH_SIP_CALLS` calls at `BENCH_SIP_RATE` calls/s, at most `BENCH_SIP_LIMIT` at once, after a warm-up; calls/s
 * are the completed calls over the time between the first and last 480, and the response time runs from the first
 * INVITE to the 480 (sipp's own timing, in whole milliseconds). At that rate the response time is mostly the queue
 * (at most `BENCH_SIP_LIMIT` calls waiting), so it is measured again at a steady `BENCH_SIP_STEADY_RATE` (200 calls/s
 * by default) that both servers keep up with. The routing query is timed from here on one connection of its own while
 * the SIP server is stopped: `sip_call_plan` and, for a phone user, `sip_ring_steps`, for many calls.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import type { DayHours, Weekday } from '../src/domain/settings.ts';
import { setPlanCount } from '../src/services/account.ts';
import type { Deps } from '../src/services/context.ts';
import { addPlan } from '../src/services/phone-user-changes.ts';
import type { Profiles, SlackProfile } from '../src/services/ports.ts';
import { addBlocked } from '../src/services/settings/blocked.ts';
import { addForwardNumber } from '../src/services/settings/call-handling.ts';
import { addDeskPhone } from '../src/services/settings/desk-phones.ts';
import { setBusinessHours } from '../src/services/settings/hours.ts';
import { setSettings } from '../src/services/settings/set-settings.ts';
import { benchDeps, benchPerson, freshDatabase, ROOT, seedPhoneUsers } from './app-process.ts';
import { percentile, sippCounts, sippResponseTimes } from './sipp-results.ts';

const ADMIN = 'UBENCHSIP1';
/** A whole number of at least `min` from the environment, or a clear stop naming the variable. */
function setting(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name}: must be a whole number of at least ${min}`);
  return value;
}

// Every third person is a callee: three people make one.
const PEOPLE = setting('BENCH_SIP_PEOPLE', 300, 3);
const CALLS = setting('BENCH_SIP_CALLS', 10_000, 2);
const RATE = setting('BENCH_SIP_RATE', 20_000, 1);
const LIMIT = setting('BENCH_SIP_LIMIT', 100, 1);
const WARMUP_CALLS = 300;
/** A rate both servers keep up with, so that the response time is the routing's and not the queue's. */
const STEADY_RATE = setting('BENCH_SIP_STEADY_RATE', 200, 1);
const STEADY_CALLS = 2000;
const QUERIES = setting('BENCH_SIP_QUERIES', 3000, 1);
const REALM = 'switchboard';
const SCENARIO = join(ROOT, 'bench/sip/closed-call.xml');
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type SipRun = {
  server: string;
  calls: number;
  successful: number;
  failed: number;
  callsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  steady: { calls: number; failed: number; p50Ms: number; p99Ms: number };
};

export type SipFigures = {
  phoneUsers: number;
  closedCallees: number;
  rate: number;
  limit: number;
  steadyRate: number;
  runs: SipRun[];
  query: { calls: number; p50Ms: number; p99Ms: number; source: string };
};

function bad(what: string, result: { ok: boolean; error?: unknown }): never {
  throw new Error(`seeding the SIP benchmark: ${what} failed: ${JSON.stringify(result.error)}`);
}

const hh = (hour: number) => `${String(((hour % 24) + 24) % 24).padStart(2, '0')}:00`;

/**
 * Office hours that are shut now and all day around now, whatever the day: every day open for 8 hours starting
 * 2 hours from now (in UTC, the bench people's time zone), so a run of a few minutes never meets an opening.
 */
function closedNow(): Record<Weekday, DayHours> {
  const hour = new Date().getUTCHours();
  const day: DayHours = { type: 'interval', from: hh(hour + 2), to: hh(hour + 10) };
  return Object.fromEntries(DAYS.map((d) => [d, day])) as Record<Weekday, DayHours>;
}

const officeHours: Record<Weekday, DayHours> = {
  mon: { type: 'interval', from: '09:00', to: '17:30' },
  tue: { type: 'interval', from: '09:00', to: '17:30' },
  wed: { type: 'interval', from: '09:00', to: '17:30' },
  thu: { type: 'interval', from: '09:00', to: '17:30' },
  fri: { type: 'interval', from: '09:00', to: '16:00' },
  sat: { type: 'closed' },
  sun: { type: 'closed' },
};

/**
 * Every third person is a bench callee: closed now, closed-hours calls disconnected. Everyone has blocked numbers
 * (one a prefix), every fourth a forward number, every fifth a desk phone; the others keep office hours.
 */
async function seedSettings(deps: Deps, extensions: string[]): Promise<string[]> {
  const actor = { slackUserId: ADMIN };
  const callees: string[] = [];
  const plans = await setPlanCount(deps, actor, '200', String(extensions.length));
  if (!plans.ok) bad('the calling plans', plans);
  for (const [i, extension] of extensions.entries()) {
    const ref = { kind: 'extension' as const, extension, raw: extension };
    const n = String(i).padStart(4, '0');
    for (const entry of [`+1900555${n}`, i % 2 === 0 ? '1900' : `+1212555${n}`]) {
      const blocked = await addBlocked(deps, actor, ref, entry);
      if (!blocked.ok) bad(`blocking ${entry} for ${extension}`, blocked);
    }
    if (i % 4 === 0) {
      // A number outside the account is an outbound call: it needs a calling plan.
      const plan = await addPlan(deps, actor, ref, '200');
      if (!plan.ok) bad(`a calling plan for ${extension}`, plan);
      const forward = await addForwardNumber(deps, actor, ref, `+1415777${n}`, 'Mobile');
      if (!forward.ok) bad(`a forward number for ${extension}`, forward);
    }
    if (i % 5 === 0) {
      const mac = `00:1A:2B:${n.slice(0, 2)}:${n.slice(2)}:${String(i % 97).padStart(2, '0')}`;
      const desk = await addDeskPhone(deps, actor, ref, mac, 'Yealink T54W');
      if (!desk.ok) bad(`a desk phone for ${extension}`, desk);
    }
    const callee = i % 3 === 0;
    const hours = await setBusinessHours(deps, actor, ref, {
      kind: 'weekly',
      days: callee ? closedNow() : officeHours,
    });
    if (!hours.ok) bad(`business hours for ${extension}`, hours);
    if (callee) {
      const closed = await setSettings(deps, actor, ref, [{ key: 'closed', value: 'disconnect' }]);
      if (!closed.ok) bad(`closed=disconnect for ${extension}`, closed);
      callees.push(extension);
    }
  }
  return callees;
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

type Launched = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

/** `npm run sip`'s launcher with the app's environment; resolves once it says the server answers OPTIONS. */
async function launch(env: NodeJS.ProcessEnv): Promise<Launched> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/phone-systems/kamailio/run.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kamailio logs every INVITE: only the tail is kept, for an error message.
  let output = '';
  let ready = false;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    if (output.includes('SIP server ready on')) ready = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + 90_000;
  while (!ready) {
    if (gone) throw new Error(`the SIP server exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the SIP server was not ready within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exited, output: () => output };
}

async function stop(server: Launched): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  await server.exited;
}

/** One sipp run of `calls` calls; resolves with its counts and response times. */
function sipp(port: number, callsCsv: string, calls: number, rate: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-bench-'));
  writeFileSync(join(dir, 'calls.csv'), callsCsv);
  const args = [
    '-sf',
    SCENARIO,
    '-inf',
    join(dir, 'calls.csv'),
    '-key',
    'realm',
    REALM,
    '-i',
    '127.0.0.1',
    '-p',
    '0',
    '-r',
    String(rate),
    '-l',
    String(LIMIT),
    '-m',
    String(calls),
    '-recv_timeout',
    '10000',
    '-timeout',
    '300s',
    '-nostdin',
    '-trace_stat',
    '-stf',
    join(dir, 'stat.csv'),
    '-fd',
    '1',
    '-trace_rtt',
    '-rtt_freq',
    '1',
    `127.0.0.1:${port}`,
  ];
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise<{ counts: ReturnType<typeof sippCounts>; times: ReturnType<typeof sippResponseTimes> }>(
    (resolve, reject) => {
      child.once('error', (error) =>
        reject(
          new Error(
            `sipp could not be started (on Debian or Ubuntu: apt-get install sip-tester): ${error.message}`,
          ),
        ),
      );
      child.once('exit', (code) => {
        try {
          const stat = readFileSync(join(dir, 'stat.csv'), 'utf8');
          const rtt = readdirSync(dir).find((name) => name.endsWith('_rtt.csv'));
          if (!rtt) throw new Error(`sipp (exit ${code}) wrote no response times: ${stderr}`);
          resolve({
            counts: sippCounts(stat),
            times: sippResponseTimes(readFileSync(join(dir, rtt), 'utf8')),
          });
        } catch (error) {
          reject(error instanceof Error ? new Error(`${error.message}\n${stderr}`) : error);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    },
  );
}

async function measureServer(
  name: string,
  databaseUrl: string,
  staticRoute: boolean,
  callsCsv: string,
): Promise<SipRun> {
  const port = await freeUdpPort();
  const server = await launch({
    DATABASE_URL: databaseUrl,
    PHONE_SYSTEM: 'kamailio',
    SIP_HOST: '127.0.0.1',
    SIP_PORT: String(port),
    SIP_REALM: REALM,
    // Calls from 127.0.0.1 are the trunk's: sipp calls in from outside, with no credentials to check.
    SIP_GATEWAY_URI: `sip:127.0.0.1:${await freeUdpPort()}`,
    SIP_BENCH_STATIC_ROUTE: staticRoute ? '1' : '0',
    LOG_LEVEL: 'error',
  });
  try {
    await sipp(port, callsCsv, WARMUP_CALLS, STEADY_RATE);
    const { counts, times } = await sipp(port, callsCsv, CALLS, RATE);
    const steady = await sipp(port, callsCsv, STEADY_CALLS, STEADY_RATE);
    const seconds = (times.lastAtMs - times.firstAtMs) / 1000;
    return {
      server: name,
      calls: counts.created,
      successful: counts.successful,
      failed: counts.failed,
      callsPerSecond: seconds > 0 ? (times.ms.length - 1) / seconds : Number.NaN,
      p50Ms: percentile(times.ms, 50),
      p99Ms: percentile(times.ms, 99),
      steady: {
        calls: steady.counts.created,
        failed: steady.counts.failed,
        p50Ms: percentile(steady.times.ms, 50),
        p99Ms: percentile(steady.times.ms, 99),
      },
    };
  } finally {
    await stop(server);
  }
}

/** The routing queries one call makes, timed on a connection of their own: the plan, then a phone user's steps. */
async function timeQueries(databaseUrl: string, extensions: string[]) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const ms: number[] = [];
    for (let i = 0; i < QUERIES + 100; i++) {
      const callee = extensions[i % extensions.length] as string;
      const caller = `+1415555${String(i % 10_000).padStart(4, '0')}`;
      const started = performance.now();
      const [plan] = await sql`select * from sip_call_plan(${callee}, ${caller})`;
      if (plan?.phone_user_id != null)
        await sql`select * from sip_ring_steps(${plan.phone_user_id as number})`;
      // The first hundred warm the connection's plans and caches.
      if (i >= 100) ms.push(performance.now() - started);
    }
    return { calls: QUERIES, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function benchSip(serverUrl: string): Promise<SipFigures> {
  const people: SlackProfile[] = Array.from({ length: PEOPLE }, (_, i) => benchPerson('SIP', i));
  let extensions: string[] = [];
  let callees: string[] = [];
  const database = await freshDatabase(
    { name: 'PostgreSQL', kind: 'postgres', serverUrl },
    async (handle) => {
      extensions = await seedPhoneUsers(handle, [ADMIN], people);
      const profiles: Profiles = {
        bySlackId: async (id) => people.find((p) => p.slackUserId === id),
        byEmail: async (email) => people.find((p) => p.email === email),
      };
      callees = await seedSettings(benchDeps(handle, profiles), extensions);
    },
  );
  const url = database.url as string;
  try {
    const callsCsv = `SEQUENTIAL\n${Array.from(
      { length: 1000 },
      (_, i) => `${callees[i % callees.length]};+1415555${String(i).padStart(4, '0')};`,
    ).join('\n')}\n`;
    const runs = [
      await measureServer('Kamailio, SQL routing', url, false, callsCsv),
      await measureServer('Kamailio, static route (no SQL)', url, true, callsCsv),
    ];
    const query = await timeQueries(url, extensions);
    return {
      phoneUsers: PEOPLE,
      closedCallees: callees.length,
      rate: RATE,
      limit: LIMIT,
      steadyRate: STEADY_RATE,
      runs,
      query: {
        ...query,
        source: 'timed from the benchmark on a connection of its own',
      },
    };
  } finally {
    await database.drop();
  }
}
