import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/domain/result.ts';
import { addNumbers, addSite, removeInventoryNumber, setPlanCount } from '../../../src/services/account.ts';
import { assignLicenses } from '../../../src/services/licenses.ts';
import {
  addNumber,
  addPlan,
  type PlanRemoval,
  removeNumber,
  removePlan,
} from '../../../src/services/phone-user-changes.ts';
import { numbersOverview, plansOverview } from '../../../src/services/queries.ts';
import { findNumbers } from '../../../src/store/numbers.ts';
import { useTestDatabase } from '../../support/database.ts';
import {
  auditRows,
  licensedPeople,
  outbox,
  refOf,
  refusal,
  snapshotWithoutAudit,
  unwrap,
} from '../../support/fixtures.ts';
import { ADMIN, emailRef, makeDeps, prepareAccount, seedPeople, slackRef } from '../../support/services.ts';

const database = useTestDatabase();

let deps: ReturnType<typeof makeDeps>;
beforeEach(async () => {
  deps = makeDeps(database.db);
  await prepareAccount(database.db, { planInventory: 5 });
});

const person = (n: number) => ({
  name: `Person ${n}`,
  email: `person${n}@example.com`,
  slackUserId: `UP${String(n).padStart(4, '0')}`,
});

async function inventory() {
  return unwrap(await numbersOverview(deps, ADMIN, { free: false })).rows.map((row) => ({
    number: row.number,
    site: row.site,
    holder: row.holder,
  }));
}

describe('adding a calling plan', () => {
  it('adds a plan named by any of its names and audits it', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const changed = unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'global select calling plan'));
    expect(changed.before.plans).toEqual([]);
    expect(changed.after.plans).toEqual([{ code: 1000, shortName: 'Global Select' }]);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'plan.added');
    expect(audit.map((row) => [row.before, row.after])).toEqual([
      [expect.objectContaining({ plans: [] }), expect.objectContaining({ plans: ['Global Select'] })],
    ]);
  });

  it('refuses a plan the user already holds', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    const result = await addPlan(deps, ADMIN, refOf(ada!), '3000');
    expect(refusal(result)).toEqual({ code: 'PLAN_ALREADY_HELD', user: person(1), plan: 'Pro' });
  });

  it('refuses an unknown plan and lists the known ones', async () => {
    const [ada] = await licensedPeople(deps, 1);
    const error = refusal(await addPlan(deps, ADMIN, refOf(ada!), 'Platinum'));
    expect(error).toMatchObject({ code: 'PLAN_NOT_FOUND', input: 'Platinum' });
    expect(error.code === 'PLAN_NOT_FOUND' && error.known).toEqual(
      expect.arrayContaining(['US/CA Unlimited', 'Global Select', 'Pro']),
    );
  });

  it('refuses a plan whose whole inventory is in use, saying used, owned and asked', async () => {
    unwrap(await setPlanCount(deps, ADMIN, 'Pro', '1'));
    const [ada, bob] = await licensedPeople(deps, 2);
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'Pro'));
    const result = await addPlan(deps, ADMIN, refOf(bob!), 'Pro');
    expect(refusal(result)).toEqual({
      code: 'PLAN_NONE_LEFT',
      plan: 'Pro',
      used: 1,
      inventory: 1,
      requested: 1,
    });
  });
});

describe('assigning a plan with the license', () => {
  it('counts a person named twice, by mention and by email, once against the plan inventory', async () => {
    unwrap(await setPlanCount(deps, ADMIN, 'Pro', '1'));
    const [ada] = seedPeople(deps.profiles, 1);
    const result = await assignLicenses(deps, ADMIN, {
      users: [slackRef(ada!.slackUserId), emailRef('person1@example.com')],
      plan: 'Pro',
    });
    expect(unwrap(result).assigned.map((card) => [card.email, card.plans])).toEqual([
      ['person1@example.com', [{ code: 3000, shortName: 'Pro' }]],
    ]);
  });
});

/** The plan removal done: fails the test when it asked for confirmation instead. */
function removed(result: Result<PlanRemoval>) {
  const value = unwrap(result);
  if (value.kind !== 'removed') throw new Error(`asked to confirm ${value.releasedNumbers.join(', ')}`);
  return value;
}

