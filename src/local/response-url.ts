import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObject } from './block-kit/checks.ts';
import { checkMessage, LIMITS, type Rejection } from './block-kit-validator.ts';
import { readBody, sendJson } from './http-io.ts';
import type { InteractionSource, ResponseUrlRecord, Store } from './store.ts';

const MAX_USES = 5;
const LIFETIME_MS = 30 * 60 * 1000;

type Reply = Record<string, unknown>;

function content(reply: Reply): { text: string; blocks?: unknown[] } {
  const text = typeof reply.text === 'string' ? reply.text : '';
  return Array.isArray(reply.blocks) ? { text, blocks: reply.blocks } : { text };
}

const flag = (value: unknown) => value === true || value === 'true';

function changeSource(
  store: Store,
  source: InteractionSource,
  next: { text: string; blocks?: unknown[] } | 'delete',
) {
  if (source.kind === 'ephemeral') {
    const index = store.ephemerals.findIndex((e) => e.id === source.id);
    const current = store.ephemerals[index];
    if (!current) return;
    if (next === 'delete') store.ephemerals.splice(index, 1);
    else
      store.ephemerals[index] = {
        id: current.id,
        channel: current.channel,
        user: current.user,
        ts: current.ts,
        ...next,
      };
    store.notify();
    return;
  }
  const message = store.findMessage(source.channel, source.ts);
  if (!message) return;
  if (next === 'delete') return store.removeMessage(source.channel, source.ts);
  message.text = next.text;
  if (next.blocks) message.blocks = next.blocks;
  else delete message.blocks;
  store.notify();
}

/**
 * Shows a reply the way Slack does for response_url posts and slash-command ack bodies: ephemeral by default,
 * in the channel (as the app) with `response_type: in_channel`, or in place of the message clicked. A command
 * typed in a thread, or a click on a message in one, is answered in that thread.
 */
export function showReply(
  store: Store,
  where: string,
  target: {
    channel: string;
    user: string;
    source?: InteractionSource | undefined;
    threadTs?: string | undefined;
  },
  reply: Reply,
): Rejection | undefined {
  if (flag(reply.delete_original) && target.source) {
    changeSource(store, target.source, 'delete');
    return undefined;
  }
  const rejection = checkMessage(reply, { maxText: LIMITS.messageText });
  if (rejection) {
    store.recordViolation(where, rejection.messages);
    return rejection;
  }
  if (flag(reply.replace_original) && target.source) {
    changeSource(store, target.source, content(reply));
  } else {
    const threadTs = typeof reply.thread_ts === 'string' ? reply.thread_ts : target.threadTs;
    const thread = threadTs ? { thread_ts: threadTs } : {};
    if (reply.response_type === 'in_channel')
      store.postAsBot(target.channel, { ...content(reply), ...thread });
    else store.postEphemeral(target.channel, target.user, { ...content(reply), ...thread });
  }
  return undefined;
}

function spent(store: Store, record: ResponseUrlRecord): string | undefined {
  const age = store.clock.now() - record.issuedAt;
  if (record.uses >= MAX_USES) {
    return `[ERROR] /response_url: already used ${record.uses} times (Slack allows ${MAX_USES})`;
  }
  if (age > LIFETIME_MS) return `[ERROR] /response_url: ${age} ms old (Slack allows 30 minutes)`;
  return undefined;
}

/** `POST /response/<id>`: Bolt's `respond()` throws a RespondError on the 404 of a spent URL. */
export async function handleResponseUrl(store: Store, id: string, req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  const record = store.responseUrls.get(id);
  if (!record) return sendJson(res, 404, { ok: false, error: 'no_such_url' });
  const problem = spent(store, record);
  if (problem) {
    store.recordViolation('response_url', [problem]);
    return sendJson(res, 404, { ok: false, error: 'expired_url' });
  }
  record.uses += 1;
  let reply: unknown;
  try {
    reply = JSON.parse(body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  }
  if (!isObject(reply)) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
  store.responses.push({ user: record.user, channel: record.channel, body: reply, at: store.clock.now() });
  const rejection = showReply(store, 'response_url', record, reply);
  if (rejection) {
    return sendJson(res, 400, { ok: false, error: rejection.error, messages: rejection.messages });
  }
  sendJson(res, 200, { ok: true });
}
