import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { type Database, type DatabaseHandle, openDatabase } from '../../db/client.ts';
import { createScratchDatabase, resetDatabase } from '../../db/scratch.ts';
import { forgetCards } from '../../src/store/cards.ts';
import { pgliteTemplate } from './pglite-template.ts';

export { createScratchDatabase, resetDatabase };

/** Set by .ci/run (and by hand) to run the integration tests against a PostgreSQL server instead of PGlite. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDriver: 'pglite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'pglite';

/**
 * A database of its own for one test file: an in-memory PGlite, or a new database on the TEST_DATABASE_URL server
 * (dropped afterwards). Returns a handle filled in by beforeAll; data is reset to the seed before each test.
 */
export function useTestDatabase(options: { reset?: boolean } = {}): {
  readonly handle: DatabaseHandle;
  readonly db: Database;
  readonly url: string | undefined;
} {
  const state: { handle?: DatabaseHandle; url?: string | undefined; drop?: () => Promise<void> } = {};

  beforeAll(async () => {
    const created = testDatabaseUrl ? await createScratchDatabase(testDatabaseUrl) : undefined;
    state.url = created?.url;
    state.drop = created?.drop;
    state.handle = await openDatabase({
      databaseUrl: created?.url,
      pgliteDir: undefined,
      pgliteTemplate: pgliteTemplate(inject('pgliteTemplate')),
    });
    await state.handle.migrate();
  });

  if (options.reset !== false) {
    beforeEach(async () => {
      if (!state.handle) return;
      await resetDatabase(state.handle.db);
      // The reset moved the card generation, so no kept card would be used; forgetting them also spares the first
      // lookup of each test the check that would find its copy stale (some tests count statements).
      forgetCards(state.handle.db);
    });
  }

  afterAll(async () => {
    await state.handle?.close();
    await state.drop?.();
  });

  return {
    get handle() {
      if (!state.handle) throw new Error('the test database is opened in beforeAll');
      return state.handle;
    },
    get db() {
      if (!state.handle) throw new Error('the test database is opened in beforeAll');
      return state.handle.db;
    },
    get url() {
      return state.url;
    },
  };
}