describe('removing calling plans', () => {
  it('removes one named plan and keeps the numbers while another plan remains', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'US/CA Unlimited' });
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'International Calling Add-On'));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    const changed = removed(await removePlan(deps, ADMIN, refOf(ada!), 'international calling add-on'));
    expect(changed.removedPlans).toEqual(['International Calling Add-On']);
    expect(changed.releasedNumbers).toEqual([]);
    expect(changed.after.plans).toEqual([{ code: 200, shortName: 'US/CA Unlimited' }]);
    expect(changed.after.numbers).toEqual(['+14155550100']);
  });

  it('removes every plan when none is named, once the numbers it releases are confirmed, and reports them', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'US/CA Unlimited' });
    unwrap(await addPlan(deps, ADMIN, refOf(ada!), 'Pro'));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    const before = await snapshotWithoutAudit(database.db);
    expect(unwrap(await removePlan(deps, ADMIN, refOf(ada!), undefined))).toMatchObject({
      kind: 'confirm',
      removedPlans: ['US/CA Unlimited', 'Pro'],
      releasedNumbers: ['+14155550100', '+14155550101'],
      changed: false,
    });
    expect(unwrap(await removePlan(deps, ADMIN, refOf(ada!), undefined, ['+14155550100']))).toMatchObject({
      kind: 'confirm',
      changed: true,
    });
    expect(await snapshotWithoutAudit(database.db)).toEqual(before);
    const changed = removed(
      await removePlan(deps, ADMIN, refOf(ada!), undefined, ['+14155550101', '+14155550100']),
    );
    expect(changed.removedPlans).toEqual(['US/CA Unlimited', 'Pro']);
    expect(changed.releasedNumbers).toEqual(['+14155550100', '+14155550101']);
    expect(changed.after).toMatchObject({ plans: [], numbers: [] });
    expect((await inventory()).map((row) => row.holder)).toEqual([null, null]);
    const kinds = (await outbox(database.db)).map((c) => c.kind);
    expect(kinds.filter((k) => k === 'phone_user.plan_removed')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'phone_user.number_released')).toHaveLength(2);
    const usage = unwrap(await plansOverview(deps, ADMIN));
    expect(usage.filter((plan) => plan.used > 0)).toEqual([]);
  });

  it('releases the numbers when the only plan is removed by name', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    const changed = removed(await removePlan(deps, ADMIN, refOf(ada!), 'pro', ['+14155550100']));
    expect(changed.releasedNumbers).toEqual(['+14155550100']);
  });

  it('refuses a plan the user does not hold, an unknown plan, and a user without plans', async () => {
    const [ada, bob] = await licensedPeople(deps, 2, { plan: 'Pro' });
    expect(refusal(await removePlan(deps, ADMIN, refOf(ada!), 'Global Select'))).toEqual({
      code: 'PLAN_NOT_HELD',
      user: person(1),
      plan: 'Global Select',
    });
    expect(refusal(await removePlan(deps, ADMIN, refOf(ada!), 'Platinum'))).toMatchObject({
      code: 'PLAN_NOT_FOUND',
      input: 'Platinum',
    });
    unwrap(await removePlan(deps, ADMIN, refOf(bob!), undefined));
    expect(refusal(await removePlan(deps, ADMIN, refOf(bob!), undefined))).toEqual({
      code: 'NO_PLANS_HELD',
      user: person(2),
    });
  });
});

