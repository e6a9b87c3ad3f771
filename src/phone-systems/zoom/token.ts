import { z } from 'zod';
import { ZoomCredentialsRefused, ZoomUnavailable } from './errors.ts';

export type TokenSourceOptions = {
  oauthUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof globalThis.fetch;
  /** Epoch milliseconds. */
  now: () => number;
  timeoutMs: number;
};

export type TokenSource = {
  /** A valid access token: the one held, or a new one when it is within a minute of expiring. */
  token(): Promise<string>;
  /** Zoom answered 401 to this token: the next `token()` fetches another (once, whoever else saw the 401 too). */
  rejected(token: string): void;
};

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const refusalBody = z.object({ reason: z.string().optional(), error: z.string().optional() }).loose();

/** Renewing a minute early keeps a token from expiring between leaving here and reaching Zoom. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Server-to-Server OAuth (account credentials). One token per client, shared by all its calls; concurrent callers
 * wait for the same request rather than each asking Zoom for a token.
 */
export function createTokenSource(options: TokenSourceOptions): TokenSource {
  let held: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const request = async (): Promise<string> => {
    const askedAt = options.now();
    let response: Response;
    try {
      response = await options.fetch(options.oauthUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          grant_type: 'account_credentials',
          account_id: options.accountId,
        }).toString(),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (cause) {
      throw unavailable('did not answer', undefined, cause);
    }
    const text = await response.text();
    if (response.status >= 400 && response.status < 500 && response.status !== 429) {
      throw new ZoomCredentialsRefused(
        response.status,
        reasonOf(text, response.status, options.clientSecret),
      );
    }
    if (!response.ok) throw unavailable(`answered HTTP ${response.status}`, response.status);
    const parsed = tokenResponse.safeParse(parseJson(text));
    if (!parsed.success) throw unavailable('answered without an access token', response.status);
    held = {
      value: parsed.data.access_token,
      renewAt: askedAt + Math.max(parsed.data.expires_in * 1000 - RENEW_BEFORE_MS, 0),
    };
    return held.value;
  };

  return {
    token() {
      if (held && options.now() < held.renewAt) return Promise.resolve(held.value);
      pending ??= request().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    rejected(token) {
      if (held?.value === token) held = undefined;
    },
  };
}

function unavailable(what: string, status: number | undefined, cause?: unknown) {
  return new ZoomUnavailable(
    `Zoom's token endpoint ${what}`,
    { method: 'POST', path: 'oauth/token', attempts: 1, ...(status === undefined ? {} : { status }) },
    { cause },
  );
}

/** Zoom's reason for refusing, with the secret cut out should the answer ever echo it. */
function reasonOf(text: string, status: number, secret: string): string {
  const body = refusalBody.safeParse(parseJson(text));
  const reason = (body.success ? (body.data.reason ?? body.data.error) : undefined) ?? `HTTP ${status}`;
  return secret.length > 0 ? reason.split(secret).join('[redacted]') : reason;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
