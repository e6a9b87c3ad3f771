import { type Config, ConfigError, loadConfig } from '../../config.ts';
import {
  findKamailio,
  migrateForSip,
  NOT_INSTALLED,
  requireSip,
  SipLaunchError,
  startKamailio,
  WHY_POSTGRES,
} from './server.ts';

/**
 * `npm run sip`: Switchboard's SIP server (Kamailio with deploy/kamailio/kamailio.cfg) in the foreground, with the
 * environment of `npm start`. It says "ready" once it answers OPTIONS, and stops with its workers on SIGTERM or
 * SIGINT.
 */

function say(line: string) {
  process.stdout.write(`${line}\n`);
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
      throw new SipLaunchError(`Configuration error: ${error.message}${database}`);
    }
    throw error;
  }
  const { databaseUrl } = requireSip(config);
  if (!findKamailio()) throw new SipLaunchError(NOT_INSTALLED);

  await migrateForSip(databaseUrl);

  let stopping = false;
  let server: Awaited<ReturnType<typeof startKamailio>> | undefined;
  const starting = new AbortController();
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the SIP server`);
    if (!server) return starting.abort();
    server.stop().then((code) => process.exit(code === 0 || code === 128 ? 0 : code));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  try {
    server = await startKamailio(config, { note: say, signal: starting.signal });
  } catch (error) {
    if (stopping) process.exit(0);
    throw error;
  }
  const { sip } = server;
  say(
    `SIP server ready on udp:${sip.host}:${sip.port} (realm ${sip.realm}; gateway ${sip.gateway ? `${sip.gateway.host}:${sip.gateway.port}` : 'none'}; voicemail ${sip.voicemail ? `${sip.voicemail.host}:${sip.voicemail.port}` : 'none'})`,
  );
  const code = await server.exited;
  if (!stopping) throw new SipLaunchError(`kamailio exited with code ${code}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
