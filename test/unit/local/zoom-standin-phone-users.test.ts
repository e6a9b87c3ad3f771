import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: phone users', () => {
  let h: ZoomHarness;
  let ada: string;
  let grace: string;

  beforeEach(async () => {
    h = await startZoomHarness({ creationDelayMs: 5000 });
    [ada = '', grace = ''] = h.zoom
      .seedUsers([
        { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
        { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper' },
      ])
      .map((u) => u.id);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  const enable = (user: string, on = true) =>
    h.call('PATCH', `/users/${user}`, { feature: { zoom_phone: on } });

  it('creates the phone user only after the creation delay: 404 code 1001 until then', async () => {
    expect((await enable(ada)).status).toBe(204);

    const early = await h.call('GET', '/phone/users/ada@example.com');
    expect(early.status).toBe(404);
    expect(early.body).toEqual({ code: 1001, message: 'User does not exist: ada@example.com.' });
    expect(h.zoom.snapshot().users[0]).toMatchObject({ zoomPhone: true, phoneUserPending: true });

    h.clock.advance(5000);
    const created = await h.call('GET', `/phone/users/${ada}`);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: ada,
      email: 'ada@example.com',
      extension_number: 1000,
      site_id: h.zoom.mainSiteId,
      status: 'activate',
    });
  });

  it('auto-assigns the lowest free extension of the main site', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);
    await enable(grace);

    const list = await h.call('GET', '/phone/users');
    expect(list.status).toBe(200);
    expect((list.body as { users: { email: string; extension_number: number }[] }).users).toEqual([
      expect.objectContaining({ email: 'ada@example.com', extension_number: 1000 }),
      expect.objectContaining({ email: 'grace@example.com', extension_number: 1001 }),
    ]);
  });

  it('keeps extensions unique in the account: a taken one is refused 409', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);
    await enable(grace);

    const taken = await h.call('PATCH', `/phone/users/${grace}`, { extension_number: '1000' });
    const free = await h.call('PATCH', `/phone/users/${grace}`, { extension_number: '4102' });

    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ code: 409, message: 'Extension number 1000 is taken.' });
    expect(free.status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers.map((p) => p.extensionNumber)).toEqual(['1000', '4102']);
  });

  it('refuses an extension that is not 2 to 6 digits, or an emergency number', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);

    const letters = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '12a4' });
    const emergency = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '911' });

    expect(letters).toMatchObject({ status: 400, body: { code: 300 } });
    expect(emergency).toMatchObject({
      status: 400,
      body: { code: 300, message: 'Extension number 911 is reserved.' },
    });
  });

  it('deactivates and activates phone users in a batch', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);
    await enable(grace);

    const off = await h.call('PUT', '/phone/users/batch', {
      batch_type: 'activate',
      activation_status: 'deactivate',
      user_ids: [ada, 'grace@example.com'],
    });
    expect(off.status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers.map((p) => p.status)).toEqual(['deactivate', 'deactivate']);
    const listed = await h.call('GET', '/phone/users?status=deactivate');
    expect((listed.body as { total_records: number }).total_records).toBe(2);

    await h.call('PUT', '/phone/users/batch', {
      batch_type: 'activate',
      activation_status: 'activate',
      user_ids: [grace],
    });
    expect(h.zoom.snapshot().phoneUsers.map((p) => p.status)).toEqual(['deactivate', 'activate']);
  });

  it('refuses a batch naming someone without Zoom Phone, and changes nobody', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);

    const refused = await h.call('PUT', '/phone/users/batch', {
      batch_type: 'activate',
      activation_status: 'deactivate',
      user_ids: [ada, grace],
    });

    expect(refused).toMatchObject({ status: 404, body: { code: 1001 } });
    expect(h.zoom.snapshot().phoneUsers[0]?.status).toBe('activate');
  });

  it('moves a phone user to another site and drops numbers of the old site', async () => {
    h.zoom.setCreationDelay(0);
    h.zoom.seedNumbers(['+14155550100']);
    await enable(ada);
    await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }],
    });
    const created = await h.call('POST', '/phone/sites', {
      name: 'New York',
      auto_receptionist_name: 'New York AR',
      default_emergency_address: {
        address_line1: '1 Broadway',
        city: 'New York',
        country: 'US',
        state_code: 'NY',
        zip: '10004',
      },
    });
    const siteId = (created.body as { id: string }).id;

    const moved = await h.call('PATCH', `/phone/users/${ada}`, { site_id: siteId });

    expect(moved.status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]).toMatchObject({
      siteName: 'New York',
      extensionNumber: '1000',
      numbers: [],
    });
    expect(h.zoom.snapshot().numbers[0]?.assignee).toBeNull();
  });

  it('switching Zoom Phone off removes the phone user and frees their numbers and plans', async () => {
    h.zoom.setCreationDelay(0);
    h.zoom.seedPlans([{ type: 200, subscribed: 1 }]);
    h.zoom.seedNumbers(['+14155550100']);
    await enable(ada);
    await h.call('POST', `/phone/users/${ada}/calling_plans`, { calling_plans: [{ type: 200 }] });
    await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }],
    });

    expect((await enable(ada, false)).status).toBe(204);

    const snap = h.zoom.snapshot();
    expect(snap.phoneUsers).toEqual([]);
    expect(snap.numbers[0]?.assignee).toBeNull();
    expect(snap.plans[0]).toMatchObject({ assigned: 0, available: 1 });
    expect((await h.call('GET', `/phone/users/${ada}`)).status).toBe(404);
  });

  it('pages the phone users with next_page_token and refuses a token reused with other filters', async () => {
    h.zoom.setCreationDelay(0);
    await enable(ada);
    await enable(grace);

    const first = await h.call('GET', '/phone/users?page_size=1');
    const token = (first.body as { next_page_token: string }).next_page_token;
    const second = await h.call('GET', `/phone/users?page_size=1&next_page_token=${token}`);
    const stale = await h.call('GET', `/phone/users?page_size=1&status=activate&next_page_token=${token}`);

    expect(first.body).toMatchObject({ total_records: 2, users: [{ email: 'ada@example.com' }] });
    expect(second.body).toMatchObject({ next_page_token: '', users: [{ email: 'grace@example.com' }] });
    expect(stale).toMatchObject({ status: 400, body: { code: 400 } });
    expect((await h.call('GET', '/phone/users?page_size=0')).body).toMatchObject({
      page_size: 30,
      total_records: 2,
    });
  });

  it('reads the person behind a phone user from the Users API, and 404s an unknown one', async () => {
    const found = await h.call('GET', '/users/ada@example.com');
    const missing = await h.call('GET', '/users/nobody@example.com');

    expect(found.body).toMatchObject({ id: ada, first_name: 'Ada', last_name: 'Lovelace', status: 'active' });
    expect(missing).toMatchObject({
      status: 404,
      body: { code: 1001, message: 'User does not exist: nobody@example.com.' },
    });
  });
});
