import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, changeOutbox, directoryUsers, phoneSync, phoneUsers } from '../../../db/schema/index.ts';
import {
  addNumbers,
  addSite,
  editSite,
  reserveExtension,
  setSiteCodes,
} from '../../../src/services/account.ts';
import { fail, runChange } from '../../../src/services/context.ts';
import { assignLicenses, removeLicenses } from '../../../src/services/licenses.ts';
import { retryFailed, retryOne, syncOverview, syncStateOf } from '../../../src/services/phone-sync.ts';
import { addNumber, addPlan } from '../../../src/services/phone-user-changes.ts';
import { setUserAddress } from '../../../src/services/settings/address.ts';
import { addBlocked } from '../../../src/services/settings/blocked.ts';
import { addAssistant } from '../../../src/services/settings/delegation.ts';
import { addDeskPhone } from '../../../src/services/settings/desk-phones.ts';
import { desiredLine } from '../../../src/store/desired-lines.ts';
import { claimSync, finishSync } from '../../../src/store/phone-sync.ts';
import { useTestDatabase } from '../../support/database.ts';
import { licensedPeople, refOf, unwrap } from '../../support/fixtures.ts';
import { sampleAddress } from '../../support/places-and-devices.ts';
import { ADMIN, makeDeps, prepareAccount, STRANGER, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { licenses: 50, planInventory: 10 });
});

const rows = () => database.db.select().from(phoneSync).orderBy(phoneSync.directoryUserId);
const rowOf = async (directoryUserId: number) =>
  (await database.db.select().from(phoneSync).where(eq(phoneSync.directoryUserId, directoryUserId)))[0];

/** A worker that claimed the person and recorded a refusal, as the sync worker does. */
async function failSync(directoryUserId: number) {
  const claim = await claimSync(database.db, deps.clock.now(), 60_000);
  expect(claim?.directoryUserId).toBe(directoryUserId);
  if (!claim) return;
  const at = deps.clock.now();
  await finishSync(database.db, claim, {
    state: 'failed',
    at,
    code: '300',
    message: 'No',
    reason: 'Refused',
  });
}

describe('marking people for sync', () => {
  it('marks every person a license was given to, pending from the moment of the change', async () => {
    const [ada, bob] = await licensedPeople(deps, 2);
    const marked = await rows();
    expect(marked).toEqual([
      expect.objectContaining({
        directoryUserId: ada!.directoryUserId,
        email: ada!.email,
        state: 'pending',
        generation: 1,
        runAfter: deps.clock.now(),
        markedAt: deps.clock.now(),
        claimedUntil: null,
        attempts: 0,
      }),
      expect.objectContaining({ directoryUserId: bob!.directoryUserId, email: bob!.email, state: 'pending' }),
    ]);
  });

  it('bumps the generation with each change and clears a failure', async () => {
    const [ada] = await licensedPeople(deps, 1);
    await failSync(ada!.directoryUserId);
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'failed', failureCode: '300' });
    deps.clock.advance(60_000);
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'US/CA Unlimited'));
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({
      state: 'pending',
      generation: 2,
      runAfter: deps.clock.now(),
      reason: null,
      failureCode: null,
      failureMessage: null,
      attempts: 0,
    });
  });

  it('marks both the owner and the assistant of a delegation', async () => {
    const [ada, bob, carol] = await licensedPeople(deps, 3);
    await database.db.delete(phoneSync);
    unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(bob!)));
    expect((await rows()).map((row) => row.directoryUserId)).toEqual(
      [ada!.directoryUserId, bob!.directoryUserId].sort((a, b) => a - b),
    );
    expect(await rowOf(carol!.directoryUserId)).toBeUndefined();
  });

  it('marks a person whose license was removed, so that their line is taken away', async () => {
    const [ada] = await licensedPeople(deps, 1);
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada!)]));
    expect(await rowOf(ada!.directoryUserId)).toMatchObject({ state: 'pending', generation: 2 });
  });

  it('marks nobody for changes to the account that name no person', async () => {
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await reserveExtension(deps, ADMIN, '1500'));
    expect((await database.db.select().from(changeOutbox)).length).toBeGreaterThan(0);
    expect(await rows()).toEqual([]);
  });

  it('marks every member of a site whose code changed, and everyone when site codes are turned on', async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'Boston', code: '2' }));
    const [ada] = await licensedPeople(deps, 1);
    const [bob] = await licensedPeople(deps, 1, { site: 'Boston', prefix: 'UB' });
    await database.db.delete(phoneSync);
    unwrap(await editSite(deps, ADMIN, { name: 'main', code: '1' }));
    expect((await rows()).map((row) => row.directoryUserId)).toEqual([ada!.directoryUserId]);
    unwrap(await setSiteCodes(deps, ADMIN, true));
    expect((await rows()).map((row) => [row.directoryUserId, row.generation])).toEqual([
      [ada!.directoryUserId, 2],
      [bob!.directoryUserId, 1],
    ]);
  });

  it('marks nothing when the change is rolled back, even after its records were flushed', async () => {
    const [ada] = await licensedPeople(deps, 1);
    await database.db.delete(phoneSync);
    const outboxBefore = (await database.db.select().from(changeOutbox)).length;
    const result = await runChange(deps, ADMIN, 'status', async (tx, rec) => {
      const user = { directoryUserId: ada!.directoryUserId, email: ada!.email };
      rec.emit({ kind: 'phone_user.status_changed', user, status: 'inactive' });
      // An import flushes as it goes: the marking is written, then the request is refused and rolled back.
      await rec.flush(tx);
      fail({ code: 'NOT_ADMIN', action: 'status' });
    });
    expect(result.ok).toBe(false);
    expect(await rows()).toEqual([]);
    expect(await database.db.select().from(changeOutbox)).toHaveLength(outboxBefore);
  });

  it('marks nothing for a request refused before it changed anything', async () => {
    const result = await assignLicenses(deps, STRANGER, { users: [slackRef('UNOBODY01')] });
    expect(result.ok).toBe(false);
    expect(await rows()).toEqual([]);
  });
});

