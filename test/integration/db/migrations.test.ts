import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.ts';
import { constraintViolation } from '../../../db/errors.ts';
import {
  callingPlans,
  callQueues,
  dialPlan,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
  reservedExtensions,
  sites,
} from '../../../db/schema/index.ts';
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

  it('gives every phone user a settings row and one dial-plan entry, shared with queues and receptionists', async () => {
    const db = database.db;
    const [person] = await db
      .insert(directoryUsers)
      .values({ email: 'ada@example.com', firstName: 'Ada', lastName: 'L' })
      .returning();
    const [site] = await db.select().from(sites);
    const [user] = await db
      .insert(phoneUsers)
      .values({ directoryUserId: person!.id, siteId: site!.id, extension: '1000', shortExtension: '1000' })
      .returning();
    const [settings] = await db.select().from(phoneUserSettings);
    expect(settings).toMatchObject({
      phoneUserId: user!.id,
      voicemailPin: '000000',
      language: 'en-US',
      version: 1,
    });
    expect(await db.select().from(dialPlan)).toEqual([
      { extension: '1000', ownerKind: 'user', ownerId: user!.id },
    ]);
    const clash = await db
      .insert(callQueues)
      .values({ name: 'Sales', extension: '1000', siteId: site!.id })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(constraintViolation(clash)).toEqual({ kind: 'unique', constraint: 'dial_plan_pkey' });
    await db.update(phoneUsers).set({ extension: '1001' });
    await db.insert(callQueues).values({ name: 'Sales', extension: '1000', siteId: site!.id });
    expect((await db.select().from(dialPlan)).map((row) => [row.extension, row.ownerKind]).sort()).toEqual([
      ['1000', 'queue'],
      ['1001', 'user'],
    ]);
    await db.delete(phoneUsers);
    expect((await db.select().from(dialPlan)).map((row) => row.ownerKind)).toEqual(['queue']);
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
