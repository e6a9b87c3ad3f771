import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, type Harness, startHarness } from './harness.ts';

describe('rate limits set with limitRate', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const lookup = () =>
    fetch(`${h.fake.apiUrl}users.lookupByEmail`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${BOT_TOKEN}` },
      body: new URLSearchParams({ email: 'ada@example.com' }).toString(),
    });

  it('lets a burst through, then answers 429 with the seconds until the next call may go, and refills with time', async () => {
    h.fake.limitRate('users.lookupByEmail', { perMinute: 50, burst: 2 });
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(200);
    const limited = await lookup();
    expect(limited.status).toBe(429);
    // 50 a minute is one every 1.2 s: Slack says to wait 2 whole seconds.
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    h.clock.advance(1200);
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(429);
    expect(h.fake.apiCalls('users.lookupByEmail').map((c) => c.status)).toEqual([200, 200, 429, 200, 429]);
  });

  it('limits only the method named, and reset() lifts the limit', async () => {
    h.fake.limitRate('users.lookupByEmail', { perMinute: 1, burst: 1 });
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(429);
    h.fake.reset();
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(200);
  });
});
