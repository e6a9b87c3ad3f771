import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { phoneSync } from '../../../db/schema/index.ts';
import { assignLicenses, removeLicenses } from '../../../src/services/licenses.ts';
import { retryOne } from '../../../src/services/phone-sync.ts';
import { addPlan, setStatus } from '../../../src/services/phone-user-changes.ts';
import { type SyncWorker, startSyncWorker } from '../../../src/services/sync-worker.ts';
import { desiredLine } from '../../../src/store/desired-lines.ts';
import { claimSync, markForSync } from '../../../src/store/phone-sync.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, refOf, unwrap } from '../../support/fixtures.ts';
import { InMemoryPhoneSystem } from '../../support/phone-system.ts';
import { ADMIN, makeDeps, prepareAccount, seedPeople, slackRef } from '../../support/services.ts';

const database = useTestDatabase();
const LEASE_MS = 60_000;

let deps: ReturnType<typeof makeDeps>;
let phone: InMemoryPhoneSystem;
let worker: SyncWorker | undefined;
const warnings: string[] = [];

function start(options: { concurrency?: number; renewEveryMs?: number } = {}) {
  worker = startSyncWorker({
    db: database.db,
    clock: deps.clock,
    phoneSystem: phone,
    log: { warn: (message) => warnings.push(message) },
    leaseMs: LEASE_MS,
    idleMs: 200,
    ...options,
  });
  deps.sync = worker;
  return worker;
}