describe('giving a user a direct number', () => {
  it('refuses a user without a calling plan', async () => {
    const [ada] = await licensedPeople(deps, 1);
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), undefined))).toEqual({
      code: 'NUMBER_NEEDS_PLAN',
      user: person(1),
    });
  });

  it("gives the next free number of the user's site first, then numbers tied to no site", async () => {
    unwrap(await addSite(deps, ADMIN, { name: 'Boston' }));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550101', site: 'Main' }));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550300', to: '+14155550301', site: 'Boston' }));
    const [ada] = await licensedPeople(deps, 1, { site: 'Boston', plan: 'Pro' });
    const given = [];
    for (let i = 0; i < 3; i++)
      given.push(unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined)).number);
    expect(given).toEqual(['+14155550300', '+14155550301', '+14155550100']);
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), undefined))).toEqual({
      code: 'NO_FREE_NUMBER',
      site: 'Boston',
    });
  });

  it('gives the number named in any format and audits it', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550102' }));
    const changed = unwrap(await addNumber(deps, ADMIN, refOf(ada!), '+1 (415) 555-0102'));
    expect(changed.number).toBe('+14155550102');
    expect(changed.after.numbers).toEqual(['+14155550102']);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'number.assigned');
    expect(audit[0]?.after).toMatchObject({ numbers: ['+14155550102'] });
  });

  it('refuses an eleventh number', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550110' }));
    for (let i = 0; i < 10; i++) unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), '+14155550110'))).toEqual({
      code: 'NUMBER_LIMIT',
      user: person(1),
      max: 10,
    });
  });

  it('refuses a number someone else holds and names the holder', async () => {
    const [ada, bob] = await licensedPeople(deps, 2, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), '+14155550100'));
    expect(refusal(await addNumber(deps, ADMIN, refOf(bob!), '+14155550100'))).toEqual({
      code: 'NUMBER_TAKEN',
      number: '+14155550100',
      holder: person(1),
    });
  });

  it('refuses a number that is not in the inventory, and one that is not a phone number', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), '+1 415 555 0199'))).toEqual({
      code: 'NUMBER_NOT_IN_INVENTORY',
      number: '+14155550199',
    });
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), '415-555-0199'))).toEqual({
      code: 'NUMBER_NOT_IN_INVENTORY',
      number: '+14155550199',
    });
    expect(refusal(await addNumber(deps, ADMIN, refOf(ada!), '015-555-0199'))).toEqual({
      code: 'NUMBER_INVALID',
      input: '015-555-0199',
      reason: 'not_national',
      country: 'US',
    });
  });
});

describe('releasing a direct number', () => {
  it('releases the number named and keeps the others', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    const changed = unwrap(await removeNumber(deps, ADMIN, refOf(ada!), '+1 415 555 0100'));
    expect(changed.releasedNumbers).toEqual(['+14155550100']);
    expect(changed.after.numbers).toEqual(['+14155550101']);
    expect(changed.after.plans).toEqual([{ code: 3000, shortName: 'Pro' }]);
  });

  it('releases every number when none is named', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    const changed = unwrap(await removeNumber(deps, ADMIN, refOf(ada!), undefined));
    expect(changed.releasedNumbers).toEqual(['+14155550100', '+14155550101']);
    expect(changed.after.numbers).toEqual([]);
  });

  it('refuses a number the user does not hold, and a user without numbers', async () => {
    const [ada, bob] = await licensedPeople(deps, 2, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    expect(refusal(await removeNumber(deps, ADMIN, refOf(ada!), '+14155550199'))).toEqual({
      code: 'NUMBER_NOT_HELD',
      user: person(1),
      number: '+14155550199',
    });
    expect(refusal(await removeNumber(deps, ADMIN, refOf(bob!), '+14155550100'))).toEqual({
      code: 'NO_NUMBERS_HELD',
      user: person(2),
    });
  });
});

