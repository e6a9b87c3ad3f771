import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Database, type DatabaseHandle, migrationsFolder, openDatabase } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';

/** Set by .ci/run (and by hand) to run the integration tests against a PostgreSQL server instead of PGlite. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDriver: 'pglite' | 'postgres' = testDatabaseUrl ? 'postgres' : 'pglite';

const seedSql = readFileSync(join(migrationsFolder, '0001_seed.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((statement) => statement.trim())
  .filter((statement) => statement.length > 0);

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
    state.handle = await openDatabase({ databaseUrl: created?.url, pgliteDir: undefined });
    await state.handle.migrate();
  });

  if (options.reset !== false) {
    beforeEach(async () => {
      if (state.handle) await resetDatabase(state.handle.db);
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

/** Empties every table and puts the seed back, so each test starts from a fresh account. */
export async function resetDatabase(db: Database): Promise<void> {
  const names = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => `"${getTableName(table)}"`)
    .join(', ');
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${names} restart identity cascade`));
    for (const statement of seedSql) await tx.execute(sql.raw(statement));
  });
}

export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(serverUrl);
  const name = `${base.pathname.replace(/^\//, '') || 'switchboard'}_${randomBytes(4).toString('hex')}`.slice(
    0,
    60,
  );
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
