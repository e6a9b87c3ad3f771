import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { bearerToken, parseApiArgs, readBody, sendJson } from './http-io.ts';
import type { Store } from './store.ts';
import type { AckResult } from './types.ts';

/** What Slack sends over the socket; the app answers each with `{ envelope_id, payload? }`. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** Slack pings every few seconds; the SDK reconnects when it has not heard a ping for 30 s. */
const PING_MS = 10_000;
/** Past this (or twice the acknowledgement deadline) the stand-in stops waiting for an ack, as the HTTP driver does. */
const GIVE_UP_MS = 10_000;

type Pending = { resolve: (ack: AckResult) => void; started: number; timer: NodeJS.Timeout };

/**
 * Socket Mode: `apps.connections.open` hands out a single-use `ws://` URL, the app connects, gets `hello`, and
 * from then on commands, interactions and events reach it as envelopes on the socket instead of signed HTTP
 * requests. Each envelope waits for the app's ack, whose payload plays the part of an HTTP response body.
 */
export class SocketMode {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly tickets = new Set<string>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    server: Server,
  ) {
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.pinger = setInterval(() => {
      for (const ws of this.sockets) ws.ping();
    }, PING_MS).unref();
  }

  /** The URL `apps.connections.open` returns: good for one connection. */
  openUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.store.identity.baseUrl.replace(/^http/, 'ws')}/socket-mode?ticket=${ticket}`;
  }

  get connected(): boolean {
    return this.sockets.size > 0;
  }

  get connections(): number {
    return this.sockets.size;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', this.store.identity.baseUrl);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket-mode' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket) {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.store.recordViolation('socket', ['binary frame from the app']);
      this.receive(data.toString());
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'local-workspace', approximate_connection_time: 3600 },
        connection_info: { app_id: this.store.identity.appId },
      }),
    );
  }

  private receive(text: string) {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return this.store.recordViolation('socket', [`not JSON: ${text.slice(0, 100)}`]);
    }
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
    const waiting = this.pending.get(id);
    if (!waiting) return this.store.recordViolation('socket', [`ack for unknown envelope ${id}`]);
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    const payload = message.payload;
    const empty =
      payload === undefined ||
      payload === null ||
      (typeof payload === 'object' && Object.keys(payload).length === 0);
    waiting.resolve({
      status: 200,
      body: empty ? '' : JSON.stringify(payload),
      ...(empty ? {} : { json: payload }),
      latencyMs: Math.round(performance.now() - waiting.started),
    });
  }

  /** Sends one envelope on the newest connection and resolves with the app's ack. */
  deliver(
    type: EnvelopeType,
    payload: unknown,
    retry: { attempt: number; reason: string } | undefined,
  ): Promise<AckResult> {
    const ws = [...this.sockets].at(-1);
    if (!ws) return Promise.reject(new Error('fake-slack: no Socket Mode connection from the app'));
    const envelopeId = randomUUID();
    return new Promise<AckResult>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending.delete(envelopeId);
          reject(
            new Error(`fake-slack: the app did not ack envelope ${envelopeId} (${type}) over Socket Mode`),
          );
        },
        Math.max(GIVE_UP_MS, 2 * this.store.ackDeadlineMs),
      );
      this.pending.set(envelopeId, { resolve, started: performance.now(), timer });
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          // Slack lets commands and interactions answer in the ack; events only acknowledge.
          accepts_response_payload: type !== 'events_api',
          ...(retry ? { retry_attempt: retry.attempt, retry_reason: retry.reason } : {}),
        }),
      );
    });
  }

  close() {
    clearInterval(this.pinger);
    for (const waiting of this.pending.values()) clearTimeout(waiting.timer);
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}

/**
 * `POST /api/apps.connections.open`: only the app-level token opens a connection; a bot token is the wrong kind
 * of token, as on Slack.
 */
export async function openConnection(
  store: Store,
  socket: SocketMode,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parsed = await parseApiArgs(req, await readBody(req));
  const token = bearerToken(req) ?? (typeof parsed === 'string' ? undefined : parsed.formToken);
  const { appToken, botToken } = store.identity;
  const result =
    token === undefined
      ? { ok: false, error: 'not_authed' }
      : token === botToken
        ? { ok: false, error: 'not_allowed_token_type' }
        : appToken === undefined || token !== appToken
          ? { ok: false, error: 'invalid_auth' }
          : { ok: true, url: socket.openUrl() };
  store.apiCalls.push({
    method: 'apps.connections.open',
    args: {},
    ok: result.ok,
    ...(result.error ? { error: result.error } : {}),
    status: 200,
    at: store.clock.now(),
  });
  sendJson(res, 200, result);
}
