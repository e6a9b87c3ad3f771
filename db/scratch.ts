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
