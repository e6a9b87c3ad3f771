import { ManualClock } from '../../../src/local/clock.ts';
import { startZoomStandIn } from '../../../src/local/zoom/index.ts';
import type { ZoomStandIn, ZoomStandInOptions } from '../../../src/local/zoom/types.ts';

export type ZoomCall = { status: number; headers: Headers; body: unknown };

export type ZoomHarness = {
  zoom: ZoomStandIn;
  clock: ManualClock;
  token(): Promise<string>;
  call(method: string, path: string, body?: unknown, token?: string): Promise<ZoomCall>;
  stop(): Promise<void>;
};

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function requestToken(zoom: ZoomStandIn): Promise<Response> {
  return fetch(zoom.oauthUrl, {
    method: 'POST',
    headers: {
      authorization: basicAuth(zoom.clientId, zoom.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'account_credentials', account_id: zoom.accountId }).toString(),
  });
}

/** A fresh stand-in on a clock that moves only when the test says so, and a caller holding one token. */
export async function startZoomHarness(options: ZoomStandInOptions = {}): Promise<ZoomHarness> {
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 9, 0, 0));
  const zoom = await startZoomStandIn({ clock, ...options });
  let cached: string | undefined;
  const token = async () => {
    if (!cached) {
      const res = await requestToken(zoom);
      cached = ((await res.json()) as { access_token: string }).access_token;
    }
    return cached;
  };
  const call = async (method: string, path: string, body?: unknown, bearer?: string): Promise<ZoomCall> => {
    const res = await fetch(`${zoom.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer ?? (await token())}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  return { zoom, clock, token, call, stop: () => zoom.stop() };
}
