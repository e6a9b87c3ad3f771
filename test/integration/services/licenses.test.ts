import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, changeOutbox } from '../../../db/schema/index.ts';
import { addNumbers, reserveExtension } from '../../../src/services/account.ts';
import { assignLicenses, removeLicenses, setLicenseTotal } from '../../../src/services/licenses.ts';
import { addNumber, addPlan } from '../../../src/services/phone-user-changes.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  ADMIN,
  emailRef,
  makeDeps,
  notAdmin,
  prepareAccount,
  STRANGER,
  seedPeople,
  slackRef,
} from '../../support/services.ts';

const database = useTestDatabase();

function setup(options: { licenses?: number; planInventory?: number } = {}) {
  const deps = makeDeps(database.db);
  return { deps, ready: prepareAccount(database.db, options) };
}

describe('assigning licenses', () => {
  let deps: ReturnType<typeof makeDeps>;
  beforeEach(async () => {
    const s = setup({ licenses: 150, planInventory: 150 });
    deps = s.deps;
    await s.ready;
  });

  it('gives 100 people licenses at once, each the next free extension from 1000', async () => {
    const people = seedPeople(deps.profiles, 100);
    const result = await assignLicenses(deps, ADMIN, { users: people.map((p) => slackRef(p.slackUserId)) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.assigned).toHaveLength(100);
    expect(result.value.assigned.map((c) => c.extension)).toEqual(
      Array.from({ length: 100 }, (_, i) => String(1000 + i)),
    );
    const audit = await database.db.select().from(auditLog);
    const assigned = audit.filter((row) => row.action === 'license.assigned');
    expect(assigned).toHaveLength(100);
    expect(new Set(audit.map((row) => row.requestId)).size).toBe(1);
    expect(assigned[0]?.actor).toBe(ADMIN.slackUserId);
    const changes = await database.db.select().from(changeOutbox);
    expect(changes.filter((c) => c.kind === 'phone_user.assigned')).toHaveLength(100);
  });

  it('skips reserved and taken extensions when numbering', async () => {
    const people = seedPeople(deps.profiles, 3);
    const reserved = await reserveExtension(deps, ADMIN, '1001');
    expect(reserved.ok).toBe(true);
    const first = await assignLicenses(deps, ADMIN, { users: [slackRef(people[0]!.slackUserId)] });
    const rest = await assignLicenses(deps, ADMIN, {
      users: people.slice(1).map((p) => slackRef(p.slackUserId)),
    });
    expect(first.ok && first.value.assigned.map((c) => c.extension)).toEqual(['1000']);
    expect(rest.ok && rest.value.assigned.map((c) => c.extension)).toEqual(['1002', '1003']);
  });

  it('refuses 101 people and points to the CSV import', async () => {
    const people = seedPeople(deps.profiles, 101);
    const result = await assignLicenses(deps, ADMIN, { users: people.map((p) => slackRef(p.slackUserId)) });
    expect(result).toEqual({ ok: false, error: { code: 'TOO_MANY_USERS', requested: 101, max: 100 } });
  });

  it('counts a person named again, by the same mention or by their email in another case, once', async () => {
    const people = seedPeople(deps.profiles, 100);
    const mentions = people.slice(0, 99).map((p) => slackRef(p.slackUserId));
    const last = people[99]?.email ?? '';
    const users = [...mentions, ...mentions, emailRef(last), emailRef(last.toUpperCase())];
    const result = await assignLicenses(deps, ADMIN, { users });
    expect(result.ok && result.value.assigned).toHaveLength(100);
  });

  it('refuses thousands of people named at once by counting them, before looking any of them up', async () => {
    const users = Array.from({ length: 5_000 }, (_, index) => emailRef(`Someone${index}@Example.com`));
    const result = await assignLicenses(deps, ADMIN, { users: [...users, ...users] });
    expect(result).toEqual({ ok: false, error: { code: 'TOO_MANY_USERS', requested: 5_000, max: 100 } });
  });

  it('refuses when licenses run out, saying used, total and asked, and changes nothing', async () => {
    await setLicenseTotal(deps, ADMIN, '2');
    const people = seedPeople(deps.profiles, 3);
    const result = await assignLicenses(deps, ADMIN, { users: people.map((p) => slackRef(p.slackUserId)) });
    expect(result).toEqual({
      ok: false,
      error: { code: 'NO_LICENSE_LEFT', used: 0, total: 2, requested: 3 },
    });
    const audit = await database.db.select().from(auditLog);
    expect(audit.filter((row) => row.action === 'license.assigned')).toHaveLength(0);
  });

  it('assigns nobody when one of the people already has a license', async () => {
    const people = seedPeople(deps.profiles, 3);
    await assignLicenses(deps, ADMIN, { users: [slackRef(people[1]!.slackUserId)] });
    const result = await assignLicenses(deps, ADMIN, { users: people.map((p) => slackRef(p.slackUserId)) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ALREADY_PHONE_USER');
  });

  it('assigns a calling plan with the license when asked, by any of its names', async () => {
    const [ada] = seedPeople(deps.profiles, 1);
    const result = await assignLicenses(deps, ADMIN, {
      users: [slackRef(ada!.slackUserId)],
      plan: 'us/ca unlimited',
    });
    expect(result.ok && result.value.assigned[0]?.plans).toEqual([
      { code: 200, shortName: 'US/CA Unlimited' },
    ]);
  });

  it('refuses an unknown site and lists the known ones', async () => {
    const [ada] = seedPeople(deps.profiles, 1);
    const result = await assignLicenses(deps, ADMIN, {
      users: [slackRef(ada!.slackUserId)],
      site: 'Atlantis',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'SITE_NOT_FOUND', input: 'Atlantis', known: ['Main'] },
    });
  });

  it('refuses someone unknown by email', async () => {
    const result = await assignLicenses(deps, ADMIN, { users: [emailRef('nobody@example.com')] });
    expect(result).toEqual({ ok: false, error: { code: 'USER_NOT_FOUND', input: 'nobody@example.com' } });
  });

  it('refuses a non-admin, changes nothing, and audits the attempt', async () => {
    const [ada] = seedPeople(deps.profiles, 1);
    const result = await assignLicenses(deps, STRANGER, { users: [slackRef(ada!.slackUserId)] });
    expect(result).toEqual({ ok: false, error: notAdmin('assign') });
    const audit = await database.db.select().from(auditLog);
    expect(audit.map((row) => [row.actor, row.action, row.targetId])).toEqual([
      [STRANGER.slackUserId, 'denied', 'assign'],
    ]);
  });
});

describe('removing licenses', () => {
  it('returns the extension, numbers and plans to inventory and keeps the history', async () => {
    const deps = makeDeps(database.db);
    await prepareAccount(database.db, { licenses: 5, planInventory: 5 });
    const [ada, bob] = seedPeople(deps.profiles, 2);
    await assignLicenses(deps, ADMIN, { users: [slackRef(ada!.slackUserId)], plan: '200' });
    await addNumbers(deps, ADMIN, { from: '+14155550100' });
    await addNumber(deps, ADMIN, slackRef(ada!.slackUserId), undefined);
    const removed = await removeLicenses(deps, ADMIN, [slackRef(ada!.slackUserId)]);
    expect(removed.ok && removed.value.removed[0]?.releasedNumbers).toEqual(['+14155550100']);
    const again = await assignLicenses(deps, ADMIN, { users: [slackRef(bob!.slackUserId)], plan: '200' });
    expect(again.ok && again.value.assigned[0]?.extension).toBe('1000');
    const plan = await addPlan(deps, ADMIN, slackRef(bob!.slackUserId), 'Global Select');
    expect(plan.ok).toBe(true);
    const number = await addNumber(deps, ADMIN, slackRef(bob!.slackUserId), '+1 415 555 0100');
    expect(number.ok && number.value.number).toBe('+14155550100');
  });
});
