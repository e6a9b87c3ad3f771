import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { advisoryLeases, type Leases, processLeases } from './leases.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the rest of the app sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or a transaction in progress: every store function accepts both. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Applies the committed migrations; with Postgres, under an advisory lock so two instances never race. */
  migrate: () => Promise<void>;
  /** Who is applying what right now: see leases.ts. */
  leases: Leases;
  close: () => Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any fixed 64-bit key shared by every instance of the app; it names the "migrating now" lock. */
const MIGRATION_LOCK_KEY = 7_246_115_301n;

export type OpenOptions = {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` (or undefined) keeps everything in memory. */
  pgliteDir?: string | undefined;
  /** Connections in the postgres.js pool. */
  maxConnections?: number;
  /**
   * An in-memory PGlite starts from this dump of a migrated data directory (`PGlite.dumpDataDir`) instead of an
   * empty cluster: about a second instead of four, for a test suite that opens one database per file.
   */
  pgliteTemplate?: Blob | undefined;
};

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.pgliteDir, options.pgliteTemplate);
}

async function openPglite(dir: string | undefined, template: Blob | undefined): Promise<DatabaseHandle> {
  const inMemory = dir === undefined || dir.startsWith('memory://');
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const client = inMemory ? new PGlite(template ? { loadDataDir: template } : {}) : new PGlite(dir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    // One embedded database belongs to one process, so there is no other instance to race.
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    leases: processLeases(),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  // JIT compilation pays off for long analytical queries; for this app's short ones it only adds latency.
  const client = postgres(url, { max, onnotice: () => {}, connection: { jit: 'off' } });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    db,
    driver: 'postgres',
    migrate: async () => {
      const lockConnection = await client.reserve();
      try {
        await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()}::bigint)`;
        await migratePostgres(db as never, { migrationsFolder });
      } finally {
        await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()}::bigint)`.catch(
          () => {},
        );
        lockConnection.release();
      }
    },
    leases: advisoryLeases(url, client),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Runs raw SQL and returns its rows: PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

/** A cheap round trip used by the health check. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
