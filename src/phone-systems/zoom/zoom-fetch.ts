import { ZoomCredentialsRefused, ZoomUnavailable } from './errors.ts';
import type { ZoomApi } from './generate/operations.ts';
import type { Lane, Limiter } from './limiter.ts';
import { operationOf } from './operations-table.ts';
import { backoffMs, mayRepeat, neverSent, retryAfter } from './retry-policy.ts';
import type { TokenSource } from './token.ts';

export type ZoomLogger = { debug(...message: unknown[]): void };

export type ZoomFetchOptions = {
  api: ZoomApi;
  apiUrl: string;
  tokens: TokenSource;
  limiter: Limiter;
  logger: ZoomLogger;
  fetch: typeof globalThis.fetch;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
  /** Attempts after the first, for 5xx answers, timeouts and network errors. */
  retries: number;
  backoffBaseMs: number;
  /** 429s one call waits out before it gives up as an outage. */
  rateLimitWaits: number;
  /** A 429 asking to wait longer than this (a daily quota spent) fails the call at once. */
  maxRetryAfterMs: number;
};

type Attempt =
  | { kind: 'answer'; response: Response; token: string }
  | { kind: 'failure'; error: unknown; sent: boolean };

/**
 * The fetch under the openapi-fetch clients: it adds the token, waits for room in the operation's rate lane,
 * waits out 429s, tries 5xx answers, timeouts and network errors again when a repeat is safe, and renews the token
 * once on a 401. What it returns is Zoom's answer (a success or a refusal); outages throw ZoomUnavailable.
 */
export function createZoomFetch(options: ZoomFetchOptions): (request: Request) => Promise<Response> {
  const basePath = new URL(options.apiUrl).pathname.replace(/\/+$/, '');
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const method = request.method.toUpperCase();
    const operation = operationOf(options.api, method, path);
    // Only listed operations are typed, so a miss is a path built by hand: a bug, not something to send unmetered.
    if (!operation) throw new Error(`${method} ${path} is not a listed Zoom ${options.api} operation`);
    const lane: Lane = { api: options.api, label: operation.label };
    const body = request.body ? await request.arrayBuffer() : undefined;
    let attempts = 0;
    let failures = 0;
    let waits = 0;
    let renewed = false;
    const log = (status: number | string, trackingId?: string | null) =>
      options.logger.debug(`zoom ${method} ${path} ${status}${trackingId ? ` tracking ${trackingId}` : ''}`);
    const outage = (message: string, details: { status?: number; retryAt?: number }, cause?: unknown) =>
      new ZoomUnavailable(
        `Zoom ${method} ${path}: ${message}`,
        { method, path, attempts, ...details },
        { cause },
      );

    /** When the last attempt left: a 429 for it says something new only if it left after the last pause. */
    let sentAt = 0;
    const send = async (): Promise<Attempt> => {
      sentAt = performance.now();
      let token: string;
      try {
        token = await options.tokens.token();
      } catch (error) {
        if (error instanceof ZoomCredentialsRefused) throw error;
        return { kind: 'failure', error, sent: false };
      }
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${token}`);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      try {
        const answer = await options.fetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.any([timeout, request.signal]),
        });
        // The body is read here, within the timeout, so that an answer cut off halfway is retried like no answer.
        const response = await buffered(answer);
        log(response.status, response.headers.get('x-zm-trackingid'));
        return { kind: 'answer', response, token };
      } catch (error) {
        if (request.signal.aborted) throw error;
        log(timeout.aborted ? `timed out after ${options.timeoutMs} ms` : 'failed without an answer');
        return { kind: 'failure', error, sent: !neverSent(error) };
      }
    };

    for (;;) {
      attempts += 1;
      const attempt = await options.limiter.run(lane, send, { retry: attempts > 1 });
      // A request that never left may always go again; one Zoom may have applied only when a repeat is safe.
      const repeatable = (attempt.kind === 'failure' && !attempt.sent) || mayRepeat(operation.key);

      if (attempt.kind === 'answer') {
        const { response } = attempt;
        if (response.status === 401 && !renewed) {
          // A token can stop working before its expiry (the app was deactivated and enabled again): one new token.
          renewed = true;
          options.tokens.rejected(attempt.token);
          continue;
        }
        if (response.status === 429) {
          const now = Date.now();
          const until = retryAfter(response.headers.get('retry-after'), now);
          if (until - now > options.maxRetryAfterMs) {
            options.limiter.throttled(lane, now + options.maxRetryAfterMs, sentAt);
            throw outage('rate limit reached; Zoom asks to wait until a later time', {
              status: 429,
              retryAt: until,
            });
          }
          options.limiter.throttled(lane, until, sentAt);
          waits += 1;
          if (waits > options.rateLimitWaits) {
            throw outage(`still rate limited after ${options.rateLimitWaits} waits`, {
              status: 429,
              retryAt: until,
            });
          }
          options.logger.debug(
            `zoom ${method} ${path} rate limited; ${operation.label} lane waits until ${new Date(until).toISOString()}`,
          );
          continue;
        }
        if (response.status >= 500) {
          if (!repeatable || failures >= options.retries) {
            throw outage(`HTTP ${response.status}`, { status: response.status });
          }
          failures += 1;
          await sleep(backoffMs(failures, options.backoffBaseMs));
          continue;
        }
        return response;
      }

      if (!repeatable || failures >= options.retries) {
        if (attempt.error instanceof ZoomUnavailable && !attempt.sent) throw attempt.error;
        throw outage('no answer', {}, attempt.error);
      }
      failures += 1;
      await sleep(backoffMs(failures, options.backoffBaseMs));
    }
  };
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

async function buffered(answer: Response): Promise<Response> {
  const bytes = await answer.arrayBuffer();
  return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : bytes, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
