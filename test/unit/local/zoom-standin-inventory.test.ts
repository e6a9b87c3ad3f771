import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: calling plans and phone numbers', () => {
  let h: ZoomHarness;
  let ada: string;
  let grace: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = '', grace = ''] = h.zoom
      .seedUsers([
        { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true },
        {
          email: 'grace@example.com',
          firstName: 'Grace',
          lastName: 'Hopper',
          zoomPhone: { extensionNumber: '2001' },
        },
      ])
      .map((u) => u.id);
    h.zoom.seedPlans([
      { type: 200, subscribed: 1 },
      { type: 3000, subscribed: 5 },
    ]);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  const assignPlan = (user: string, type: number) =>
    h.call('POST', `/phone/users/${user}/calling_plans`, { calling_plans: [{ type }] });
  const assignNumber = (user: string, ref: { id: string } | { number: string }) =>
    h.call('POST', `/phone/users/${user}/phone_numbers`, { phone_numbers: [ref] });

  it('lists the plans with their inventory, named as Zoom reads them', async () => {
    const plans = await h.call('GET', '/phone/calling_plans');

    expect(plans.body).toEqual({
      calling_plans: [
        {
          type: 200,
          name: 'United States/Canada Unlimited Calling Plan',
          subscribed: 1,
          assigned: 0,
          available: 1,
        },
        { type: 3000, name: 'Pro Calling Plan', subscribed: 5, assigned: 0, available: 5 },
      ],
    });
  });

  it('assigns a plan while one is available, then refuses the next', async () => {
    const first = await assignPlan(ada, 200);
    const second = await assignPlan(grace, 200);

    expect(first.status).toBe(200);
    expect(second).toMatchObject({
      status: 400,
      body: { code: 300, message: 'No calling plan 200 is available in the account.' },
    });
    expect(h.zoom.snapshot().plans[0]).toMatchObject({ assigned: 1, available: 0 });
    expect(h.zoom.snapshot().phoneUsers.map((p) => p.plans)).toEqual([[200], []]);
  });

  it('refuses a plan the account does not have, or one the user already has', async () => {
    await assignPlan(ada, 3000);

    expect(await assignPlan(ada, 100)).toMatchObject({ status: 400, body: { code: 300 } });
    expect(await assignPlan(ada, 3000)).toMatchObject({
      status: 400,
      body: { message: 'Calling plan 3000 is already assigned to the user.' },
    });
  });

  it('unassigns a plan and gives it back to the inventory', async () => {
    await assignPlan(ada, 200);

    const removed = await h.call('DELETE', `/phone/users/${ada}/calling_plans/200`);
    const again = await h.call('DELETE', `/phone/users/${ada}/calling_plans/200`);

    expect(removed.status).toBe(204);
    expect(again).toMatchObject({ status: 400, body: { code: 300 } });
    expect(h.zoom.snapshot().plans[0]).toMatchObject({ assigned: 0, available: 1 });
  });

  it('assigns a number by number or by id, and lists it as assigned', async () => {
    const [a, b] = h.zoom.seedNumbers(['+14155550100', '+14155550101']);

    const byNumber = await assignNumber(ada, { number: '+14155550100' });
    const byId = await assignNumber(grace, { id: b?.id ?? '' });

    expect(byNumber.body).toEqual({ phone_numbers: [{ id: a?.id, number: '+14155550100' }] });
    expect(byId.status).toBe(200);
    const assigned = await h.call('GET', '/phone/numbers?type=assigned');
    expect(assigned.body).toMatchObject({
      total_records: 2,
      phone_numbers: [
        { number: '+14155550100', assignee: { id: ada, extension_number: 1000, type: 'user' } },
        { number: '+14155550101', assignee: { id: grace, extension_number: 2001 } },
      ],
    });
    expect((await h.call('GET', '/phone/numbers?type=unassigned')).body).toMatchObject({ total_records: 0 });
  });

  it('refuses a number held by someone else, an unknown one, and one of another site', async () => {
    const ny = h.zoom.seedSite({ name: 'New York' });
    h.zoom.seedNumbers(['+14155550100', { number: '+12125550100', siteId: ny.id }]);
    await assignNumber(ada, { number: '+14155550100' });

    expect(await assignNumber(grace, { number: '+14155550100' })).toMatchObject({
      status: 409,
      body: { code: 409, message: 'Phone number +14155550100 is already assigned.' },
    });
    expect(await assignNumber(grace, { number: '+19995550000' })).toMatchObject({
      status: 400,
      body: { code: 300, message: 'Phone number does not exist: +19995550000.' },
    });
    expect(await assignNumber(grace, { number: '+12125550100' })).toMatchObject({
      status: 400,
      body: { code: 300 },
    });
    expect(h.zoom.snapshot().phoneUsers[1]?.numbers).toEqual([]);
  });

  it('unassigns a number by id or by number, and refuses one the user does not hold', async () => {
    const [a] = h.zoom.seedNumbers(['+14155550100', '+14155550101']);
    await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }, { number: '+14155550101' }],
    });

    expect((await h.call('DELETE', `/phone/users/${ada}/phone_numbers/${a?.id}`)).status).toBe(204);
    expect((await h.call('DELETE', `/phone/users/${ada}/phone_numbers/%2B14155550101`)).status).toBe(204);
    expect(await h.call('DELETE', `/phone/users/${grace}/phone_numbers/${a?.id}`)).toMatchObject({
      status: 400,
      body: { code: 300 },
    });
    expect(h.zoom.snapshot().numbers.map((n) => n.assignee)).toEqual([null, null]);
  });
});
