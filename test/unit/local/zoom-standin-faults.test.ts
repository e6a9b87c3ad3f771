import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestToken, startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: rate limits and faults', () => {
  let h: ZoomHarness;
  let ada: string;

  beforeEach(async () => {
    h = await startZoomHarness();
    [ada = ''] = h.zoom
      .seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }])
      .map((u) => u.id);
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  it('answers 429 with Zoom’s headers once a label’s per-second limit is spent, and serves again next second', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await h.call('GET', '/phone/users')).status);
    const over = await h.call('GET', '/phone/users');
    const light = await h.call('GET', `/phone/users/${ada}`);

    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(over.status).toBe(429);
    expect(over.body).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
    expect(
      Object.fromEntries(
        [...over.headers].filter(([k]) => k.startsWith('x-ratelimit') || k === 'retry-after'),
      ),
    ).toEqual({
      'x-ratelimit-category': 'Medium',
      'x-ratelimit-type': 'QPS',
      'x-ratelimit-limit': '20',
      'x-ratelimit-remaining': '0',
      'retry-after': new Date(h.clock.now() + 1000).toUTCString(),
    });
    expect(light.status).toBe(200);
    expect(h.zoom.rateLimited()).toEqual({ MEDIUM: 1 });

    h.clock.advance(1000);
    expect((await h.call('GET', '/phone/users')).status).toBe(200);
  });

  it('uses the Pro plan’s lower limits when asked', async () => {
    await h.stop();
    h = await startZoomHarness({ plan: 'pro' });
    h.zoom.seedUsers([{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', zoomPhone: true }]);

    for (let i = 0; i < 10; i += 1) expect((await h.call('GET', '/phone/users')).status).toBe(200);
    expect((await h.call('GET', '/phone/users')).headers.get('x-ratelimit-limit')).toBe('10');
  });

  it('forces 429s on one label with throttle, counts them, and logs every call', async () => {
    const throttle = h.zoom.throttle('LIGHT', 2);

    const first = await h.call('GET', `/phone/users/${ada}`);
    const medium = await h.call('GET', '/phone/calling_plans');
    const second = await h.call('GET', `/phone/users/${ada}/settings`);
    const third = await h.call('GET', `/phone/users/${ada}`);

    expect([first.status, medium.status, second.status, third.status]).toEqual([429, 200, 429, 200]);
    expect(first.headers.get('x-ratelimit-category')).toBe('Light');
    expect(throttle.remaining()).toBe(0);
    expect(h.zoom.rateLimited()).toEqual({ LIGHT: 2 });
    const calls = h.zoom.requests().map((r) => [r.method, r.template, r.label, r.status]);
    expect(calls).toEqual([
      ['POST', '/oauth/token', null, 200],
      ['GET', '/phone/users/{userId}', 'LIGHT', 429],
      ['GET', '/phone/calling_plans', 'MEDIUM', 200],
      ['GET', '/phone/users/{userId}/settings', 'LIGHT', 429],
      ['GET', '/phone/users/{userId}', 'LIGHT', 200],
    ]);
  });

  it('fails the next matching call with a 5xx and leaves the account as it was', async () => {
    const fault = h.zoom.failNext(1, { status: 503, match: 'PATCH /phone/users/{userId}' });

    const read = await h.call('GET', `/phone/users/${ada}`);
    const failed = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4102' });
    const retried = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4103' });

    expect(read.status).toBe(200);
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ code: 503 });
    expect(failed.headers.get('x-zm-trackingid')).toMatch(/\S/);
    expect(fault.remaining()).toBe(0);
    expect(retried.status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('4103');
  });

  it('can fail a call after carrying it out, as a gateway timeout does', async () => {
    h.zoom.failNext(1, { status: 504, applied: true });

    const failed = await h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4102' });

    expect(failed.status).toBe(504);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('4102');
  });

  it('holds a call unanswered and undone until released', async () => {
    const hang = h.zoom.hangNext(1, { match: (c) => c.method === 'PATCH' });
    const pending = h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4102' });

    await h.zoom.waitFor(() => hang.holding() === 1);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('1000');
    expect((await h.call('GET', `/phone/users/${ada}`)).status).toBe(200);
    hang.release();

    expect((await pending).status).toBe(204);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('4102');
  });

  it('can hold the answer of a call already carried out, and drops it on stop', async () => {
    const hang = h.zoom.hangNext(1, { applied: true });
    const pending = h.call('PATCH', `/phone/users/${ada}`, { extension_number: '4102' }).then(
      () => 'answered',
      () => 'connection closed',
    );

    await h.zoom.waitFor(() => hang.holding() === 1);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('4102');
    await h.stop();

    expect(await pending).toBe('connection closed');
  });

  it('never carries out a held call once the stand-in stops', async () => {
    const hang = h.zoom.hangNext(1, 'PATCH /phone/users/{userId}');
    const pending = h
      .call('PATCH', `/phone/users/${ada}`, { extension_number: '4102' })
      .catch(() => undefined);

    await h.zoom.waitFor(() => hang.holding() === 1);
    await h.stop();
    await pending;

    expect(hang.holding()).toBe(0);
    expect(h.zoom.snapshot().phoneUsers[0]?.extensionNumber).toBe('1000');
  });

  it('answers everything 503 during an outage, the token endpoint included', async () => {
    await h.token();
    h.zoom.outage(true);

    const api = await h.call('GET', '/phone/sites');
    const oauth = await requestToken(h.zoom);

    expect(api).toMatchObject({ status: 503, body: { code: 503 } });
    expect(oauth.status).toBe(503);
    h.zoom.outage(false);
    expect((await h.call('GET', '/phone/sites')).status).toBe(200);
  });
});
