import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: per-user call handling', () => {
  let h: ZoomHarness;
  let ada: string;
  let graceExtension: string;
  let provoked: number;

  beforeEach(async () => {
    h = await startZoomHarness();
    provoked = 0;
    [ada = ''] = h.zoom
      .seedUsers([
        { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true },
        { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', zoomPhone: true },
      ])
      .map((u) => u.id);
    graceExtension = h.zoom.snapshot().phoneUsers[1]?.extensionId ?? '';
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toHaveLength(provoked);
    await h.stop();
  });

  it('reads the defaults, then keeps a new ring mode and busy action for business hours only', async () => {
    expect((await h.call('GET', `/phone/users/${ada}/call_handling/settings`)).body).toMatchObject({
      call_distribution_setting: { ring_mode: 'simultaneous' },
      call_handling_setting: { busy_on_another_call_action: 'call_waiting' },
    });

    const patched = await h.call('PATCH', `/phone/users/${ada}/call_handling/settings/business_hours`, {
      call_distribution_setting: { ring_mode: 'sequential', sequential_ring_duration: 20 },
      call_handling_setting: {
        busy_on_another_call_action: 'forward_to_extension',
        busy_on_another_call_action_setting: { forward_to_extension: { extension_id: graceExtension } },
        call_not_answer_action: 'forward_to_external_number',
        call_not_answer_action_setting: { forward_phone_number: '+14155550199' },
      },
    });

    expect(patched.status).toBe(204);
    const business = await h.call(
      'GET',
      `/phone/users/${ada}/call_handling/settings?hour_type=business_hours`,
    );
    expect(business.body).toMatchObject({
      call_distribution_setting: { ring_mode: 'sequential', sequential_ring_duration: 20 },
      call_handling_setting: {
        busy_on_another_call_action: 'forward_to_extension',
        call_not_answer_action_setting: { forward_phone_number: '+14155550199' },
      },
    });
    const closed = await h.call('GET', `/phone/users/${ada}/call_handling/settings?hour_type=closed_hours`);
    expect(closed.body).toMatchObject({ call_distribution_setting: { ring_mode: 'simultaneous' } });
  });

  it('refuses a forward to an extension that does not exist, and holiday hours it does not keep', async () => {
    const unknown = await h.call('PATCH', `/phone/users/${ada}/call_handling/settings/business_hours`, {
      call_handling_setting: {
        busy_on_another_call_action: 'forward_to_extension',
        busy_on_another_call_action_setting: { forward_to_extension: { extension_id: 'nope' } },
      },
    });
    const holiday = await h.call('PATCH', `/phone/users/${ada}/call_handling/settings/holiday_hours`, {
      holiday_hour_id: 'x',
      call_distribution_setting: { ring_mode: 'sequential' },
    });

    expect(unknown).toMatchObject({ status: 400, body: { code: 300 } });
    expect(holiday).toMatchObject({ status: 400, body: { code: 15102 } });
  });

  it('refuses a ring mode and an hour type outside the documents’ enums', async () => {
    const mode = await h.call('PATCH', `/phone/users/${ada}/call_handling/settings/business_hours`, {
      call_distribution_setting: { ring_mode: 'random' },
    });
    const hours = await h.call('PATCH', `/phone/users/${ada}/call_handling/settings/lunch_hours`, {});

    expect(mode).toMatchObject({
      status: 400,
      body: { code: 300, errors: [{ field: 'call_distribution_setting.ring_mode' }] },
    });
    expect(hours).toMatchObject({ status: 400, body: { code: 300, errors: [{ field: 'hourType' }] } });
    provoked = 2;
  });
});
