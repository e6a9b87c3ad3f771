/**
 * Vitest's global setup, on PGlite: one migrated data directory is made once per run and dumped to a file, and
 * each test file's in-memory database starts from it (about a second) instead of from an empty cluster and the
 * migrations (about four). Not made when the suite runs on a PostgreSQL server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
import { migrationsFolder } from '../../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dumped data directory's file; empty when the suite runs on PostgreSQL. */
    pgliteTemplate: string;
  }
}

export async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pglite-'));
  const file = join(dir, 'migrated.tar');
  const client = new PGlite();
  try {
    await migrate(drizzle({ client }), { migrationsFolder });
    writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  } finally {
    await client.close();
  }
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

/** The migrated data directory to start an in-memory PGlite from, if this run made one. */
export function pgliteTemplate(file: string): Blob | undefined {
  return file ? new Blob([readFileSync(file)]) : undefined;
}
