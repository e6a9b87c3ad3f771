import { afterEach, describe, expect, it } from 'vitest';
import { createZoomClient, paginate } from '../../../../src/phone-systems/zoom/client.ts';
import { rateLimits } from '../../../../src/phone-systems/zoom/rate-limits.ts';
import { captureLog, startZoomServer, type ZoomServer } from '../../../support/zoom-server.ts';

let server: ZoomServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(zoom: ZoomServer) {
  return createZoomClient({
    apiUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
    accountId: 'acct',
    clientId: 'id',
    clientSecret: 'secret-value-1234',
    ratePlan: 'pro',
    logger: captureLog().logger,
  });
}

/** The most arrivals within any one window of `windowMs` (a window starting at each arrival covers them all). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(
    0,
    ...sorted.map((start) => sorted.filter((t) => t >= start && t < start + windowMs).length),
  );
}

describe('Zoom rate lanes', () => {
  it("never lets Zoom receive more of a label's calls in any second than the plan allows", async () => {
    server = await startZoomServer((request) =>
      request.path.startsWith('/v2/phone/users?')
        ? { status: 200, body: { users: [], next_page_token: '' } }
        : { status: 200, body: { id: 'u' } },
    );
    const client = clientFor(server);
    const light = Array.from({ length: 45 }, (_, i) =>
      client.phone.GET('/phone/users/{userId}', { params: { path: { userId: `u${i}` } } }),
    );
    const medium = Array.from({ length: 25 }, () =>
      client.phone.GET('/phone/users', { params: { query: { page_size: 100 } } }),
    );
    const answers = await Promise.all([...light, ...medium]);
    expect(answers.every((answer) => answer.response.status === 200)).toBe(true);
    const arrivals = (medium: boolean) =>
      server!.received.filter((r) => r.path.startsWith('/v2/phone/users?') === medium).map((r) => r.at);
    expect(arrivals(false)).toHaveLength(45);
    expect(arrivals(true)).toHaveLength(25);
    expect(busiestWindow(arrivals(false), 1000)).toBeLessThanOrEqual(rateLimits.pro.phone.LIGHT.count);
    expect(busiestWindow(arrivals(true), 1000)).toBeLessThanOrEqual(rateLimits.pro.phone.MEDIUM.count);
  });

  it('refuses to send a call the generated table does not list, since it could not be metered', async () => {
    server = await startZoomServer(() => ({ status: 200, body: {} }));
    const client = clientFor(server);
    const unlisted = client.phone.request('get', '/phone/common_areas' as never);
    await expect(unlisted).rejects.toThrow('GET /phone/common_areas is not a listed Zoom phone operation');
    expect(server.received).toHaveLength(0);
  });
});

describe('Zoom listings', () => {
  it('follows next_page_token with the same query until a page ends the listing', async () => {
    server = await startZoomServer((request) => {
      const token = new URL(request.path, 'http://x').searchParams.get('next_page_token');
      const pages: Record<string, { users: { id: string }[]; next_page_token: string }> = {
        first: { users: [{ id: 'a' }, { id: 'b' }], next_page_token: 'p2' },
        p2: { users: [{ id: 'c' }], next_page_token: 'p3' },
        p3: { users: [{ id: 'd' }], next_page_token: '' },
      };
      return { status: 200, body: pages[token ?? 'first'] };
    });
    const client = clientFor(server);
    const listing = await paginate(
      (next_page_token) =>
        client.phone.GET('/phone/users', {
          params: { query: { page_size: 100, site_id: 's1', next_page_token } },
        }),
      (page) => page.users,
    );
    expect(listing).toMatchObject({ ok: true, data: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] });
    expect(server.received.map((r) => r.path)).toEqual([
      '/v2/phone/users?page_size=100&site_id=s1',
      '/v2/phone/users?page_size=100&site_id=s1&next_page_token=p2',
      '/v2/phone/users?page_size=100&site_id=s1&next_page_token=p3',
    ]);
  });

  it('stops at a refused page and returns the refusal', async () => {
    server = await startZoomServer((_request, index) =>
      index === 0
        ? { status: 200, body: { users: [{ id: 'a' }], next_page_token: 'stale' } }
        : { status: 400, body: { code: 400, message: 'Next page token invalid or expired.' } },
    );
    const client = clientFor(server);
    const listing = await paginate(
      (next_page_token) => client.phone.GET('/phone/users', { params: { query: { next_page_token } } }),
      (page) => page.users,
    );
    expect(listing).toMatchObject({ ok: false, refusal: { status: 400, code: 400 } });
  });
});
