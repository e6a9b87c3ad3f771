import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: desk phones and inbound block rules', () => {
  let h: ZoomHarness;
  let ada: string;
  let adaExtension: string;
  /** Violations a test provoked on purpose and checked itself. */
  let provoked: number;

  beforeEach(async () => {
    h = await startZoomHarness();
    provoked = 0;
    [ada = ''] = h.zoom
      .seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }])
      .map((u) => u.id);
    adaExtension = h.zoom.snapshot().phoneUsers[0]?.extensionId ?? '';
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toHaveLength(provoked);
    await h.stop();
  });

  const addPhone = (mac: string, extra: Record<string, unknown> = {}) =>
    h.call('POST', '/phone/devices', { display_name: 'Desk', mac_address: mac, type: 'Yealink', ...extra });

  it('adds a desk phone for a person, lists it as assigned and in their settings, and removes it', async () => {
    const added = await addPhone('80:5e:c0:11:22:33', { model: 'T54W', assigned_to: ada });
    const id = (added.body as { id: string }).id;

    expect(added).toMatchObject({ status: 201, body: { display_name: 'Desk' } });
    expect((await h.call('GET', '/phone/devices?type=assigned')).body).toMatchObject({
      total_records: 1,
      devices: [{ id, mac_address: '805EC0112233', assignee: { id: ada, extension_number: 1000 } }],
    });
    expect((await h.call('GET', `/phone/users/${ada}/settings`)).body).toMatchObject({
      desk_phone: { devices: [{ id, mac_address: '805EC0112233' }] },
    });
    expect((await h.call('DELETE', `/phone/devices/${id}`)).status).toBe(204);
    expect((await h.call('GET', '/phone/devices?type=assigned')).body).toMatchObject({ total_records: 0 });
  });

  it('refuses a MAC already known, a fourth phone for one person, and a malformed MAC', async () => {
    await addPhone('805EC0112233', { assigned_to: ada });
    await addPhone('805EC0112234', { assignee_extension_ids: [adaExtension] });
    await addPhone('805EC0112235', { assigned_to: ada });

    expect(await addPhone('80-5E-C0-11-22-33')).toMatchObject({ status: 409, body: { code: 409 } });
    expect(await addPhone('805EC0112236', { assigned_to: ada })).toMatchObject({
      status: 400,
      body: { code: 300 },
    });
    expect(h.zoom.violations()).toEqual([]);
    expect(await addPhone('not-a-mac')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'mac_address' }] },
    });
    expect(h.zoom.violations()).toEqual([
      expect.objectContaining({ kind: 'request', operation: 'POST /phone/devices' }),
    ]);
    provoked = 1;
  });

  it('unassigns a person’s phones when their Zoom Phone is switched off', async () => {
    await addPhone('805EC0112233', { assigned_to: ada });

    await h.call('PATCH', `/users/${ada}`, { feature: { zoom_phone: false } });

    expect((await h.call('GET', '/phone/devices?type=unassigned')).body).toMatchObject({ total_records: 1 });
  });

  it('adds, lists and deletes inbound block rules of an extension, refusing a duplicate', async () => {
    const path = `/phone/extension/${adaExtension}/inbound_blocked/rules`;
    const rule = { match_type: 'prefix', blocked_number: '+1900', type: 'block_for_other_reasons' };

    const added = await h.call('POST', path, rule);
    const duplicate = await h.call('POST', path, rule);
    const id = (added.body as { id: string }).id;

    expect(added.status).toBe(201);
    expect(duplicate).toMatchObject({ status: 400, body: { code: 13601 } });
    expect((await h.call('GET', path)).body).toMatchObject({ extension_blocked_rules: [{ id, ...rule }] });
    expect((await h.call('DELETE', `${path}?blocked_rule_id=${id}`)).status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]?.blockedRules).toEqual([]);
    expect(await h.call('GET', '/phone/extension/nope/inbound_blocked/rules')).toMatchObject({
      status: 404,
      body: { code: 1001 },
    });
  });
});