beforeEach(async () => {
  deps = makeDeps(database.db);
  phone = new InMemoryPhoneSystem();
  warnings.length = 0;
  await prepareAccount(database.db, { licenses: 50, planInventory: 10 });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

const rowOf = async (directoryUserId: number) =>
  (await database.db.select().from(phoneSync).where(eq(phoneSync.directoryUserId, directoryUserId)))[0];

/** Waits, in real time, for the worker's background work to bring the database to a state. */
async function until(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not come true');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets time pass on the injected clock and has the worker look again. */
async function later(ms: number) {
  deps.clock.advance(ms);
  worker?.wake();
  await worker?.idle();
}

describe('the sync worker', () => {
  it('brings the phone system to what the database holds, and takes a removed line away', async () => {
    const sync = start();
    const [ada, bob] = await licensedPeople(deps, 2);
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'in_sync',
      syncedAt: deps.clock.now(),
      claimedUntil: null,
    });
    expect(phone.users.get(ada!.email)?.line).toEqual(
      (await desiredLine(database.db, ada!.directoryUserId, ada!.email)).line,
    );
    expect(phone.users.get(bob!.email)?.line?.extension).toBe(bob!.extension);

    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada!)]));
    await sync.idle();
    expect(phone.users.get(ada!.email)?.line).toBeNull();
    expect(phone.writesFor(ada!.email).map((w) => w.op)).toEqual(['create', 'remove']);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', generation: 2 });
  });

  it('changes nothing in the phone system when a person is reconciled again with the same line', async () => {
    const sync = start();
    const [ada] = await licensedPeople(deps, 1);
    await sync.idle();
    expect(phone.writesFor(ada!.email)).toHaveLength(1);
    await database.db.transaction((tx) => markForSync(tx, deps.clock.now(), [ada!]));
    await later(0);
    expect(phone.callsFor(ada!.email)).toBe(2);
    expect(phone.writesFor(ada!.email)).toHaveLength(1);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', generation: 2 });
  });

  it('never records in sync over a change made while the phone system was being reconciled', async () => {
    const sync = start();
    const [ada] = await licensedPeople(deps, 1);
    await sync.idle();
    const held = phone.hold(ada!.email);
    unwrap(await setStatus(deps, ADMIN, refOf(ada!), 'inactive'));
    await held.reached;
    // The reconcile in flight read the line as inactive; the plan comes after it read.
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'US/CA Unlimited'));
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'pending', generation: 3 });
    held.release();
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', generation: 3 });
    expect(phone.callsFor(ada!.email)).toBe(3);
    expect(phone.users.get(ada!.email)?.line).toMatchObject({ status: 'inactive' });
    expect(phone.users.get(ada!.email)?.line?.plans).toHaveLength(1);
  });

  it('leaves a refused person failed until they change or an admin retries', async () => {
    const sync = start();
    const [ada, bob] = await licensedPeople(deps, 2);
    phone.refuse(ada!.email, '1001', 'User does not exist');
    phone.refuse(bob!.email, '1001', 'User does not exist');
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'failed',
      failureCode: '1001',
      failureMessage: 'User does not exist',
      reason: `Test Phone refused ${ada!.email}: User does not exist`,
    });
    await later(24 * 3600_000);
    expect(phone.callsFor(ada!.email)).toBe(1);

    phone.accept(ada!.email);
    phone.accept(bob!.email);
    expect(unwrap(await retryOne(deps, ADMIN, ada!.directoryUserId))).toEqual({ retried: 1 });
    unwrap(await setStatus(deps, ADMIN, refOf(bob!), 'inactive'));
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'in_sync',
      failureCode: null,
      reason: null,
    });
    expect(await rowOf(bob!.directoryUserId)).toMatchObject({ state: 'in_sync' });
    expect(phone.users.get(bob!.email)?.line?.status).toBe('inactive');
  });

  it('tries a phone system it cannot reach again later, less often each time, keeping the reason', async () => {
    const sync = start();
    phone.unreachableFor(2);
    const [ada] = await licensedPeople(deps, 1);
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'pending',
      attempts: 1,
      runAfter: new Date(deps.clock.now().getTime() + 1_000),
      reason: 'Test Phone could not be reached: connect ECONNREFUSED 127.0.0.1:443',
    });
    await later(999);
    expect(phone.callsFor(ada!.email)).toBe(1);
    await later(1);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'pending',
      attempts: 2,
      runAfter: new Date(deps.clock.now().getTime() + 2_000),
    });
    await later(2_000);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', reason: null });
    expect(phone.callsFor(ada!.email)).toBe(3);
    expect(warnings.filter((w) => w.includes('could not be reached'))).toHaveLength(2);
  });

  it('waits the time the phone system asks while a line is still being set up', async () => {
    const sync = start();
    const [ada] = await licensedPeople(deps, 1);
    phone.stillSettingUp(ada!.email, 1);
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'pending',
      reason: 'The line is still being set up',
      runAfter: new Date(deps.clock.now().getTime() + 30_000),
    });
    await later(29_999);
    expect(phone.callsFor(ada!.email)).toBe(1);
    await later(1);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync' });
  });

  it('takes over a person whose worker died holding them, once the lease has run out', async () => {
    const [ada] = await licensedPeople(deps, 1);
    // A worker in another instance claims the person and dies before it finishes.
    expect((await claimSync(database.db, deps.clock.now(), LEASE_MS))?.directoryUserId).toBe(
      ada!.directoryUserId,
    );
    const sync = start();
    await sync.idle();
    expect(phone.callsFor(ada!.email)).toBe(0);
    await later(LEASE_MS - 1);
    expect(phone.callsFor(ada!.email)).toBe(0);
    await later(1);
    expect(phone.callsFor(ada!.email)).toBe(1);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', attempts: 2 });
  });

  it('keeps a person whose reconcile outlasts the lease, so that no other instance starts on them', async () => {
    const sync = start({ renewEveryMs: 5 });
    // seedPeople's first person, held before the worker can reach them.
    const held = phone.hold('person1@example.com');
    const [ada] = await licensedPeople(deps, 1);
    await held.reached;
    for (let i = 0; i < 4; i++) {
      deps.clock.advance(LEASE_MS / 2);
      await until(async () => ((await rowOf(ada!.directoryUserId))?.claimedUntil ?? 0) > deps.clock.now());
      expect(await claimSync(database.db, deps.clock.now(), LEASE_MS)).toBeUndefined();
    }
    held.release();
    await sync.idle();
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'in_sync', claimedUntil: null });
    expect(phone.callsFor(ada!.email)).toBe(1);
  });

  it('lets markings wait while no phone system is configured, and works through them once one is', async () => {
    const people = seedPeople(deps.profiles, 3);
    unwrap(await assignLicenses(deps, ADMIN, { users: people.map((p) => slackRef(p.slackUserId)) }));
    const waiting = await database.db.select().from(phoneSync);
    expect(waiting.map((row) => row.state)).toEqual(['pending', 'pending', 'pending']);
    const sync = start({ concurrency: 2 });
    await sync.idle();
    const done = await database.db.select().from(phoneSync);
    expect(done.map((row) => row.state)).toEqual(['in_sync', 'in_sync', 'in_sync']);
    expect(phone.users.size).toBe(3);
  });
});
