import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { processLeases } from '../../../db/leases.ts';
import { driftChecks } from '../../../db/schema/index.ts';
import type { PhoneAccount } from '../../../src/domain/phone-account.ts';
import { checkDrift, switchboardAccount } from '../../../src/services/drift.ts';
import { scheduleDriftChecks } from '../../../src/services/drift-schedule.ts';
import type { AccountRead, PhoneSystem } from '../../../src/services/phone-system.ts';
import { startDriftCheck } from '../../../src/store/drift.ts';
import { recordInSync } from '../../../src/store/phone-sync.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople } from '../../support/fixtures.ts';
import { FixedClock, makeDeps, prepareAccount } from '../../support/services.ts';

const database = useTestDatabase();
const quiet = { info: () => {}, warn: () => {} };

beforeEach(async () => {
  await prepareAccount(database.db, { licenses: 50, planInventory: 10 });
});

/** A phone system whose reads answer `account()` once `release` is called, counting them. */
function heldPhoneSystem(account: () => Promise<AccountRead>) {
  let reads = 0;
  let release: () => void = () => {};
  let held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const system: PhoneSystem = {
    name: 'Test Phone',
    reconcile: async () => ({ state: 'in_sync' }),
    connection: async () => ({ ok: true, account: 'test', detail: 'ok' }),
    readAccount: async () => {
      reads += 1;
      await held;
      return account();
    },
  };
  return {
    system,
    reads: () => reads,
    release: () => release(),
    hold: () => {
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
}

const checks = () => database.db.select().from(driftChecks).orderBy(asc(driftChecks.id));

async function until(probe: () => Promise<boolean>) {
  const deadline = Date.now() + 20_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('scheduled drift checks', () => {
  it('run on one instance at a time, once per period, whichever instance finds one due', async () => {
    const clock = new FixedClock();
    const leases = processLeases();
    const phone = heldPhoneSystem(async () => ({
      ok: true,
      account: await switchboardAccount(database.db),
    }));
    const instances = [1, 2].map(() =>
      scheduleDriftChecks(makeDeps(database.db, { clock, leases, phoneSystem: phone.system }), 60, quiet, {
        lookEveryMs: 5,
      }),
    );
    try {
      // Both look; one reads (held), the other finds the lease taken or the check already started.
      await until(async () => phone.reads() === 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(phone.reads()).toBe(1);
      phone.release();
      await until(async () => (await checks()).every((check) => check.state === 'done'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await checks()).toHaveLength(1);

      clock.advance(59 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await checks()).toHaveLength(1);

      clock.advance(2 * 60_000);
      await until(async () => (await checks()).length === 2);
      await until(async () => (await checks()).every((check) => check.state === 'done'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await checks()).map((check) => [check.state, check.requestedBy])).toEqual([
        ['done', null],
        ['done', null],
      ]);
      expect(phone.reads()).toBe(2);
    } finally {
      phone.release();
      for (const instance of instances) await instance.stop();
    }
  });

  it('runs nothing with 0 minutes or without a phone system that can be read', async () => {
    const phone = heldPhoneSystem(async () => ({ ok: true, account: await switchboardAccount(database.db) }));
    phone.release();
    const off = scheduleDriftChecks(makeDeps(database.db, { phoneSystem: phone.system }), 0, quiet, {
      lookEveryMs: 5,
    });
    const { readAccount: _unused, ...cannotRead } = phone.system;
    const none = scheduleDriftChecks(makeDeps(database.db, { phoneSystem: cannotRead }), 60, quiet, {
      lookEveryMs: 5,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await off.stop();
    await none.stop();
    expect(phone.reads()).toBe(0);
    expect(await checks()).toEqual([]);
  });
});

describe('a drift check', () => {
  it('records what differs but people still being applied, a refusal or an outage as failed with why, and an interrupted check as failed', async () => {
    const [ada, bob] = await licensedPeople(makeDeps(database.db), 2);
    // Ada's line was applied; Bob's is still being applied, and the phone system does not have it yet.
    if (ada) await recordInSync(database.db, new Date(), [ada]);
    const theirs = async (): Promise<PhoneAccount> => {
      const account = await switchboardAccount(database.db);
      return {
        ...account,
        lines: account.lines
          .filter((line) => line.email !== bob?.email)
          .map((line) => (line.email === ada?.email ? { ...line, extension: '1999' } : line)),
      };
    };
    const phone = heldPhoneSystem(async () => ({ ok: true, account: await theirs() }));
    phone.release();
    const deps = makeDeps(database.db, { phoneSystem: phone.system });
    // A check left running by a process that died.
    await startDriftCheck(database.db, { requestedBy: null, system: 'Test Phone', at: deps.clock.now() });

    const found = await checkDrift(deps, 'UADMIN');
    expect(found.ok && found.value.differences).toEqual([
      {
        kind: 'field',
        email: ada?.email,
        field: 'extension',
        switchboard: ada?.extension,
        phoneSystem: '1999',
      },
    ]);
    expect((await checks()).map((check) => check.state)).toEqual(['failed', 'done']);

    const refusing = makeDeps(database.db, {
      phoneSystem: { ...phone.system, readAccount: async () => ({ ok: false, reason: 'No access.' }) },
    });
    expect(await checkDrift(refusing, null)).toEqual({
      ok: false,
      error: { code: 'DRIFT_READ_FAILED', system: 'Test Phone', reason: 'No access.' },
    });
    const down = makeDeps(database.db, {
      phoneSystem: {
        ...phone.system,
        readAccount: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    const outage = await checkDrift(down, null);
    expect(!outage.ok && outage.error.code).toBe('DRIFT_READ_FAILED');
    expect((await checks()).map((check) => [check.state, check.failure])).toEqual([
      ['failed', 'The check was interrupted before it finished.'],
      ['done', null],
      ['failed', 'No access.'],
      ['failed', 'it could not be reached (connect ECONNREFUSED).'],
    ]);
    expect(await checkDrift(makeDeps(database.db), null)).toEqual({
      ok: false,
      error: { code: 'PHONE_SYSTEM_NONE', what: 'compare' },
    });
  });
});
