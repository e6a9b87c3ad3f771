import { afterEach, describe, expect, it } from 'vitest';
import { createZoomClient, type ZoomClientOptions } from '../../../../src/phone-systems/zoom/client.ts';
import { settle, ZoomCredentialsRefused } from '../../../../src/phone-systems/zoom/errors.ts';
import { captureLog, startZoomServer, type ZoomServer } from '../../../support/zoom-server.ts';

const credentials = { accountId: 'acct-42', clientId: 'client-id-7', clientSecret: 'client-secret-9f8e7d' };
const ok = { status: 200, body: { id: 'u1', email: 'ada@example.com' } };

let server: ZoomServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function clientFor(zoom: ZoomServer, extra: Partial<ZoomClientOptions> = {}) {
  const log = captureLog();
  const client = createZoomClient({
    apiUrl: zoom.apiUrl,
    oauthUrl: zoom.oauthUrl,
    ...credentials,
    ratePlan: 'business',
    logger: log.logger,
    ...extra,
  });
  return { client, log };
}

describe('Zoom Server-to-Server OAuth token', () => {
  it('asks for one token with the account credentials however many calls start together', async () => {
    server = await startZoomServer(() => ok);
    const { client } = clientFor(server);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.phone.GET('/phone/users/{userId}', { params: { path: { userId: `u${i}` } } }),
      ),
    );
    expect(results.map((r) => r.response.status)).toEqual(Array(12).fill(200));
    expect(server.tokenRequests).toHaveLength(1);
    const [tokenRequest] = server.tokenRequests;
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from('client-id-7:client-secret-9f8e7d').toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'account_credentials',
      account_id: 'acct-42',
    });
    expect(new Set(server.received.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer token-1']));
  });

  it('keeps the token until a minute before it expires, then asks for a new one', async () => {
    server = await startZoomServer(() => ok);
    let now = 1_000_000;
    const { client } = clientFor(server, { now: () => now });
    const call = () =>
      client.users.GET('/users/{userId}', { params: { path: { userId: 'ada@example.com' } } });
    await call();
    now += 3600_000 - 60_000 - 1;
    await call();
    expect(server.tokenRequests).toHaveLength(1);
    now += 1;
    await call();
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.received.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('takes a new token once when Zoom answers 401, and sends the call again with it', async () => {
    server = await startZoomServer((request) =>
      request.headers.authorization === 'Bearer token-1'
        ? { status: 401, body: { code: 124, message: 'Invalid access token.' } }
        : ok,
    );
    const { client } = clientFor(server);
    const result = settle(
      await client.phone.GET('/phone/users/{userId}', { params: { path: { userId: 'u1' } } }),
    );
    expect(result.ok).toBe(true);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('lets a second 401 stand as a refusal instead of asking for tokens again and again', async () => {
    server = await startZoomServer(() => ({
      status: 401,
      body: { code: 124, message: 'Invalid access token.' },
    }));
    const { client } = clientFor(server);
    const result = settle(
      await client.phone.GET('/phone/users/{userId}', { params: { path: { userId: 'u1' } } }),
    );
    expect(result).toMatchObject({ ok: false, refusal: { status: 401, code: 124 } });
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.received).toHaveLength(2);
  });

  it("throws Zoom's reason, and never the secret, when Zoom refuses the credentials", async () => {
    server = await startZoomServer(
      () => ok,
      () => ({
        status: 400,
        body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
      }),
    );
    const { client, log } = clientFor(server);
    const failure = await client.phone
      .GET('/phone/users/{userId}', { params: { path: { userId: 'u1' } } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZoomCredentialsRefused);
    expect(failure).toMatchObject({ status: 400, reason: 'Invalid client_id or client_secret' });
    expect(String((failure as Error).message)).not.toContain(credentials.clientSecret);
    expect(log.lines.join('\n')).not.toContain(credentials.clientSecret);
    expect(server.received).toHaveLength(0);
    await expect(client.verifyCredentials()).rejects.toBeInstanceOf(ZoomCredentialsRefused);
  });

  it('logs each call with method, path, status and tracking id, and never the token or the client secret', async () => {
    server = await startZoomServer((request, index) => {
      if (index === 0) return { status: 401, body: { code: 124, message: 'Invalid access token.' } };
      if (index === 1)
        return { status: 429, headers: { 'retry-after': '0' }, body: { code: 429, message: 'Slow down' } };
      if (request.method === 'PATCH')
        return { status: 400, body: { code: 300, message: 'Validation Failed.' } };
      return ok;
    });
    const { client, log } = clientFor(server);
    await client.phone.GET('/phone/users/{userId}', { params: { path: { userId: 'u1' } } });
    await client.phone.PATCH('/phone/users/{userId}/settings/{settingType}', {
      params: { path: { userId: 'u1', settingType: 'desk_phone' } },
      body: { desk_phone: { pin_code: '246810' } },
    });
    const text = log.lines.join('\n');
    expect(text).toContain('GET /phone/users/u1 200 tracking track-3');
    expect(text).toContain('PATCH /phone/users/u1/settings/desk_phone 400 tracking track-4');
    for (const secret of [
      credentials.clientSecret,
      'token-1',
      'token-2',
      Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64'),
      '246810',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
