import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { teeLog } from './log-scan.ts';

/**
 * Real SIP on loopback for the tests: Switchboard's SIP server started with `npm run sip`'s launcher, and sipp user
 * agents (test/sip/scenarios) as phones, callers, the voicemail server and the gateway. Everything waits for a
 * condition (the server answering OPTIONS, a phone's port bound, a process ending), never for a fixed time.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS = join(ROOT, 'test/sip/scenarios');
export const REALM = 'switchboard';

/** Where a binary is, or undefined: kamailio lives in /usr/sbin, which a user's PATH may leave out. */
export function findBinary(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin']) {
    if (!dir) continue;
    try {
      execFileSync('test', ['-x', join(dir, name)]);
      return join(dir, name);
    } catch {}
  }
  return undefined;
}

/** A UDP port nobody holds now, on 127.0.0.1. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** Whether some process holds this UDP port on 127.0.0.1 (binding it fails). */
function udpPortBound(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(true));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(false)));
  });
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export type SipServer = {
  port: number;
  output: () => string;
  /** SIGTERM; resolves with the launcher's exit code once it and Kamailio are gone. */
  stop: () => Promise<number | null>;
};

/** `npm run sip` (its launcher, with the app's environment), resolved once it says it answers OPTIONS. */
export async function startSipServer(env: Record<string, string>, port: number): Promise<SipServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/phone-systems/kamailio/run.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SIP_HOST: '127.0.0.1', SIP_PORT: String(port), SIP_REALM: REALM },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Its log joins the suite's, which is scanned for secrets when the run ends.
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    teeLog(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  await until(
    'the SIP server to answer OPTIONS',
    () => {
      if (gone) throw new Error(`the SIP server exited while starting:\n${output.slice(-4000)}`);
      return output.includes('SIP server ready on');
    },
    90_000,
  );
  return {
    port,
    output: () => output,
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

export type SippRun = { code: number | null; log: string };

/** A sipp user agent; `done` resolves when it ends, with its exit code and its -log_file. */
export type Sipp = { done: Promise<SippRun>; process: ChildProcess };

function sipp(scenario: string, args: string[], keys: Record<string, string>, timeoutS: number): Sipp {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const logFile = join(dir, 'sipp.log');
  const all = [
    '-sf',
    join(SCENARIOS, scenario),
    '-i',
    '127.0.0.1',
    '-m',
    '1',
    '-timeout',
    `${timeoutS}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_logs',
    '-log_file',
    logFile,
    ...Object.entries(keys).flatMap(([key, value]) => ['-key', key, value]),
    ...args,
  ];
  const child = spawn(findBinary('sipp') ?? 'sipp', all, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<SippRun>((resolve) => {
    child.once('exit', (code) => {
      let log = '';
      try {
        log = readFileSync(logFile, 'utf8');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, log: log + (code === 0 ? '' : stderr) });
    });
  });
  return { done, process: child };
}

/** A phone, voicemail server or gateway on `port`: `answer` picks up after 1 s, `ring` never does. */
export async function startUas(
  kind: 'answer' | 'ring',
  port: number,
  who: string,
  timeoutS = 60,
): Promise<Sipp> {
  const agent = sipp(`uas-${kind}.xml`, ['-p', String(port)], { who }, timeoutS);
  let ended = false;
  void agent.done.then(() => {
    ended = true;
  });
  await until(
    `the ${who} user agent to bind udp:${port}`,
    async () => {
      if (ended)
        throw new Error(`the ${who} user agent ended before it was ready: ${(await agent.done).log}`);
      return udpPortBound(port);
    },
    30_000,
  );
  return agent;
}

/**
 * REGISTER as `user` with `password`, the phone's contact on `contactPort`; returns the final SIP status.
 * `unregister` takes every contact of the user off the server instead (Contact: *, Expires: 0).
 */
export async function register(
  server: number,
  user: string,
  password: string,
  contactPort: number | 'unregister',
) {
  const contact = contactPort === 'unregister' ? '*' : `<sip:${user}@127.0.0.1:${contactPort}>`;
  const expires = contactPort === 'unregister' ? '0' : '600';
  const run = await sipp(
    'register.xml',
    ['-p', String(await freeUdpPort()), '-au', user, '-ap', password, `127.0.0.1:${server}`],
    { user, realm: REALM, contact, expires },
    20,
  ).done;
  const status = /REGISTER (\d{3})/.exec(run.log)?.[1];
  if (!status) throw new Error(`REGISTER ${user} ended without an answer (sipp ${run.code}): ${run.log}`);
  return Number(status);
}

export type CallResult = { status: number; answeredBy: string | undefined; ms: number };

/**
 * One call from `caller` to `callee`. With `credentials`, the caller is a device of the account answering the
 * server's challenge; without, it calls in from the trunk's address. Returns the final SIP status the caller saw,
 * who answered, and how long it took.
 */
export async function call(
  server: number,
  caller: string,
  callee: string,
  credentials?: { user: string; password: string },
): Promise<CallResult> {
  const auth = credentials ? ['-au', credentials.user, '-ap', credentials.password] : [];
  const started = Date.now();
  const run = await sipp(
    'call.xml',
    ['-p', String(await freeUdpPort()), ...auth, `127.0.0.1:${server}`],
    { caller, callee, realm: REALM },
    120,
  ).done;
  const ms = Date.now() - started;
  const match = /CALL (\d{3}) (\S+)/.exec(run.log);
  if (!match)
    throw new Error(`the call ${caller} -> ${callee} ended without an answer (sipp ${run.code}): ${run.log}`);
  const answeredBy = match[2] === 'none' || match[2] === '' ? undefined : match[2];
  return { status: Number(match[1]), answeredBy, ms };
}

/** What a user agent logged of the INVITE it got: its Request-URI and X-Switchboard-Reason. */
export function invited(log: string): { uri: string | undefined; reason: string | undefined } {
  const match = /INVITE (\S+) .* reason=(.*?) (?:X-Switchboard-Reason|$)/m.exec(log);
  return { uri: match?.[1], reason: match?.[2]?.trim() || undefined };
}

/** Why the tests on a real SIP server are skipped here, or undefined: never for a missing tool under CI. */
export function sipSkipReason(databaseUrl: string | undefined): string | undefined {
  const missing = (['kamailio', 'sipp'] as const).filter((name) => findBinary(name) === undefined);
  if (!databaseUrl) return 'Kamailio reads PostgreSQL; run with TEST_DATABASE_URL';
  if (missing.length > 0 && !process.env.CI)
    return `${missing.join(' and ')} not installed (apt-get install kamailio kamailio-postgres-modules sip-tester)`;
  return undefined;
}

/**
 * An active phone user with `extension` and credentials for their apps under that username, hashed for REALM as
 * `/phone sip password` stores them: for tests about registrations rather than about how the password is made.
 */
export async function addSipUser(db: Executor, extension: string, password: string): Promise<void> {
  await db.execute(sql`insert into sites (name) select 'Main' where not exists (select 1 from sites)`);
  const [person] = await queryRows<{ id: number }>(
    db,
    sql`insert into directory_users (email, first_name, last_name)
        values (${`p${extension}@example.com`}, 'P', ${extension}) returning id`,
  );
  const [user] = await queryRows<{ id: number }>(
    db,
    sql`insert into phone_users (directory_user_id, site_id, extension, short_extension)
        values (${person?.id}, (select min(id) from sites), ${extension}, ${extension}) returning id`,
  );
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  await db.execute(sql`insert into sip_credentials (phone_user_id, username, realm, ha1, ha1b)
    values (${user?.id}, ${extension}, ${REALM}, ${md5(`${extension}:${REALM}:${password}`)},
            ${md5(`${extension}@${REALM}:${REALM}:${password}`)})`);
}
