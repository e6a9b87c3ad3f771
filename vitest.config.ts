import { defineConfig } from 'vitest/config';
import { teeLog } from './test/support/log-scan.ts';

export default defineConfig({
  test: {
    // Named by engine, so that each run orders its files by how long they took on the same engine last time (the
    // SIP files are skipped on PGlite and take minutes on PostgreSQL): the longest start first.
    name: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    include: ['test/**/*.test.ts'],
    // Each integration file owns one database (a PGlite instance or a fresh Postgres database), so files may run
    // in parallel; the tests inside one file share it and run in order.
    // Three workers on two cores: many files wait on a child process, a SIP timer or PostgreSQL's own CPU, and two
    // left the cores about a third idle over a run.
    pool: 'forks',
    maxWorkers: 3,
    // A worker keeps its modules from one file to the next: importing the app and its libraries again for each of
    // two hundred files cost more CPU than half the tests. Nothing the files share is left changed between them:
    // each opens and closes its own database, servers and app.
    isolate: false,
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
