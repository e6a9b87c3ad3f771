import { describe, expect, it } from 'vitest';
import { backoffMs, mayRepeat, retryAfter } from '../../../../src/phone-systems/zoom/retry-policy.ts';

describe('retry policy', () => {
  it('reads Retry-After as seconds, as an HTTP date or an ISO date, and as one second otherwise', () => {
    const now = Date.parse('2026-12-06T03:00:00.000Z');
    expect(retryAfter('3', now)).toBe(now + 3000);
    expect(retryAfter('Sun, 06 Dec 2026 03:00:05 GMT', now)).toBe(now + 5000);
    expect(retryAfter('2026-12-06T03:00:07Z', now)).toBe(now + 7000);
    expect(retryAfter(null, now)).toBe(now + 1000);
    expect(retryAfter('soon', now)).toBe(now + 1000);
  });

  it('backs off exponentially with jitter between half and all of each step, up to 30 s', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, 500, () => 0))).toEqual([250, 500, 1000]);
    expect([1, 2, 3].map((n) => backoffMs(n, 500, () => 1))).toEqual([500, 1000, 2000]);
    expect(backoffMs(20, 500, () => 1)).toBe(30_000);
  });

  it('never repeats creating a site or an emergency address, and repeats the rest', () => {
    expect(mayRepeat('POST /phone/sites')).toBe(false);
    expect(mayRepeat('POST /phone/emergency_addresses')).toBe(false);
    expect(mayRepeat('POST /phone/users/{userId}/calling_plans')).toBe(true);
    expect(mayRepeat('PATCH /phone/users/{userId}')).toBe(true);
  });
});
