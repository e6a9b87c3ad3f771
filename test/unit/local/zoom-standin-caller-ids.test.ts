import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: caller ID list', () => {
  let h: ZoomHarness;
  let ada: string;
  let company: string;
  let direct: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = ''] = h.zoom
      .seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }])
      .map((u) => u.id);
    [company = '', direct = ''] = h.zoom
      .seedNumbers([{ number: '+14155550000', autoReceptionist: true }, '+14155550100'])
      .map((n) => n.id);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  const path = () => `/phone/users/${ada}/outbound_caller_id/customized_numbers`;

  it('lets a company number be the caller ID only once it is on the person’s list', async () => {
    const before = await h.call('PATCH', `/phone/users/${ada}/settings`, {
      outbound_caller_id: '+14155550000',
    });
    expect(before).toMatchObject({ status: 400, body: { code: 300 } });

    expect((await h.call('POST', path(), { phone_number_ids: [company] })).status).toBe(201);
    const after = await h.call('PATCH', `/phone/users/${ada}/settings`, {
      outbound_caller_id: '+14155550000',
    });

    expect(after.status).toBe(204);
    expect((await h.call('GET', path())).body).toMatchObject({
      total_records: 1,
      customize_numbers: [
        { phone_number_id: company, phone_number: '+14155550000', extension_type: 'autoReceptionist' },
      ],
    });
    expect((await h.call('GET', `/phone/users/${ada}/settings`)).body).toMatchObject({
      outbound_caller: { number: '+14155550000' },
      outbound_caller_ids: [{ number: '+14155550000', is_default: true }],
    });
  });

  it('refuses a number that is not a company number, and lists company numbers still to pick', async () => {
    const refused = await h.call('POST', path(), { phone_number_ids: [direct] });

    expect(refused).toMatchObject({ status: 400, body: { code: 300 } });
    expect((await h.call('GET', `${path()}?selected=false`)).body).toMatchObject({
      customize_numbers: [{ phone_number_id: company }],
    });
  });

  it('shows the company number as held by the auto receptionist and never gives it to a person', async () => {
    const listed = await h.call('GET', '/phone/numbers?type=assigned');
    const taken = await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ id: company }],
    });

    expect(listed.body).toMatchObject({
      total_records: 1,
      phone_numbers: [{ number: '+14155550000', assignee: { type: 'autoReceptionist' } }],
    });
    expect(taken).toMatchObject({ status: 409, body: { code: 409 } });
  });
});
