import { defineConfig } from 'vitest/config';
import { teeLog } from './test/support/log-scan.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each integration file owns one database (a PGlite instance or a fresh Postgres database), so files may run
    // in parallel; the tests inside one file share it and run in order.
    pool: 'forks',
    maxWorkers: 2,
    // Safety nets for a busy machine, not speed checks: waits end when their condition holds (60 s at most).
    testTimeout: 90_000,
    hookTimeout: 120_000,
    restoreMocks: true,
    // Everything the suite writes is scanned for secrets when the run ends (test/support/log-scan.ts).
    setupFiles: ['test/support/log-tee.ts', 'test/support/fast-check-seed.ts'],
    globalSetup: ['test/support/log-scan-run.ts', 'test/support/pglite-template.ts'],
    onConsoleLog(log) {
      teeLog(`${log}\n`);
    },
  },
});
