import type { Logger } from '@slack/bolt';
import type { Config } from '../config.ts';
import { type Registration, readRegistrations } from '../phone-systems/kamailio/registrations.ts';
import {
  findKamailio,
  migrateForSip,
  NOT_INSTALLED,
  type RunningSipServer,
  startKamailio,
} from '../phone-systems/kamailio/server.ts';

/**
 * The SIP server of the local workspace: with PHONE_SYSTEM=kamailio, a postgres:// DATABASE_URL and kamailio
 * installed, `npm start` runs it beside the app (the same launcher as `npm run sip`) and the page shows who is
 * registered on it; otherwise the workspace runs without it and says why, once.
 */

/** A registration with whose device it is, when Switchboard knows the username. */
export type ShownRegistration = Registration & {
  owner?: { name: string; extension: string; deskPhone: { mac: string; model: string } | null };
};

export type SipServerView =
  | { state: 'starting' }
  | { state: 'off'; reason: string }
  | {
      state: 'running' | 'stopped';
      listen: string;
      realm: string;
      /** Why it stopped, or why the registrations could not be read just now. */
      reason?: string;
      registrations: ShownRegistration[];
    };

export type LocalSipServer = {
  view: () => Promise<SipServerView>;
  /** Applies the migrations (they hold the routing functions it calls) and starts it, or says why not. */
  start: (logger: Logger) => Promise<void>;
  stop: () => Promise<void>;
};

const PGLITE =
  'the database is PGlite, which lives inside the app and which Kamailio cannot reach: set DATABASE_URL=postgres://… to run it';

export function localSipServer(
  config: Config,
  owners: (usernames: string[]) => Promise<Map<string, NonNullable<ShownRegistration['owner']>>>,
): LocalSipServer {
  let state:
    | { kind: 'starting' }
    | { kind: 'off'; reason: string }
    | { kind: 'running'; server: RunningSipServer; exitCode: number | undefined } = { kind: 'starting' };
  let stopping = false;

  const listenOf = (server: RunningSipServer) => `udp:${server.sip.host}:${server.sip.port}`;

  return {
    async start(logger) {
      const reason = !config.databaseUrl ? PGLITE : findKamailio() === undefined ? NOT_INSTALLED : undefined;
      if (reason) {
        state = { kind: 'off', reason };
        logger.warn(`The SIP server is not started: ${reason}`);
        return;
      }
      try {
        await migrateForSip(config.databaseUrl ?? '');
        const server = await startKamailio(config, { note: (line) => logger.info(line) });
        const running = { kind: 'running' as const, server, exitCode: undefined as number | undefined };
        state = running;
        void server.exited.then((code) => {
          running.exitCode = code;
          if (!stopping) logger.error(`The SIP server stopped: kamailio exited with code ${code}`);
        });
        logger.info(
          `SIP server running: phones register at ${server.sip.host}:${server.sip.port} (UDP, realm ${server.sip.realm})`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        state = { kind: 'off', reason: message };
        logger.warn(`The SIP server is not started: ${message}`);
      }
    },
    async stop() {
      stopping = true;
      if (state.kind === 'running') await state.server.stop();
    },
    async view() {
      if (state.kind === 'starting') return { state: 'starting' };
      if (state.kind === 'off') return { state: 'off', reason: state.reason };
      const { server, exitCode } = state;
      const base = { listen: listenOf(server), realm: server.sip.realm };
      if (exitCode !== undefined)
        return {
          state: 'stopped',
          ...base,
          reason: `kamailio exited with code ${exitCode}`,
          registrations: [],
        };
      try {
        const registrations = await readRegistrations(server.rpc);
        const known = await owners([...new Set(registrations.map((r) => r.user))]);
        return {
          state: 'running',
          ...base,
          registrations: registrations.map((r) => {
            const owner = known.get(r.user.toLowerCase());
            return owner ? { ...r, owner } : r;
          }),
        };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { state: 'running', ...base, reason, registrations: [] };
      }
    },
  };
}
