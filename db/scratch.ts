import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { type Database, migrationsFolder } from './client.ts';
import * as schema from './schema/index.ts';

/** Helpers for tests and benchmarks: throwaway databases and a reset to the freshly migrated state. */

const seedSql = readFileSync(join(migrationsFolder, '0001_seed.sql'), 'utf8')
  .split('--> statement-breakpoint')
  .map((statement) => statement.trim())
  .filter((statement) => statement.length > 0);

/** Empties every table and puts the seed back, so each test starts from a fresh account. */
export async function resetDatabase(db: Database): Promise<void> {
  const names = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => `"${getTableName(table)}"`)
    .join(', ');
  // The truncate takes every table's lock one by one, so a statement still running in the app (a background
  // worker, the tail of the last test's request) can take them in another order: PostgreSQL then aborts one side
  // as a deadlock. The reset is simply tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`truncate ${names} restart identity cascade`));
        for (const statement of seedSql) await tx.execute(sql.raw(statement));
      });
      return;
    } catch (error) {
      if (attempt >= 5 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === '40P01') return true;
  }
  return false;
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
