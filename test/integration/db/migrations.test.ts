import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { constraintViolation } from '../../../db/errors.ts';
import { callingPlans, reservedExtensions, sites } from '../../../db/schema/index.ts';
import { useTestDatabase } from '../../support/database.ts';

const database = useTestDatabase();

describe('database migrations', () => {
  it('seeds a fresh account with the Main site, reserved codes and the plan catalog', async () => {
    const siteRows = await database.db.select().from(sites);
    expect(siteRows.map((site) => site.name)).toEqual(['Main']);
    const reserved = await database.db.select().from(reservedExtensions);
    expect(reserved.map((row) => row.extension).sort()).toEqual([
      '112',
      '411',
      '611',
      '711',
      '911',
      '933',
      '988',
      '999',
    ]);
    const plans = await database.db.select().from(callingPlans);
    expect(plans.map((plan) => plan.code)).toEqual(expect.arrayContaining([100, 200, 1000, 4000]));
  });

  it('enforces unique site names without regard to case in the database itself', async () => {
    const error = await database.db
      .insert(sites)
      .values({ name: 'MAIN' })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(constraintViolation(error)).toEqual({ kind: 'unique', constraint: 'sites_name_unique' });
  });

  it('lets two instances migrate the same database at once without failing', async () => {
    if (!database.url) return; // PGlite is embedded in one process: there is no second instance to race.
    const [a, b] = await Promise.all([
      openDatabase({ databaseUrl: database.url }),
      openDatabase({ databaseUrl: database.url }),
    ]);
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      const count = await a.db.execute(sql`select count(*)::int as n from sites`);
      expect(count).toBeDefined();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
