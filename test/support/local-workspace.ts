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
