import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, parseApiArgs, readBody, sendJson } from '../http-io.ts';
import type { Store } from '../store.ts';
import { authMethods } from './auth.ts';
import { chatMethods } from './chat.ts';
import { type ApiArgs, type ApiHandler, type ApiResult, fail } from './context.ts';
import { conversationsMethods } from './conversations.ts';
import { faultError, sendFault, takeFault } from './faults.ts';
import { filesMethods } from './files.ts';
import { takeHold } from './holds.ts';
import { overLimit } from './rate-limits.ts';
import { usersMethods } from './users.ts';
import { viewsMethods } from './views.ts';

const METHODS: Record<string, ApiHandler> = {
  ...authMethods,
  ...chatMethods,
  ...conversationsMethods,
  ...filesMethods,
  ...usersMethods,
  ...viewsMethods,
};

function run(store: Store, method: string, handler: ApiHandler, args: ApiArgs): ApiResult {
  try {
    return handler(store, args);
  } catch (error) {
    // A bug in the fake must not look like a Slack answer the app could handle quietly.
    return fail('fatal_error', { detail: error instanceof Error ? error.stack : String(error), method });
  }
}

/**
 * `POST /api/<method>`: Slack answers HTTP 200 with `ok:false` for every failure but rate limits and outages,
 * which come from faults set with `failCalls`, after the token is checked, as Slack limits a known caller.
 */
export async function handleApiRequest(
  store: Store,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const parsed = await parseApiArgs(req, await readBody(req));
  const args = typeof parsed === 'string' ? {} : parsed.args;
  const journal = (ok: boolean, error: string | undefined, status: number) =>
    store.apiCalls.push({ method, args, ok, ...(error ? { error } : {}), status, at: store.clock.now() });
  const answer = (result: ApiResult) => {
    journal(result.ok, result.error, 200);
    sendJson(res, 200, result);
  };
  const handler = METHODS[method];
  if (!handler) return answer(fail('unknown_method'));
  if (typeof parsed === 'string') return answer(fail(parsed));
  const token = bearerToken(req) ?? parsed.formToken;
  if (!token) return answer(fail('not_authed'));
  if (token !== store.identity.botToken) return answer(fail('invalid_auth'));
  const fault = takeFault(store, method, args);
  if (fault) {
    journal(false, faultError(fault), fault.status);
    return sendFault(res, fault);
  }
  const retryAfterSeconds = overLimit(store, method);
  if (retryAfterSeconds !== undefined) {
    journal(false, 'ratelimited', 429);
    return sendFault(res, { status: 429, retryAfterSeconds });
  }
  const hold = takeHold(store, method, args);
  const result = run(store, method, handler, args);
  if (hold) {
    await hold.released;
    hold.holding -= 1;
  }
  answer(result);
}
