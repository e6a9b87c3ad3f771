import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: the documents as the contract', () => {
  let h: ZoomHarness;
  let ada: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = ''] = h.zoom
      .seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }])
      .map((u) => u.id);
  });
  afterEach(() => h.stop());

  it('refuses a batch of 11 users with code 300 and records the violation', async () => {
    const refused = await h.call('PUT', '/phone/users/batch', {
      batch_type: 'activate',
      activation_status: 'deactivate',
      user_ids: Array.from({ length: 11 }, () => ada),
    });

    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'user_ids', message: expect.stringContaining('10') }],
    });
    expect(h.zoom.violations()).toEqual([
      expect.objectContaining({ kind: 'request', operation: 'PUT /phone/users/batch' }),
    ]);
    expect(h.zoom.snapshot().phoneUsers[0]?.status).toBe('activate');
  });

  it('refuses a value outside an enum, in the body and in the query', async () => {
    const body = await h.call('PUT', '/phone/users/batch', {
      batch_type: 'activate',
      activation_status: 'paused',
    });
    const query = await h.call('GET', '/phone/numbers?type=mine');

    expect(body.body).toMatchObject({ code: 300, errors: [{ field: 'activation_status' }] });
    expect(query.body).toMatchObject({ code: 300, errors: [{ field: 'type' }] });
    expect(h.zoom.violations().map((v) => v.operation)).toEqual([
      'PUT /phone/users/batch',
      'GET /phone/numbers',
    ]);
  });

  it('refuses a wrong type: an extension number sent as a number, a page size over the maximum', async () => {
    const extension = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: 4102 });
    const page = await h.call('GET', '/phone/users?page_size=101');
    const plans = await h.call('POST', `/phone/users/${ada}/calling_plans`, {
      calling_plans: [{ type: '200' }],
    });

    expect(extension.body).toMatchObject({ code: 300, errors: [{ field: 'extension_number' }] });
    expect(page.body).toMatchObject({ code: 300, errors: [{ field: 'page_size' }] });
    expect(plans.body).toMatchObject({ code: 300, errors: [{ field: 'calling_plans.0.type' }] });
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('1000');
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${h.zoom.apiUrl}/phone/users/${ada}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await h.token()}`, 'content-type': 'application/json' },
      body: '{"extension_number":',
    });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 300 });
  });

  it('records a call to an operation it does not serve', async () => {
    const res = await h.call('DELETE', '/phone/sites/abc');

    expect(res).toMatchObject({ status: 404, body: { code: 404 } });
    expect(h.zoom.violations()).toEqual([
      expect.objectContaining({ kind: 'unknown-operation', operation: 'DELETE /phone/sites/abc' }),
    ]);
  });

  it('validates its answers: every read of the core operations matches the documents', async () => {
    h.zoom.seedPlans([{ type: 200, subscribed: 3 }]);
    h.zoom.seedNumbers(['+14155550100']);
    await h.call('POST', `/phone/users/${ada}/calling_plans`, { calling_plans: [{ type: 200 }] });
    await h.call('POST', `/phone/users/${ada}/phone_numbers`, {
      phone_numbers: [{ number: '+14155550100' }],
    });
    await h.call('PATCH', `/phone/users/${ada}/settings/delegation`, { delegation: { privileges: [1, 7] } });

    const reads = await Promise.all(
      [
        `/users/${ada}`,
        '/phone/users',
        `/phone/users/${ada}`,
        `/phone/users/${ada}/settings`,
        '/phone/calling_plans',
        '/phone/numbers?type=all',
        '/phone/sites',
      ].map((path) => h.call('GET', path)),
    );

    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(h.zoom.violations()).toEqual([]);
  });
});
