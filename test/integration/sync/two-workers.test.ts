import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../db/client.ts';
import { phoneSync } from '../../../db/schema/index.ts';
import { setStatus } from '../../../src/services/phone-user-changes.ts';
import { type SyncWorker, startSyncWorker } from '../../../src/services/sync-worker.ts';
import { desiredLine } from '../../../src/store/desired-lines.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, refOf, unwrap } from '../../support/fixtures.ts';
import { InMemoryPhoneSystem } from '../../support/phone-system.ts';
import { ADMIN, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();

/**
 * Each worker has a pool of its own, as two instances would: on PostgreSQL their claims really race on separate
 * connections. PGlite has one connection and serialises their statements, which still checks the outcome.
 */
const pools: DatabaseHandle[] = [];
beforeAll(async () => {
  if (!database.url) return;
  for (let i = 0; i < 2; i++)
    pools.push(await openDatabase({ databaseUrl: database.url, maxConnections: 10 }));
});
afterAll(async () => {
  for (const pool of pools) await pool.close();
});

const PEOPLE = 40;

describe('two instances syncing the same database', () => {
  it('never reconcile the same person at once, and bring everyone to what the database holds', async () => {
    const deps = makeDeps(database.db);
    await prepareAccount(database.db, { licenses: 100 });
    const phone = new InMemoryPhoneSystem();
    // Calls take a moment, so that the two instances' calls overlap; the first four certainly do.
    phone.delayMs = 15;
    phone.meet(4);
    const workers: SyncWorker[] = [0, 1].map((i) =>
      startSyncWorker({
        db: pools[i]?.db ?? database.db,
        clock: deps.clock,
        phoneSystem: phone,
        log: { warn: () => {} },
        concurrency: 8,
        idleMs: 100,
      }),
    );
    const wakeAll = () => {
      for (const worker of workers) worker.wake();
    };
    deps.sync = { wake: wakeAll };
    try {
      const people = await licensedPeople(deps, PEOPLE);
      // Changes while the instances are at work: some people are marked again mid-reconcile.
      for (const person of people.slice(0, PEOPLE / 2)) {
        unwrap(await setStatus(deps, ADMIN, refOf(person), 'inactive'));
      }
      for (let round = 0; ; round++) {
        await Promise.all(workers.map((worker) => worker.idle()));
        const states = (await database.db.select().from(phoneSync)).map((row) => row.state);
        if (states.every((state) => state === 'in_sync')) break;
        if (round > 100) throw new Error(`still not in sync: ${states.join(', ')}`);
        wakeAll();
      }

      expect(phone.overlaps).toEqual([]);
      expect(phone.mostAtOnce).toBeGreaterThanOrEqual(4);
      for (const person of people) {
        const desired = await desiredLine(database.db, person.directoryUserId, person.email);
        expect(phone.users.get(person.email)?.line).toEqual(desired.line);
      }
      expect(
        people.slice(0, PEOPLE / 2).every((p) => phone.users.get(p.email)?.line?.status === 'inactive'),
      ).toBe(true);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });
});
