import type { RequestRecord } from '../../src/local/zoom/index.ts';

/** One request the Zoom client sent and what came back, timed on this process's clock. */
export type Exchange = {
  api: 'phone' | 'users' | 'oauth';
  method: string;
  path: string;
  /** When the client handed the request to fetch: after its rate lane let it go. */
  sentAt: number;
  /** When the whole answer (body included) had come back; undefined when none did. */
  answeredAt?: number;
  /**
   * A moment by which the client has taken the answer in (the next turn of the event loop after it came back):
   * a request sent earlier may have been on its way already.
   */
  seenAt?: number;
  status?: number;
  /** A 429's Retry-After, as epoch ms. */
  retryAt?: number;
  trackingId?: string;
};

/**
 * A fetch for the Zoom client that passes every request on and keeps what was sent when and what came back, so a
 * test can check the client's behaviour from its side of the wire (the stand-in only sees when a request arrived).
 */
export function recordingFetch(): { fetch: typeof globalThis.fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recorded: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const api = url.pathname.startsWith('/oauth')
      ? 'oauth'
      : url.pathname.startsWith('/v2/phone')
        ? 'phone'
        : 'users';
    const exchange: Exchange = { api, method, path: url.pathname, sentAt: Date.now() };
    exchanges.push(exchange);
    const response = await globalThis.fetch(input, init);
    const body = await response.arrayBuffer();
    exchange.answeredAt = Date.now();
    exchange.status = response.status;
    exchange.trackingId = response.headers.get('x-zm-trackingid') ?? undefined;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter) exchange.retryAt = Date.parse(retryAfter);
    setImmediate(() => {
      exchange.seenAt = Date.now();
    });
    return new Response(body.byteLength === 0 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return { fetch: recorded, exchanges };
}

/** The rate lane of an exchange as the client keeps them (per API and label), from the stand-in's record of it. */
export function laneOf(exchange: Exchange, requests: RequestRecord[]): string {
  const record = requests.find((r) => r.trackingId === exchange.trackingId);
  return `${exchange.api} ${record?.label ?? 'unknown'}`;
}