describe('the line the phone system should hold', () => {
  it('gathers the license, plans, numbers, settings, address, desk phones, assistants and blocked numbers', async () => {
    const [ada, bob] = await licensedPeople(deps, 2);
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'US/CA Unlimited'));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), '+14155550100'));
    unwrap(await addDeskPhone(deps, ADMIN, refOf(ada!), '00:1A:2B:3C:4D:5E', 'Poly VVX 450'));
    unwrap(await addAssistant(deps, ADMIN, refOf(ada!), refOf(bob!)));
    unwrap(await addBlocked(deps, ADMIN, refOf(ada!), '+1900'));
    unwrap(await setUserAddress(deps, ADMIN, refOf(ada!), sampleAddress));

    const desired = await desiredLine(database.db, ada!.directoryUserId, 'kept@example.com');
    expect(desired).toMatchObject({ email: ada!.email, firstName: ada!.firstName, lastName: ada!.lastName });
    expect(desired.line).toMatchObject({
      status: 'active',
      site: { name: 'Main', code: null },
      extension: ada!.extension,
      shortExtension: ada!.shortExtension,
      numbers: ['+14155550100'],
      emergencyAddress: { ...sampleAddress, line2: null },
      deskPhones: [{ mac: '001A2B3C4D5E', model: 'Poly VVX 450' }],
      assistants: [bob!.email],
      blocked: [{ kind: 'prefix', value: '+1900' }],
    });
    expect(desired.line?.plans).toHaveLength(1);
    expect(desired.line?.settings).toMatchObject({ ringMode: 'simultaneous', language: 'en-US' });
    expect(desired.line?.settings.voicemailPin).toMatch(/^[0-9]{1,6}$/);
    expect(desired.line?.settings.businessHours).toEqual({ kind: 'always' });

    const plain = await desiredLine(database.db, bob!.directoryUserId, bob!.email);
    expect(plain.line).toMatchObject({ plans: [], numbers: [], deskPhones: [], assistants: [], blocked: [] });
    expect(plain.line?.emergencyAddress).toBeNull();
  });

  it('has no line for a person without a license, and keeps the email of one deleted from the directory', async () => {
    const [ada] = await licensedPeople(deps, 1);
    unwrap(await removeLicenses(deps, ADMIN, [refOf(ada!)]));
    expect(await desiredLine(database.db, ada!.directoryUserId, 'kept@example.com')).toEqual({
      email: ada!.email,
      firstName: ada!.firstName,
      lastName: ada!.lastName,
      line: null,
    });
    expect(await database.db.select().from(phoneUsers)).toEqual([]);
    await database.db.delete(directoryUsers).where(eq(directoryUsers.id, ada!.directoryUserId));
    expect(await desiredLine(database.db, ada!.directoryUserId, ada!.email)).toEqual({
      email: ada!.email,
      firstName: '',
      lastName: '',
      line: null,
    });
  });
});

describe('retrying and the overview', () => {
  it('puts failed people back to pending, audited, and counts every state', async () => {
    const [ada, bob, carol] = await licensedPeople(deps, 3);
    await failSync(ada!.directoryUserId);
    await failSync(bob!.directoryUserId);
    const claim = await claimSync(database.db, deps.clock.now(), 60_000);
    expect(claim?.directoryUserId).toBe(carol!.directoryUserId);
    await finishSync(database.db, claim!, { state: 'in_sync', at: deps.clock.now() });

    const overview = await syncOverview(deps);
    expect(overview).toMatchObject({ pending: 0, failed: 2, inSync: 1, oldestPending: null });
    expect(overview.failures.map((f) => [f.email, f.code, f.message, f.reason])).toEqual([
      [ada!.email, '300', 'No', 'Refused'],
      [bob!.email, '300', 'No', 'Refused'],
    ]);
    expect(await syncStateOf(deps, carol!.directoryUserId)).toEqual({
      state: 'in_sync',
      syncedAt: deps.clock.now(),
      notApplied: null,
    });
    expect(await syncStateOf(deps, 999_999)).toEqual({ state: 'never' });

    expect((await retryOne(deps, STRANGER, ada!.directoryUserId)).ok).toBe(false);
    expect(unwrap(await retryOne(deps, ADMIN, carol!.directoryUserId))).toEqual({ retried: 0 });
    deps.clock.advance(5_000);
    expect(unwrap(await retryOne(deps, ADMIN, ada!.directoryUserId))).toEqual({ retried: 1 });
    expect(await syncStateOf(deps, ada!.directoryUserId)).toEqual({
      state: 'pending',
      since: deps.clock.now(),
      reason: null,
    });
    expect(unwrap(await retryFailed(deps, ADMIN))).toEqual({ retried: 1 });
    expect(await syncOverview(deps)).toMatchObject({ pending: 2, failed: 0, inSync: 1, failures: [] });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, 'phone_sync.retried'));
    expect(audit.map((row) => [row.actor, row.targetId])).toEqual([
      [ADMIN.slackUserId, String(ada!.directoryUserId)],
      [ADMIN.slackUserId, String(bob!.directoryUserId)],
    ]);
  });
});
