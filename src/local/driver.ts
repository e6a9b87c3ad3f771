import { createHmac } from 'node:crypto';
import type { Clock } from './clock.ts';
import type { SocketMode } from './socket-mode.ts';
import type { AckResult, SignMode } from './types.ts';

/**
 * Past this the driver stops waiting (at least this long, and twice the acknowledgement deadline); Slack itself
 * gives up after the deadline, which the caller judges from latencyMs.
 */
const GIVE_UP_MS = 10_000;

/** Bolt compares the content type as an exact string: `; charset=utf-8` would make it parse the body as JSON. */
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function slackSignature(secret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

export type OutgoingRequest = {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  sign?: SignMode;
};

/**
 * Signs requests exactly as Slack does and posts them to the app's request URL; once the app has connected in
 * Socket Mode, sends commands, interactions and events as envelopes on its socket instead, as Slack does.
 */
export class Driver {
  socket: SocketMode | undefined;
  constructor(
    private readonly clock: Clock,
    private readonly signingSecret: string,
    public requestUrl: string | undefined,
    private readonly ackDeadlineMs: number,
  ) {}

  private signatureHeaders(mode: SignMode, body: string): Record<string, string> {
    if (mode === 'none') return {};
    // The app checks staleness against its own wall clock, so a stale stamp must be old by both clocks.
    const nowMs =
      mode === 'stale' ? Math.min(this.clock.now(), Date.now()) - 6 * 60 * 1000 : this.clock.now();
    const timestamp = Math.floor(nowMs / 1000);
    const secret = mode === 'wrong-secret' ? `${this.signingSecret}-not-it` : this.signingSecret;
    return {
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    };
  }

  async send(request: OutgoingRequest): Promise<AckResult> {
    const url = this.requestUrl;
    if (!url) {
      throw new Error('fake-slack: no request URL for the app yet; pass requestUrl or call setRequestUrl()');
    }
    const headers = {
      'content-type': request.contentType,
      ...this.signatureHeaders(request.sign ?? 'valid', request.body),
      ...request.headers,
    };
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: request.body,
        signal: AbortSignal.timeout(Math.max(GIVE_UP_MS, 2 * this.ackDeadlineMs)),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`fake-slack: could not deliver to the app at ${url}: ${reason}`);
    }
    const body = await response.text();
    const latencyMs = Math.round(performance.now() - started);
    return {
      status: response.status,
      body,
      latencyMs,
      ...parseJson(response.headers.get('content-type'), body),
    };
  }

  sendForm(fields: Record<string, string>): Promise<AckResult> {
    return this.send({ body: new URLSearchParams(fields).toString(), contentType: FORM });
  }

  sendSlash(fields: Record<string, string>): Promise<AckResult> {
    if (this.socket?.connected) return this.socket.deliver('slash_commands', fields, undefined);
    return this.sendForm(fields);
  }

  sendInteraction(payload: Record<string, unknown>): Promise<AckResult> {
    if (this.socket?.connected) return this.socket.deliver('interactive', payload, undefined);
    return this.sendForm({ payload: JSON.stringify(payload) });
  }

  sendEvent(envelope: Record<string, unknown>, headers: Record<string, string>): Promise<AckResult> {
    if (this.socket?.connected) {
      const attempt = headers['x-slack-retry-num'];
      const retry =
        attempt === undefined
          ? undefined
          : { attempt: Number(attempt), reason: headers['x-slack-retry-reason'] ?? 'timeout' };
      return this.socket.deliver('events_api', envelope, retry);
    }
    return this.send({ body: JSON.stringify(envelope), contentType: JSON_TYPE, headers });
  }
}

function parseJson(contentType: string | null, body: string): { json?: unknown } {
  if (!contentType?.includes('json')) return {};
  try {
    return { json: JSON.parse(body) };
  } catch {
    return {};
  }
}
