import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: delegation and emergency addresses', () => {
  let h: ZoomHarness;
  let ada: string;
  let grace: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = '', grace = ''] = h.zoom
      .seedUsers([
        { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true },
        { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', zoomPhone: true },
      ])
      .map((u) => u.id);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  const extensionIdOf = (userId: string) =>
    h.zoom.snapshot().phoneUsers.find((p) => p.userId === userId)?.extensionId ?? '';

  it('adds an assistant by extension id, lists them in settings, and removes them', async () => {
    const graceExtension = extensionIdOf(grace);

    const added = await h.call('POST', `/phone/users/${ada}/settings/delegation`, {
      delegation_assistant_extension_id: graceExtension,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      delegation: { assistants: [{ id: grace, extension_id: graceExtension }] },
    });
    expect((await h.call('GET', `/phone/users/${ada}/settings`)).body).toMatchObject({
      delegation: { assistants: [{ id: grace, extension_number: 1001, display_name: 'Grace Hopper' }] },
    });

    const removed = await h.call(
      'DELETE',
      `/phone/users/${ada}/settings/delegation?assistant_extension_id=${graceExtension}`,
    );
    expect(removed.status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]?.settings.delegation.assistants).toEqual([]);
  });

  it('refuses an unknown extension, the user themself, a second add, and removing a non-assistant', async () => {
    const graceExtension = extensionIdOf(grace);
    const post = (id: string) =>
      h.call('POST', `/phone/users/${ada}/settings/delegation`, { delegation_assistant_extension_id: id });

    expect(await post('nope')).toMatchObject({ status: 400, body: { code: 300 } });
    expect(await post(extensionIdOf(ada))).toMatchObject({ status: 400, body: { code: 300 } });
    await post(graceExtension);
    expect(await post(graceExtension)).toMatchObject({ status: 400, body: { code: 300 } });
    const removal = await h.call(
      'DELETE',
      `/phone/users/${grace}/settings/delegation?assistant_extension_id=${graceExtension}`,
    );
    expect(removal).toMatchObject({ status: 400, body: { code: 300 } });
  });

  it('drops an assistant whose Zoom Phone is switched off', async () => {
    await h.call('POST', `/phone/users/${ada}/settings/delegation`, {
      delegation_assistant_extension_id: extensionIdOf(grace),
    });

    await h.call('PATCH', `/users/${grace}`, { feature: { zoom_phone: false } });

    expect(h.zoom.snapshot().phoneUsers[0]?.settings.delegation.assistants).toEqual([]);
  });

  it('adds a personal emergency address, lists it by user, and assigns it', async () => {
    const created = await h.call('POST', '/phone/emergency_addresses', {
      address_line1: '10 Downing Street',
      city: 'London',
      country: 'GB',
      state_code: 'LND',
      zip: 'SW1A 2AA',
      user_id: ada,
    });
    const id = (created.body as { id: string }).id;

    expect(created).toMatchObject({
      status: 201,
      body: { level: 1, owner: { id: ada, extension_number: '1000' } },
    });
    const listed = await h.call('GET', `/phone/emergency_addresses?user_id=${ada}`);
    expect(listed.body).toMatchObject({
      total_records: 1,
      emergency_addresses: [{ id, city: 'London', level: 1 }],
    });
    const site = await h.call('GET', `/phone/emergency_addresses?site_id=${h.zoom.mainSiteId}`);
    expect(site.body).toMatchObject({
      total_records: 1,
      emergency_addresses: [{ is_default: true, level: 0 }],
    });
    expect((await h.call('PATCH', `/phone/users/${ada}`, { emergency_address_id: id })).status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]?.emergencyAddressId).toBe(id);
  });
});
