import { join } from 'node:path';
import type { Config } from '../../src/config.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/services/imports/service.ts';

/** The configuration of `npm start` without Slack credentials, on free ports, with its databases under `dir`. */
export function localWorkspaceConfig(dir: string): Config {
  return {
    slack: { kind: 'none' },
    phoneSystem: { kind: 'none' },
    slackApiUrl: undefined,
    databaseUrl: undefined,
    pgliteDir: join(dir, 'pglite'),
    adminUserIds: [],
    port: 0,
    logLevel: 'error',
    importLimits: DEFAULT_IMPORT_LIMITS,
    localSlackPort: 0,
    driftCheckMinutes: 0,
  };
}

/** The same with PHONE_SYSTEM=kamailio on 127.0.0.1:`port`, and PostgreSQL at `databaseUrl` (PGlite without). */
export function localKamailioConfig(dir: string, port: number, databaseUrl: string | undefined): Config {
  return {
    ...localWorkspaceConfig(dir),
    databaseUrl,
    phoneSystem: {
      kind: 'kamailio',
      host: '127.0.0.1',
      port,
      realm: 'switchboard',
      gateway: undefined,
      voicemail: undefined,
    },
  };
}
