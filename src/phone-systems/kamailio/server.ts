import { type ChildProcess, spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../../db/client.ts';
import type { Config, SipConfig } from '../../config.ts';
import { kamailioDatabaseUrl } from './database-url.ts';
import { probeOptions } from './options.ts';

/**
 * Kamailio with deploy/kamailio/kamailio.cfg on the app's PostgreSQL database: how `npm run sip` and the local
 * workspace start the SIP server, wait for it to answer OPTIONS, and stop it with its workers.
 */

const CONFIG_FILE = fileURLToPath(new URL('../../../deploy/kamailio/kamailio.cfg', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Why the SIP server cannot start, in words for the person who started it. */
export class SipLaunchError extends Error {}

export const WHY_POSTGRES = [
  "PGlite lives inside the app's own process, while Kamailio reads Switchboard's tables over a database connection",
  'for every registration and call. Run PostgreSQL and set DATABASE_URL=postgres://user:password@host:5432/database',
  'for both npm start and npm run sip.',
].join('\n');

export const NOT_INSTALLED =
  'kamailio is not installed: on Debian or Ubuntu, apt-get install kamailio kamailio-postgres-modules';

/** The kamailio binary, or undefined: it lives in /usr/sbin, which a user's PATH may leave out. */
export function findKamailio(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'kamailio');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** The SIP settings and the PostgreSQL URL, or why this configuration cannot run the SIP server. */
export function requireSip(config: Config): { sip: SipConfig; databaseUrl: string } {
  if (config.phoneSystem.kind !== 'kamailio') {
    throw new SipLaunchError(
      "PHONE_SYSTEM: must be kamailio for the SIP server, in its environment and in the app's, so that the app treats it as the account's phone system",
    );
  }
  if (!config.databaseUrl) {
    throw new SipLaunchError(
      `DATABASE_URL: the SIP server needs the PostgreSQL server, and DATABASE_URL is not set (the app is using PGlite).\n${WHY_POSTGRES}`,
    );
  }
  return { sip: config.phoneSystem, databaseUrl: config.databaseUrl };
}

/**
 * Applies the app's migrations, as npm start does: they hold the routing functions Kamailio calls per request, so
 * they must be in place before it starts. Two connections: the migration holds one for its lock while it runs on
 * the other.
 */
export async function migrateForSip(databaseUrl: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl, maxConnections: 2 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}

export type RunningSipServer = {
  sip: SipConfig;
  /** The jsonrpcs FIFO Kamailio reads commands from, and the directory it writes replies into. */
  rpc: { fifo: string; replyDir: string };
  /** Resolves with Kamailio's exit code, whoever stopped it. */
  exited: Promise<number>;
  /** SIGTERM (SIGKILL after 10 s); resolves with the exit code once Kamailio and its workers are gone. */
  stop: () => Promise<number>;
};

/**
 * Starts Kamailio for `config` (PHONE_SYSTEM=kamailio, a postgres:// DATABASE_URL) and resolves once it answers
 * OPTIONS. Its log goes to this process's stdout/stderr, or to `output` when given. The caller applies the
 * migrations first (migrateForSip).
 */
export async function startKamailio(
  config: Config,
  options: {
    output?: (chunk: Buffer) => void;
    note?: (line: string) => void;
    /** Aborting it while Kamailio starts stops it, and the start fails. */
    signal?: AbortSignal;
  } = {},
): Promise<RunningSipServer> {
  const { sip, databaseUrl } = requireSip(config);
  const binary = findKamailio();
  if (!binary) throw new SipLaunchError(NOT_INSTALLED);
  const database = kamailioDatabaseUrl(databaseUrl);
  for (const note of database.notes) options.note?.(`Note: ${note}`);

  const runDir = mkdtempSync(join(tmpdir(), 'switchboard-sip-'));
  const cleanUp = () => rmSync(runDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (database.password !== undefined) {
    // The password goes to libpq through a private password file, never onto the command line (ps shows that).
    const passFile = join(runDir, 'pgpass');
    writeFileSync(passFile, `*:*:*:*:${database.password.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}\n`, {
      mode: 0o600,
    });
    env.PGPASSFILE = passFile;
  }
  const rpc = { fifo: join(runDir, 'rpc.fifo'), replyDir: `${runDir}/` };
  const defines: Record<string, string> = {
    DBURL: `"${database.url}"`,
    SQLCON: `"sb=>${database.url}"`,
    SIP_LISTEN: `udp:${sip.host}:${sip.port}`,
    SIP_REALM: `"${sip.realm}"`,
    CTLSOCK: `"unix:${join(runDir, 'kamailio_ctl')}"`,
    RPCFIFO: `"${rpc.fifo}"`,
    RPCREPLYDIR: `"${rpc.replyDir}"`,
  };
  try {
    if (sip.gateway) {
      defines.GW_HOSTPORT = `"${sip.gateway.host}:${sip.gateway.port}"`;
      defines.GW_IP = `"${(await lookup(sip.gateway.host)).address}"`;
    }
  } catch (error) {
    cleanUp();
    throw new SipLaunchError(
      `SIP_GATEWAY_URI: cannot resolve ${sip.gateway?.host}: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (sip.voicemail) defines.VM_HOSTPORT = `"${sip.voicemail.host}:${sip.voicemail.port}"`;
  const args = ['-f', CONFIG_FILE, '-DD', '-E', '-Y', runDir];
  for (const [name, value] of Object.entries(defines)) args.push('-A', `${name}=${value}`);
  if (sip.benchStaticRoute) {
    args.push('-A', 'BENCH_STATIC_ROUTE');
    options.note?.(
      'SIP_BENCH_STATIC_ROUTE=1: every INVITE is answered 480 without reading the tables (a benchmark baseline)',
    );
  }

  const child = spawn(binary, args, {
    env,
    stdio: ['ignore', options.output ? 'pipe' : 'inherit', options.output ? 'pipe' : 'inherit'],
  });
  if (options.output) {
    child.stdout?.on('data', options.output);
    child.stderr?.on('data', options.output);
  }
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).then((code) => {
    cleanUp();
    return code;
  });
  const stop = () => stopChild(child, exited);
  options.signal?.addEventListener('abort', () => void stop(), { once: true });

  const ready = await waitReady(sip, exited);
  if (!ready.ok) {
    await stop();
    throw new SipLaunchError(ready.reason);
  }
  return { sip, rpc, exited, stop };
}

async function waitReady(
  sip: SipConfig,
  exited: Promise<number>,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone: number | undefined;
  void exited.then((code) => {
    gone = code;
  });
  while (Date.now() < deadline) {
    if (gone !== undefined)
      return { ok: false, reason: `kamailio exited with code ${gone} while starting (see its log)` };
    const answer = await probeOptions(sip, 500);
    if (answer.ok && answer.status === 200) return { ok: true };
    if (gone === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    ok: false,
    reason: `kamailio did not answer OPTIONS on udp:${sip.host}:${sip.port} within ${READY_TIMEOUT_MS / 1000} s`,
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number>): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
