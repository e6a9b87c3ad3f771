import createClient, { type Client } from 'openapi-fetch';
import type { paths as PhonePaths } from './api/phone.ts';
import type { paths as UsersPaths } from './api/users.ts';
import { settle, type ZoomResult } from './errors.ts';
import { createLimiter, type Limiter } from './limiter.ts';
import { type RatePlan, type RateTable, rateLimits } from './rate-limits.ts';
import { createTokenSource } from './token.ts';
import { createZoomFetch, type ZoomLogger } from './zoom-fetch.ts';

export type ZoomClientOptions = {
  /** https://api.zoom.us/v2 */
  apiUrl: string;
  /** https://zoom.us/oauth/token */
  oauthUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  ratePlan: RatePlan;
  logger: ZoomLogger;
  fetch?: typeof globalThis.fetch;
  /** How long one attempt may take; 30 s unless given. */
  timeoutMs?: number;
  /** Attempts after the first for 5xx answers, timeouts and network errors (3), and the first backoff step (500 ms). */
  retry?: { retries?: number; backoffBaseMs?: number };
  /** 429s one call waits out (5), and the longest Retry-After it waits for (60 s) before failing as an outage. */
  rateLimit?: { waits?: number; maxRetryAfterMs?: number };
  /** Other limits than the plan's, for an account Zoom has given its own. */
  rates?: RateTable;
  /** The clock the token's expiry is judged by (epoch ms). */
  now?: () => number;
};

export type ZoomClient = {
  phone: Client<PhonePaths>;
  users: Client<UsersPaths>;
  /** Asks for a token: resolves when Zoom takes the credentials, throws ZoomCredentialsRefused or ZoomUnavailable. */
  verifyCredentials(): Promise<void>;
  limiter: Limiter;
};

/**
 * Typed clients for Zoom's Phone and Users APIs that share one token and one set of rate lanes. Each call answers
 * `{ data, error, response }` (openapi-fetch): `settle()` turns that into data or a ZoomRefusal. Outages throw
 * ZoomUnavailable and refused credentials throw ZoomCredentialsRefused.
 */
export function createZoomClient(options: ZoomClientOptions): ZoomClient {
  const fetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const tokens = createTokenSource({
    oauthUrl: options.oauthUrl,
    accountId: options.accountId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch,
    now: options.now ?? Date.now,
    timeoutMs,
  });
  const limiter = createLimiter(options.rates ?? rateLimits[options.ratePlan]);
  const shared = {
    apiUrl: options.apiUrl,
    tokens,
    limiter,
    logger: options.logger,
    fetch,
    timeoutMs,
    retries: options.retry?.retries ?? 3,
    backoffBaseMs: options.retry?.backoffBaseMs ?? 500,
    rateLimitWaits: options.rateLimit?.waits ?? 5,
    maxRetryAfterMs: options.rateLimit?.maxRetryAfterMs ?? 60_000,
  };
  return {
    phone: createClient<PhonePaths>({
      baseUrl: options.apiUrl,
      fetch: createZoomFetch({ ...shared, api: 'phone' }),
    }),
    users: createClient<UsersPaths>({
      baseUrl: options.apiUrl,
      fetch: createZoomFetch({ ...shared, api: 'users' }),
    }),
    verifyCredentials: async () => {
      await tokens.token();
    },
    limiter,
  };
}

/** Some listings end with an empty token, others leave it out. */
type Page = { next_page_token?: string };

/**
 * Every item of a `next_page_token` listing, page after page with the same query, or the refusal that stopped it.
 * `fetchPage` gets the token for the page it should ask for (undefined for the first).
 */
export async function paginate<P extends Page, T>(
  fetchPage: (
    nextPageToken: string | undefined,
  ) => Promise<{ data?: P; error?: unknown; response: Response }>,
  itemsOf: (page: P) => T[] | undefined,
): Promise<ZoomResult<T[]>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  let trackingId: string | undefined;
  for (;;) {
    const page = settle(await fetchPage(token));
    if (!page.ok) return page;
    trackingId = page.trackingId;
    items.push(...(itemsOf(page.data) ?? []));
    token = page.data.next_page_token || undefined;
    if (token === undefined) return { ok: true, data: items, trackingId };
    // A listing that hands back a token it already gave would never end.
    if (seen.has(token)) throw new Error('Zoom repeated a next_page_token; the listing would never end');
    seen.add(token);
  }
}
