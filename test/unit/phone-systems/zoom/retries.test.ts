import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../src/local/wait-for.ts';
import { createZoomClient, type ZoomClientOptions } from '../../../../src/phone-systems/zoom/client.ts';
import { settle, ZoomUnavailable } from '../../../../src/phone-systems/zoom/errors.ts';
import { captureLog, type Reply, startZoomServer, type ZoomServer } from '../../../support/zoom-server.ts';

const ok: Reply = { status: 200, body: { id: 'u1', email: 'ada@example.com' } };
const tooMany = (headers: Record<string, string> = {}): Reply => ({
  status: 429,
  headers,
  body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API.' },
});

let server: ZoomServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(zoom: ZoomServer, extra: Partial<ZoomClientOptions> = {}) {
  return createZoomClient({
    apiUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
    accountId: 'acct',
    clientId: 'id',
    clientSecret: 'secret-value-1234',
    ratePlan: 'business',
    logger: captureLog().logger,
    retry: { retries: 2, backoffBaseMs: 10 },
    ...extra,
  });
}

const getUser = (client: ReturnType<typeof clientFor>, userId = 'u1') =>
  client.phone.GET('/phone/users/{userId}', { params: { path: { userId } } });

describe('Zoom rate limit answers (429)', () => {
  it('waits the seconds Retry-After gives before sending the call again', async () => {
    server = await startZoomServer((_request, index) => (index === 0 ? tooMany({ 'retry-after': '1' }) : ok));
    const result = settle(await getUser(clientFor(server)));
    expect(result.ok).toBe(true);
    const [first, second] = server.received;
    expect(server.received).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
  });

  it('waits until the date Retry-After gives', async () => {
    let until = 0;
    server = await startZoomServer((_request, index) => {
      if (index > 0) return ok;
      // HTTP dates have whole seconds: the next whole second at least 1.5 s ahead.
      until = Math.ceil((Date.now() + 1500) / 1000) * 1000;
      return tooMany({ 'retry-after': new Date(until).toUTCString() });
    });
    expect(settle(await getUser(clientFor(server))).ok).toBe(true);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.at).toBeGreaterThanOrEqual(until);
  });

  it('takes an ISO date in Retry-After as Zoom has sent it', async () => {
    let until = 0;
    server = await startZoomServer((_request, index) => {
      if (index > 0) return ok;
      until = Date.now() + 1200;
      return tooMany({ 'retry-after': new Date(until).toISOString() });
    });
    expect(settle(await getUser(clientFor(server))).ok).toBe(true);
    expect(server.received[1]!.at).toBeGreaterThanOrEqual(until);
  });

  it('waits a second when a 429 comes without Retry-After', async () => {
    server = await startZoomServer((_request, index) => (index === 0 ? tooMany() : ok));
    expect(settle(await getUser(clientFor(server))).ok).toBe(true);
    expect(server.received[1]!.at - server.received[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('holds back the other calls of the same label until Retry-After, and not those of another label', async () => {
    let until = 0;
    server = await startZoomServer((request, index) => {
      if (index === 0) {
        until = Date.now() + 2000;
        return tooMany({ 'retry-after': new Date(until).toISOString() });
      }
      return request.path.startsWith('/v2/phone/users?') ? { status: 200, body: { users: [] } } : ok;
    });
    const client = clientFor(server);
    const first = getUser(client, 'u1');
    const light = { api: 'phone', label: 'LIGHT' } as const;
    await waitFor(() => client.limiter.pausedUntil(light) > 0);
    const sameLabel = getUser(client, 'u2');
    const otherLabel = client.phone.GET('/phone/users', { params: { query: { page_size: 100 } } });
    expect(client.limiter.pausedUntil(light)).toBe(until);
    expect(client.limiter.pausedUntil({ api: 'phone', label: 'MEDIUM' })).toBe(0);
    await Promise.all([first, sameLabel, otherLabel]);
    const at = (path: string) => server!.received.filter((r) => r.path === path).map((r) => r.at);
    expect(at('/v2/phone/users/u1')).toHaveLength(2);
    expect(Math.min(at('/v2/phone/users/u1')[1]!, ...at('/v2/phone/users/u2'))).toBeGreaterThanOrEqual(until);
  });

  it('halves the rate of a label that gets 429s close together, and keeps the others at full rate', async () => {
    server = await startZoomServer((_request, index) => (index < 2 ? tooMany({ 'retry-after': '0' }) : ok));
    const client = clientFor(server);
    expect(client.limiter.allowance({ api: 'phone', label: 'LIGHT' })).toBe(40);
    expect(settle(await getUser(client)).ok).toBe(true);
    expect(client.limiter.allowance({ api: 'phone', label: 'LIGHT' })).toBe(20);
    expect(client.limiter.allowance({ api: 'phone', label: 'MEDIUM' })).toBe(20);
    expect(client.limiter.allowance({ api: 'users', label: 'LIGHT' })).toBe(80);
  });

  it('counts the 429s of requests that left together as one burst, and keeps the rate', async () => {
    // Each request is refused the first time Zoom sees it: eight 429s for eight requests that left together.
    const seen = new Set<string>();
    server = await startZoomServer((request) => {
      if (seen.has(request.path)) return ok;
      seen.add(request.path);
      return tooMany({ 'retry-after': '0' });
    });
    const client = clientFor(server);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => getUser(client, `u${i}`)));
    expect(answers.every((answer) => settle(answer).ok)).toBe(true);
    expect(server.received.length).toBe(16);
    expect(client.limiter.allowance({ api: 'phone', label: 'LIGHT' })).toBe(40);
  });

  it('fails as an outage, without waiting, when Zoom asks to come back later than a call waits', async () => {
    const tomorrow = Date.now() + 86_400_000;
    server = await startZoomServer(() => tooMany({ 'retry-after': new Date(tomorrow).toISOString() }));
    const failure = await getUser(clientFor(server)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomUnavailable);
    expect((failure as ZoomUnavailable).details).toMatchObject({ status: 429, retryAt: tomorrow });
    expect(server.received).toHaveLength(1);
  });

  it('fails as an outage after waiting out as many 429s as it is allowed', async () => {
    server = await startZoomServer(() => tooMany({ 'retry-after': '0' }));
    const failure = await getUser(clientFor(server, { rateLimit: { waits: 3 } })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ZoomUnavailable);
    expect(server.received).toHaveLength(4);
  });
});

describe('Zoom outages and refusals', () => {
  it('sends a call again after 5xx answers and returns the success that follows', async () => {
    server = await startZoomServer((_request, index) =>
      index === 0 ? { status: 503 } : index === 1 ? { status: 502, body: { message: 'bad gateway' } } : ok,
    );
    const result = settle(await getUser(clientFor(server)));
    expect(result).toMatchObject({ ok: true, data: { id: 'u1' } });
    expect(server.received).toHaveLength(3);
  });

  it('throws ZoomUnavailable once the retries are spent on 5xx answers', async () => {
    server = await startZoomServer(() => ({ status: 500 }));
    const failure = await getUser(clientFor(server)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomUnavailable);
    expect(failure).toMatchObject({ code: 'ZOOM_UNAVAILABLE', details: { status: 500, attempts: 3 } });
    expect(server.received).toHaveLength(3);
  });

  it('gives up on an answer that never comes after the timeout, tries again, then throws ZoomUnavailable', async () => {
    server = await startZoomServer(() => 'hang');
    const failure = await getUser(clientFor(server, { timeoutMs: 300 })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomUnavailable);
    expect((failure as ZoomUnavailable).details.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  it('sends a call again after a timeout and returns the answer that comes', async () => {
    server = await startZoomServer((_request, index) => (index === 0 ? 'hang' : ok));
    expect(settle(await getUser(clientFor(server, { timeoutMs: 1000 }))).ok).toBe(true);
    expect(server.received.length).toBeGreaterThanOrEqual(2);
  });

  it('tries again when an answer stops halfway through its body', async () => {
    server = await startZoomServer((_request, index) => (index === 0 ? 'hang-after-headers' : ok));
    const result = settle(await getUser(clientFor(server, { timeoutMs: 1000 })));
    expect(result).toMatchObject({ ok: true, data: { id: 'u1' } });
    expect(server.received.length).toBeGreaterThanOrEqual(2);
  });

  it('never sends a site creation twice, since a repeat could make a second site', async () => {
    server = await startZoomServer(() => ({ status: 503 }));
    const failure = await clientFor(server)
      .phone.POST('/phone/sites', { body: { name: 'Berlin', auto_receptionist_name: 'Berlin AR' } as never })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomUnavailable);
    expect(server.received).toHaveLength(1);
  });

  it('sends the same body again on a retry', async () => {
    server = await startZoomServer((_request, index) =>
      index === 0 ? { status: 503 } : { status: 201, body: {} },
    );
    const client = clientFor(server);
    const result = await client.phone.POST('/phone/users/{userId}/calling_plans', {
      params: { path: { userId: 'u1' } },
      body: { calling_plans: [{ type: 200 }] },
    });
    expect(result.response.status).toBe(201);
    expect(server.received.map((r) => JSON.parse(r.body))).toEqual([
      { calling_plans: [{ type: 200 }] },
      { calling_plans: [{ type: 200 }] },
    ]);
  });

  it("returns a Zoom refusal as a value with Zoom's code, message, field errors and tracking id", async () => {
    server = await startZoomServer(() => ({
      status: 400,
      headers: { 'x-zm-trackingid': 'v=2.0;clid=us06;rid=WEB_abc' },
      body: {
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'extension_number', message: 'Invalid field.' }],
      },
    }));
    const client = clientFor(server);
    const result = settle(
      await client.phone.PATCH('/phone/users/{userId}', {
        params: { path: { userId: 'u1' } },
        body: { extension_number: '12' },
      }),
    );
    expect(result).toEqual({
      ok: false,
      refusal: {
        status: 400,
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'extension_number', message: 'Invalid field.' }],
        trackingId: 'v=2.0;clid=us06;rid=WEB_abc',
      },
    });
    expect(server.received).toHaveLength(1);
  });
});
