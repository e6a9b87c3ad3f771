import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, requestToken, startZoomHarness, type ZoomHarness } from './zoom-harness.ts';

describe('Zoom stand-in: Server-to-Server OAuth', () => {
  let h: ZoomHarness;

  beforeEach(async () => {
    h = await startZoomHarness({ tokenLifetimeSeconds: 3600 });
  });
  afterEach(async () => {
    expect(h.zoom.violations()).toEqual([]);
    await h.stop();
  });

  const tokenWith = (authorization: string, form: Record<string, string>) =>
    fetch(h.zoom.oauthUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('issues a bearer token for the account credentials, and the API accepts it', async () => {
    const res = await requestToken(h.zoom);
    const body = (await res.json()) as Record<string, unknown>;

    expect(res.status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.scope).toContain('phone:write:admin');
    const sites = await h.call('GET', '/phone/sites', undefined, String(body.access_token));
    expect(sites.status).toBe(200);
  });

  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const res = await tokenWith(basicAuth(h.zoom.clientId, 'wrong'), {
      grant_type: 'account_credentials',
      account_id: h.zoom.accountId,
    });

    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      reason: 'Invalid client_id or client_secret',
      error: 'invalid_client',
    });
  });

  it('refuses another account or another grant with 400', async () => {
    const auth = basicAuth(h.zoom.clientId, h.zoom.clientSecret);
    const otherAccount = await tokenWith(auth, { grant_type: 'account_credentials', account_id: 'nope' });
    const otherGrant = await tokenWith(auth, {
      grant_type: 'client_credentials',
      account_id: h.zoom.accountId,
    });

    expect(otherAccount.status).toBe(400);
    expect(await otherAccount.json()).toMatchObject({ error: 'invalid_request' });
    expect(otherGrant.status).toBe(400);
    expect(await otherGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('answers a call without a valid token 401 with code 124, and a tracking id', async () => {
    const missing = await fetch(`${h.zoom.apiUrl}/phone/sites`);
    const madeUp = await h.call('GET', '/phone/sites', undefined, 'made-up');

    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    expect(missing.headers.get('x-zm-trackingid')).toMatch(/\S/);
    expect(madeUp.status).toBe(401);
    expect(madeUp.body).toEqual({ code: 124, message: 'Invalid access token.' });
  });

  it('lets a token lapse at the end of its lifetime', async () => {
    expect((await h.call('GET', '/phone/sites')).status).toBe(200);

    h.clock.advance(3599_000);
    expect((await h.call('GET', '/phone/sites')).status).toBe(200);
    h.clock.advance(1000);
    const lapsed = await h.call('GET', '/phone/sites');

    expect(lapsed.status).toBe(401);
    expect(lapsed.body).toMatchObject({ code: 124 });
  });

  it('invalidates every token on expireTokens, and a new one works', async () => {
    const old = await h.token();
    h.zoom.expireTokens();

    expect((await h.call('GET', '/phone/sites', undefined, old)).status).toBe(401);
    const fresh = ((await (await requestToken(h.zoom)).json()) as { access_token: string }).access_token;
    expect((await h.call('GET', '/phone/sites', undefined, fresh)).status).toBe(200);
  });
});
