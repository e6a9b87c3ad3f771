import { checkViewPayload } from '../block-kit-validator.ts';
import { TRIGGER_ID_PATTERN } from '../ids.ts';
import type { Store, TriggerRecord } from '../store.ts';
import type { View } from '../types.ts';
import { type ApiArgs, type ApiHandler, type ApiResult, fail, ok, reject, str } from './context.ts';
import { buildView, keepMatchingState, toWireView } from './view-shape.ts';

const TRIGGER_LIFETIME_MS = 3000;
const MAX_STACK = 3;

/** A trigger is good for 3 seconds and one view; the errors are the ones views.open documents. */
function takeTrigger(store: Store, method: string, args: ApiArgs): TriggerRecord | ApiResult {
  const id = str(args, 'trigger_id') ?? '';
  const trigger = store.triggers.get(id);
  const refuse = (error: string, reason: string) =>
    reject(store, method, { error, messages: [`[ERROR] /trigger_id: ${reason}`] });
  if (!TRIGGER_ID_PATTERN.test(id) || !trigger) {
    return refuse('invalid_trigger_id', 'was not issued by Slack');
  }
  if (trigger.used) return refuse('exchanged_trigger_id', 'was already used to open a view');
  const age = store.clock.now() - trigger.issuedAt;
  if (age > TRIGGER_LIFETIME_MS) {
    return refuse('expired_trigger_id', `is ${age} ms old (Slack allows 3000 ms)`);
  }
  return trigger;
}

function isResult(value: unknown): value is ApiResult {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function checkedView(
  store: Store,
  method: string,
  args: ApiArgs,
  type: View['type'],
): Record<string, unknown> | ApiResult {
  const rejection = checkViewPayload(args.view);
  if (rejection) return reject(store, method, rejection);
  const view = args.view as Record<string, unknown>;
  if (view.type !== type) {
    return reject(store, method, {
      error: 'invalid_arguments',
      messages: [`[ERROR] /view/type: must be ${type}`],
    });
  }
  const externalId = typeof view.external_id === 'string' ? view.external_id : '';
  return externalId && store.findViewByExternalId(externalId) ? fail('duplicate_external_id') : view;
}

export const viewsMethods: Record<string, ApiHandler> = {
  'views.open': (store, args) => {
    const trigger = takeTrigger(store, 'views.open', args);
    if (isResult(trigger)) return trigger;
    const payload = checkedView(store, 'views.open', args, 'modal');
    if (isResult(payload)) return payload;
    trigger.used = true;
    const view = buildView(store, payload, { root: null, previous: null });
    store.modalStacks.set(trigger.user, [view]);
    store.notify();
    return ok({ view: toWireView(view) });
  },

  'views.push': (store, args) => {
    const trigger = takeTrigger(store, 'views.push', args);
    if (isResult(trigger)) return trigger;
    const stack = store.stack(trigger.user);
    if (stack.length >= MAX_STACK) {
      return reject(store, 'views.push', {
        error: 'push_limit_reached',
        messages: ['[ERROR] /view: a modal may have at most 2 pushed views (3 in the stack)'],
      });
    }
    const payload = checkedView(store, 'views.push', args, 'modal');
    if (isResult(payload)) return payload;
    trigger.used = true;
    const view = buildView(store, payload, {
      root: stack[0]?.id ?? null,
      previous: stack.at(-1)?.id ?? null,
    });
    stack.push(view);
    store.notify();
    return ok({ view: toWireView(view) });
  },

  'views.update': (store, args) => {
    const viewId = str(args, 'view_id');
    const externalId = str(args, 'external_id');
    if (!viewId && !externalId) return fail('invalid_arguments');
    const found = viewId ? store.findView(viewId) : store.findViewByExternalId(externalId ?? '');
    if (!found) return fail('not_found');
    const hash = str(args, 'hash');
    if (hash && hash !== found.view.hash) return fail('hash_conflict');
    const rejection = checkViewPayload(args.view);
    if (rejection) return reject(store, 'views.update', rejection);
    const next = buildView(store, args.view as Record<string, unknown>, {
      id: found.view.id,
      root: found.view.root_view_id,
      previous: found.view.previous_view_id,
    });
    next.state = keepMatchingState(found.view.state, next.blocks);
    store.replaceView(next);
    return ok({ view: toWireView(next) });
  },

  'views.publish': (store, args) => {
    const user = str(args, 'user_id') ?? '';
    if (!store.users.has(user)) return fail('user_not_found');
    const current = store.homeViews.get(user);
    const hash = str(args, 'hash');
    if (current && hash && hash !== current.hash) return fail('hash_conflict');
    const rejection = checkViewPayload(args.view);
    if (rejection) return reject(store, 'views.publish', rejection);
    const payload = args.view as Record<string, unknown>;
    if (payload.type !== 'home') {
      return reject(store, 'views.publish', {
        error: 'invalid_arguments',
        messages: ['[ERROR] /view/type: must be home'],
      });
    }
    const view = buildView(store, payload, { id: current?.id, root: null, previous: null });
    if (current) view.state = keepMatchingState(current.state, view.blocks);
    store.homeViews.set(user, view);
    store.notify();
    return ok({ view: toWireView(view) });
  },
};
