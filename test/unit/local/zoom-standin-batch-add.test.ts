import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: batch add', () => {
  let h: ZoomHarness;

  beforeEach(async () => {
    h = await startZoomHarness({ creationDelayMs: 60_000 });
    h.zoom.seedUsers([
      { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
      {
        email: 'alan@example.com',
        firstName: 'Alan',
        lastName: 'Turing',
        zoomPhone: { extensionNumber: '1500' },
      },
    ]);
    h.zoom.seedPlans([{ type: 200, subscribed: 2 }]);
    h.zoom.seedNumbers(['+14155550100', '+14155550101']);
  });
  afterEach(() => h.stop());

  const add = (users: unknown[]) => h.call('POST', '/phone/users/batch', { users });

  it('creates phone users at once with extension, plans by name, numbers, status and caller ID', async () => {
    const created = await add([
      {
        email: 'ada@example.com',
        extension_number: '1001',
        calling_plans: ['US/CA Unlimited'],
        phone_numbers: ['+14155550100'],
        outbound_caller_id: '+14155550100',
      },
      {
        email: 'grace@example.com',
        extension_number: '1002',
        calling_plans: ['United States/Canada Unlimited Calling Plan'],
        activation_status: 'deactivate',
      },
    ]);

    expect(created.status).toBe(201);
    expect(created.body).toEqual([
      { email: 'ada@example.com', id: expect.any(String) },
      { email: 'grace@example.com', id: expect.any(String) },
    ]);
    const [, ada, grace] = h.zoom.snapshot().phoneUsers;
    expect(ada).toMatchObject({
      extensionNumber: '1001',
      plans: [200],
      numbers: ['+14155550100'],
      status: 'activate',
      settings: { outboundCallerId: '+14155550100' },
    });
    expect(grace).toMatchObject({ extensionNumber: '1002', plans: [200], status: 'deactivate' });
    expect(h.zoom.snapshot().plans[0]).toMatchObject({ available: 0 });
    expect(h.zoom.violations()).toEqual([]);
  });

  it('changes nothing when one row is refused: a taken extension', async () => {
    const refused = await add([
      { email: 'ada@example.com', extension_number: '1001', calling_plans: ['US/CA Unlimited'] },
      { email: 'grace@example.com', extension_number: '1500', calling_plans: ['US/CA Unlimited'] },
    ]);

    expect(refused).toMatchObject({
      status: 409,
      body: { code: 409, message: 'Extension number 1500 is taken.' },
    });
    expect(h.zoom.snapshot().phoneUsers.map((p) => p.email)).toEqual(['alan@example.com']);
    expect(h.zoom.snapshot().plans[0]).toMatchObject({ assigned: 0 });
  });

  it('refuses more plans than the inventory holds across the rows, and an unknown plan name', async () => {
    await add([{ email: 'ada@example.com', extension_number: '1001', calling_plans: ['US/CA Unlimited'] }]);

    const exhausted = await add([
      { email: 'grace@example.com', extension_number: '1002', calling_plans: ['US/CA Unlimited'] },
      { email: 'alan@example.com', extension_number: '1003', calling_plans: ['US/CA Unlimited'] },
    ]);
    const unknown = await add([
      { email: 'grace@example.com', extension_number: '1002', calling_plans: ['Gold'] },
    ]);

    expect(exhausted).toMatchObject({ status: 400, body: { code: 300 } });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 300, message: 'Calling plan does not exist: Gold.' },
    });
  });

  it('refuses a row without the required extension, and 11 rows, as the documents do', async () => {
    const missing = await add([{ email: 'ada@example.com', calling_plans: ['US/CA Unlimited'] }]);
    const eleven = await add(
      Array.from({ length: 11 }, (_, i) => ({
        email: `p${i}@example.com`,
        extension_number: `${2000 + i}`,
        calling_plans: ['US/CA Unlimited'],
      })),
    );

    expect(missing).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'users.0.extension_number' }] },
    });
    expect(eleven).toMatchObject({ status: 400, body: { code: 300, errors: [{ field: 'users' }] } });
    expect(h.zoom.violations().map((v) => v.kind)).toEqual(['request', 'request']);
  });
});
