import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

const ADDRESS = {
  address_line1: '1 Broadway',
  city: 'New York',
  country: 'US',
  state_code: 'NY',
  zip: '10004',
};

describe('Zoom stand-in: settings and sites', () => {
  let h: ZoomHarness;
  let ada: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = ''] = h.zoom
      .seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }])
      .map((u) => u.id);
    h.zoom.seedNumbers(['+14155550100']);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  it('changes area code, prompt language, hold music and caller ID, and reads them back', async () => {
    await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }],
    });

    const patched = await h.call('PATCH', `/phone/users/${ada}/settings`, {
      area_code: '415',
      audio_prompt_language: 'fr-CA',
      music_on_hold_id: '0',
      outbound_caller_id: '+14155550100',
    });

    expect(patched.status).toBe(204);
    const read = await h.call('GET', `/phone/users/${ada}/settings`);
    expect(read.body).toMatchObject({
      area_code: '415',
      audio_prompt_language: 'fr-CA',
      music_on_hold_id: '0',
      outbound_caller: { number: '+14155550100' },
      extension_number: 1000,
      status: 'Active',
    });
  });

  it('refuses a language Zoom does not offer and a caller ID that is not the user’s', async () => {
    const language = await h.call('PATCH', `/phone/users/${ada}/settings`, {
      audio_prompt_language: 'xx-XX',
    });
    const caller = await h.call('PATCH', `/phone/users/${ada}/settings`, {
      outbound_caller_id: '+14155550100',
    });

    expect(language).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'audio_prompt_language' }] },
    });
    expect(caller).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'outbound_caller_id' }] },
    });
    expect(h.zoom.snapshot().phoneUsers[0]?.settings).toMatchObject({
      audioPromptLanguage: 'en-US',
      outboundCallerId: '',
    });
  });

  it('sets the desk phone PIN and refuses one that is not 4 to 10 digits', async () => {
    const set = await h.call('PATCH', `/phone/users/${ada}/settings/desk_phone`, {
      desk_phone: { pin_code: '4821' },
    });
    const short = await h.call('PATCH', `/phone/users/${ada}/settings/desk_phone`, {
      desk_phone: { pin_code: '12' },
    });

    expect(set.status).toBe(204);
    expect(short).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'desk_phone.pin_code' }] },
    });
    expect((await h.call('GET', `/phone/users/${ada}/settings`)).body).toMatchObject({
      desk_phone: { pin_code: '4821' },
    });
  });

  it('updates delegation privileges, privacy and lock', async () => {
    const patched = await h.call('PATCH', `/phone/users/${ada}/settings/delegation`, {
      delegation: { privileges: [1, 2, 4], privacy: true, locked: false },
    });

    expect(patched.status).toBe(204);
    expect((await h.call('GET', `/phone/users/${ada}/settings`)).body).toMatchObject({
      delegation: { privileges: [1, 2, 4], privacy: true, locked: false, assistants: [] },
    });
  });

  it('refuses privilege 8, which the documents accept on write but cannot describe when read back', async () => {
    const refused = await h.call('PATCH', `/phone/users/${ada}/settings/delegation`, {
      delegation: { privileges: [1, 8] },
    });

    expect(refused).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'delegation.privileges' }] },
    });
    expect(h.zoom.snapshot().phoneUsers[0]?.settings.delegation.privileges).toEqual([]);
  });

  it('refuses a setting type it does not know', async () => {
    const refused = await h.call('PATCH', `/phone/users/${ada}/settings/teleport`, {});

    expect(refused).toMatchObject({
      status: 400,
      body: { code: 300, message: 'Setting type teleport is not supported.' },
    });
  });

  it('sets the emergency address of a phone user to a site default one', async () => {
    const site = await h.call('POST', '/phone/sites', {
      name: 'New York',
      auto_receptionist_name: 'NY',
      default_emergency_address: ADDRESS,
    });
    const siteId = (site.body as { id: string }).id;
    const addressId = h.zoom.snapshot().sites.find((s) => s.id === siteId)?.emergencyAddressId;

    const patched = await h.call('PATCH', `/phone/users/${ada}`, { emergency_address_id: addressId });
    const unknown = await h.call('PATCH', `/phone/users/${ada}`, { emergency_address_id: 'nope' });

    expect(patched.status).toBe(204);
    expect(unknown).toMatchObject({ status: 400, body: { code: 300 } });
    expect((await h.call('GET', `/phone/users/${ada}`)).body).toMatchObject({
      emergency_address: { id: addressId, city: 'New York', state_code: 'NY' },
    });
  });

  it('creates, lists and renames sites, and refuses a duplicate name', async () => {
    const created = await h.call('POST', '/phone/sites', {
      name: 'London',
      auto_receptionist_name: 'London AR',
      site_code: 44,
      short_extension: { length: 3 },
      default_emergency_address: { ...ADDRESS, country: 'GB' },
    });
    const id = (created.body as { id: string }).id;
    const duplicate = await h.call('POST', '/phone/sites', {
      name: 'london',
      auto_receptionist_name: 'x',
      default_emergency_address: ADDRESS,
    });
    const renamed = await h.call('PATCH', `/phone/sites/${id}`, { name: 'London Bridge' });
    const unknown = await h.call('PATCH', '/phone/sites/nope', { name: 'x' });

    expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), name: 'London' } });
    expect(duplicate).toMatchObject({ status: 409, body: { code: 409 } });
    expect(renamed.status).toBe(204);
    expect(unknown).toMatchObject({ status: 404, body: { code: 13000 } });
    const sites = await h.call('GET', '/phone/sites');
    expect(sites.body).toMatchObject({
      total_records: 2,
      sites: [{ name: 'Main' }, { name: 'London Bridge', site_code: 44 }],
    });
  });

  it('gives a site with a site code extensions made of the code and the short extension', async () => {
    const created = await h.call('POST', '/phone/sites', {
      name: 'London',
      auto_receptionist_name: 'London AR',
      site_code: 44,
      short_extension: { length: 3 },
      default_emergency_address: { ...ADDRESS, country: 'GB' },
    });
    const siteId = (created.body as { id: string }).id;

    const moved = await h.call('PATCH', `/phone/users/${ada}`, {
      site_id: siteId,
      extension_number: '44120',
    });
    const wrong = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4412' });

    expect(moved.status).toBe(204);
    expect(wrong).toMatchObject({ status: 400, body: { code: 300 } });
    expect(h.zoom.snapshot().phoneUsers[0]).toMatchObject({ siteName: 'London', extensionNumber: '44120' });
  });
});