describe('the number inventory', () => {
  it('adds one number, typed in any format, tied to no site', async () => {
    const added = unwrap(await addNumbers(deps, ADMIN, { from: '+1 (415) 555-0100' }));
    expect(added).toEqual({ added: ['+14155550100'], site: null });
    expect(await inventory()).toEqual([{ number: '+14155550100', site: null, holder: null }]);
  });

  it('adds a range to a site, every number from the first to the last', async () => {
    const added = unwrap(
      await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550104', site: 'main' }),
    );
    expect(added).toEqual({
      added: ['+14155550100', '+14155550101', '+14155550102', '+14155550103', '+14155550104'],
      site: 'Main',
    });
    expect((await inventory()).map((row) => row.site)).toEqual(['Main', 'Main', 'Main', 'Main', 'Main']);
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'numbers.added');
    expect(audit[0]?.after).toEqual({ numbers: added.added, site: 'Main' });
  });

  it('refuses a range of 1001 numbers and adds none', async () => {
    const result = await addNumbers(deps, ADMIN, { from: '+14155550000', to: '+14155551000' });
    expect(refusal(result)).toEqual({ code: 'NUMBER_RANGE_TOO_LARGE', count: 1001, max: 1000 });
    expect(await inventory()).toEqual([]);
  });

  it('refuses a range when any of it is already in the inventory, lists those, and adds none', async () => {
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550103' }));
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550105' }));
    const result = await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550109' });
    expect(refusal(result)).toEqual({
      code: 'NUMBER_ALREADY_IN_INVENTORY',
      numbers: ['+14155550103', '+14155550105'],
    });
    expect((await inventory()).map((row) => row.number)).toEqual(['+14155550103', '+14155550105']);
  });

  it('refuses a range that runs backwards, an invalid number and an unknown site', async () => {
    expect(refusal(await addNumbers(deps, ADMIN, { from: '+14155550109', to: '+14155550100' }))).toEqual({
      code: 'NUMBER_RANGE_INVALID',
      from: '+14155550109',
      to: '+14155550100',
      reason: 'order',
    });
    expect(refusal(await addNumbers(deps, ADMIN, { from: '0155550100' }))).toMatchObject({
      code: 'NUMBER_INVALID',
      reason: 'not_national',
    });
    expect(refusal(await addNumbers(deps, ADMIN, { from: '+14155550100', site: 'Atlantis' }))).toEqual({
      code: 'SITE_NOT_FOUND',
      input: 'Atlantis',
      known: ['Main'],
    });
    expect(await inventory()).toEqual([]);
  });

  it('removes a free number from the inventory', async () => {
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100', to: '+14155550101' }));
    expect(unwrap(await removeInventoryNumber(deps, ADMIN, '+1 415 555 0100'))).toEqual({
      number: '+14155550100',
    });
    expect((await inventory()).map((row) => row.number)).toEqual(['+14155550101']);
  });

  it('refuses to remove a number in use, naming its holder, and one not in the inventory', async () => {
    const [ada] = await licensedPeople(deps, 1, { plan: 'Pro' });
    unwrap(await addNumbers(deps, ADMIN, { from: '+14155550100' }));
    unwrap(await addNumber(deps, ADMIN, refOf(ada!), undefined));
    expect(refusal(await removeInventoryNumber(deps, ADMIN, '+14155550100'))).toEqual({
      code: 'NUMBER_IN_USE',
      number: '+14155550100',
      holder: person(1),
    });
    expect(refusal(await removeInventoryNumber(deps, ADMIN, '+14155550199'))).toEqual({
      code: 'NUMBER_NOT_IN_INVENTORY',
      number: '+14155550199',
    });
    const [row] = await findNumbers(database.db, ['+14155550100']);
    expect(row?.phoneUserId).toBe(ada!.phoneUserId);
  });
});

describe('setting how many of a plan the account owns', () => {
  it('sets the count and audits the old and new one', async () => {
    const set = unwrap(await setPlanCount(deps, ADMIN, 'global select', '40'));
    expect(set).toEqual({ plan: 'Global Select', inventory: 40, used: 0 });
    const audit = (await auditRows(database.db)).filter((row) => row.action === 'plan.inventory_set');
    expect(audit.map((row) => [row.targetLabel, row.before, row.after])).toEqual([
      ['Global Select', { inventory: 5 }, { inventory: 40 }],
    ]);
  });

  it('refuses a count below the number in use, and a count that is not a number', async () => {
    await licensedPeople(deps, 2, { plan: 'Pro' });
    expect(refusal(await setPlanCount(deps, ADMIN, 'Pro', '1'))).toEqual({
      code: 'PLAN_COUNT_BELOW_USED',
      plan: 'Pro',
      requested: 1,
      used: 2,
    });
    expect(refusal(await setPlanCount(deps, ADMIN, 'Pro', '-1'))).toEqual({
      code: 'PLAN_COUNT_INVALID',
      input: '-1',
    });
    expect(unwrap(await setPlanCount(deps, ADMIN, 'Pro', '2'))).toEqual({
      plan: 'Pro',
      inventory: 2,
      used: 2,
    });
  });
});
