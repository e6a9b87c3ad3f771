import { type ChildProcess, spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../../db/client.ts';
import { type Config, ConfigError, loadConfig, type SipConfig } from '../../config.ts';
import { kamailioDatabaseUrl } from './database-url.ts';
import { probeOptions } from './options.ts';

/**
 * `npm run sip`: Switchboard's SIP server (Kamailio with deploy/kamailio/kamailio.cfg) in the foreground, with the
 * environment of `npm start`. It says "ready" once it answers OPTIONS, and stops with its workers on SIGTERM or
 * SIGINT.
 */

const CONFIG_FILE = fileURLToPath(new URL('../../../deploy/kamailio/kamailio.cfg', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

class LaunchError extends Error {}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function findKamailio(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'kamailio');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  throw new LaunchError(
    'kamailio is not installed: on Debian or Ubuntu, apt-get install kamailio kamailio-postgres-modules',
  );
}

const WHY_POSTGRES = [
  "PGlite lives inside the app's own process, while Kamailio reads Switchboard's tables over a database connection",
  'for every registration and call. Run PostgreSQL and set DATABASE_URL=postgres://user:password@host:5432/database',
  'for both npm start and npm run sip.',
].join('\n');

function requireSip(config: Config): { sip: SipConfig; databaseUrl: string } {
  if (config.phoneSystem.kind !== 'kamailio') {
    throw new LaunchError(
      "PHONE_SYSTEM: must be kamailio for the SIP server, in its environment and in the app's, so that the app treats it as the account's phone system",
    );
  }
  if (!config.databaseUrl) {
    throw new LaunchError(
      `DATABASE_URL: the SIP server needs the PostgreSQL server, and DATABASE_URL is not set (the app is using PGlite).\n${WHY_POSTGRES}`,
    );
  }
  return { sip: config.phoneSystem, databaseUrl: config.databaseUrl };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      const database = error.message.startsWith('DATABASE_URL:')
        ? `\nThe SIP server needs the PostgreSQL server. ${WHY_POSTGRES}`
        : '';
      throw new LaunchError(`Configuration error: ${error.message}${database}`);
    }
    throw error;
  }
  const { sip, databaseUrl } = requireSip(config);
  const binary = findKamailio();
  const database = kamailioDatabaseUrl(databaseUrl);
  for (const note of database.notes) say(`Note: ${note}`);

  // The routing functions it calls come with the app's migrations: they are applied first, as npm start does.
  // Two connections: the migration holds one for its lock while it runs on the other.
  const handle = await openDatabase({ databaseUrl, maxConnections: 2 });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }

  const runDir = mkdtempSync(join(tmpdir(), 'switchboard-sip-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (database.password !== undefined) {
    // The password goes to libpq through a private password file, never onto the command line (ps shows that).
    const passFile = join(runDir, 'pgpass');
    writeFileSync(passFile, `*:*:*:*:${database.password.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}\n`, {
      mode: 0o600,
    });
    env.PGPASSFILE = passFile;
  }
  const defines: Record<string, string> = {
    DBURL: `"${database.url}"`,
    SQLCON: `"sb=>${database.url}"`,
    SIP_LISTEN: `udp:${sip.host}:${sip.port}`,
    SIP_REALM: `"${sip.realm}"`,
    CTLSOCK: `"unix:${join(runDir, 'kamailio_ctl')}"`,
  };
  if (sip.gateway) {
    defines.GW_HOSTPORT = `"${sip.gateway.host}:${sip.gateway.port}"`;
    defines.GW_IP = `"${(await lookup(sip.gateway.host)).address}"`;
  }
  if (sip.voicemail) defines.VM_HOSTPORT = `"${sip.voicemail.host}:${sip.voicemail.port}"`;
  const args = ['-f', CONFIG_FILE, '-DD', '-E', '-Y', runDir];
  for (const [name, value] of Object.entries(defines)) args.push('-A', `${name}=${value}`);
  if (sip.benchStaticRoute) {
    args.push('-A', 'BENCH_STATIC_ROUTE');
    say(
      'SIP_BENCH_STATIC_ROUTE=1: every INVITE is answered 480 without reading the tables (a benchmark baseline)',
    );
  }

  const child = spawn(binary, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const cleanUp = () => rmSync(runDir, { recursive: true, force: true });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the SIP server`);
    stopChild(child, exited).then((code) => {
      cleanUp();
      process.exit(code === 0 || code === 128 ? 0 : code);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const ready = await waitReady(sip, exited);
  if (!ready.ok) {
    if (!stopping) {
      await stopChild(child, exited);
      cleanUp();
      throw new LaunchError(ready.reason);
    }
    return;
  }
  say(
    `SIP server ready on udp:${sip.host}:${sip.port} (realm ${sip.realm}; gateway ${sip.gateway ? `${sip.gateway.host}:${sip.gateway.port}` : 'none'}; voicemail ${sip.voicemail ? `${sip.voicemail.host}:${sip.voicemail.port}` : 'none'})`,
  );
  const code = await exited;
  if (!stopping) {
    cleanUp();
    throw new LaunchError(`kamailio exited with code ${code}`);
  }
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
      return { ok: false, reason: `kamailio exited with code ${gone} while starting (see above)` };
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
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
