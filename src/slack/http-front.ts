import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '@slack/bolt';
import { z } from 'zod';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

/** Slack's requests are a few kilobytes; a view submission with every input filled is well under 1 MB. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export type FrontOptions = {
  logger: Logger;
  /** True once the database is migrated and the services are built. */
  ready: () => boolean;
  /** Bolt's listener for a Slack request whose body is already read (`rawBody`); undefined in Socket Mode. */
  events: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
};

/**
 * The app's whole HTTP surface: `GET /healthz`, and in HTTP mode `POST /slack/events`. Every other path or method is
 * answered here (404, 405), and a body that is not a Slack payload gets 400 before Bolt sees it: Bolt 5.1's
 * receiver throws for a path it does not serve and reads `body.ssl_check` of a payload that is JSON `null` outside
 * its own try, either of which would end the process. Nothing a request holds can throw past this listener.
 */
export function httpFront(options: FrontOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res, options).catch((error: unknown) => {
      options.logger.error(`HTTP ${safeMethod(req)} ${safePath(req)} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error\n');
      else res.destroy();
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, options: FrontOptions): Promise<void> {
  const path = safePath(req);
  const method = safeMethod(req);
  if (path === HEALTH_PATH) {
    if (method !== 'GET' && method !== 'HEAD') return refuse(res, 405, 'GET, HEAD');
    const ok = options.ready();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(method === 'HEAD' ? undefined : JSON.stringify({ status: ok ? 'ok' : 'starting' }));
    return;
  }
  if (path !== EVENTS_PATH || !options.events) return refuse(res, 404);
  if (method !== 'POST') return refuse(res, 405, 'POST');

  const body = await readBody(req, SLACK_BODY_LIMIT);
  if (body === 'too-large') {
    options.logger.warn(`Refused a request to ${EVENTS_PATH} over ${SLACK_BODY_LIMIT} bytes`);
    res.writeHead(413, { connection: 'close' }).end(() => req.destroy());
    return;
  }
  if (!isSlackPayload(body, req.headers['content-type'])) {
    options.logger.warn(`Refused a request to ${EVENTS_PATH} whose body is not a Slack payload`);
    return refuse(res, 400);
  }
  // Bolt reads the body from `rawBody` when it is there, instead of from the stream consumed above.
  Object.assign(req, { rawBody: body });
  options.events(req, res);
}

function refuse(res: ServerResponse, status: 400 | 404 | 405, allow?: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...(allow ? { allow } : {}) });
  res.end(status === 404 ? 'Not found\n' : status === 405 ? 'Method not allowed\n' : 'Bad request\n');
}

/** The body, or 'too-large' as soon as it passes `limit` (the rest is never buffered). */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  if (Number(req.headers['content-length']) > limit) return 'too-large';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

const id = z.string().min(1);
const someone = z.looseObject({ id });

/**
 * The requests Slack sends this app, as far as Bolt and the listeners rely on their shape. Anything else (a payload
 * that is JSON `null`, an event with no event, a button press with no action, a kind of interaction the app never
 * asked for) is refused with 400 here: Bolt would throw on some of them and leave others unanswered for 3 seconds.
 */
const slackRequest = z.union([
  // A union takes the first shape that fits: the commonest request first, so it is tried alone.
  z.looseObject({ command: id, user_id: id, channel_id: id, text: z.string().optional() }),
  z.looseObject({ ssl_check: z.literal('1') }),
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({ type: z.literal('event_callback'), event: z.looseObject({ type: id }) }),
  z.looseObject({ type: z.literal('app_rate_limited') }),
  z.looseObject({
    type: z.literal('block_actions'),
    user: someone,
    actions: z.array(z.looseObject({ action_id: id })).min(1),
  }),
  z.looseObject({
    type: z.enum(['view_submission', 'view_closed']),
    user: someone,
    view: z.looseObject({ id, callback_id: z.string() }),
  }),
]);

/**
 * Whether the body is a Slack request, read the way Bolt reads it: the fields of a form (slash commands,
 * `ssl_check`), the JSON of its `payload` field (interactions), or a JSON body (events).
 */
export function isSlackPayload(body: Buffer, contentType: string | undefined): boolean {
  const text = body.toString('utf8');
  let value: unknown;
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(text);
      value = typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
    } else {
      value = JSON.parse(text);
    }
  } catch {
    return false;
  }
  return slackRequest.safeParse(value).success;
}

function safePath(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

function safeMethod(req: IncomingMessage): string {
  return (req.method ?? '').toUpperCase();
}
