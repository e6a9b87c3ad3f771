import { inputBlockIds } from './block-kit/blocks.ts';
import { isObject } from './block-kit/checks.ts';
import { checkViewPayload } from './block-kit-validator.ts';
import { showReply } from './response-url.ts';
import type { Store } from './store.ts';
import type { AckResult, View } from './types.ts';
import { buildView, keepMatchingState } from './web-api/view-shape.ts';

export { ACK_DEADLINE_MS } from './store.ts';

/** Records a late ack as a violation; returns true when Slack would already have given up. */
export function wasLate(store: Store, where: string, ack: AckResult): boolean {
  const deadline = store.ackDeadlineMs;
  if (ack.latencyMs <= deadline) return false;
  store.recordViolation(where, [`[ERROR] ack: took ${ack.latencyMs} ms (Slack waits ${deadline} ms)`]);
  return true;
}

/**
 * Slack reads nothing in the ack of a click (block_actions) or of a closed modal: a message, a view or a
 * response_action there never reaches the person, so a body is recorded as a violation.
 */
export function handleBareAck(store: Store, kind: 'block_actions' | 'view_closed', ack: AckResult): void {
  if (wasLate(store, kind, ack) || ack.status !== 200 || ack.body === '') return;
  store.recordViolation(`${kind} ack`, [
    `[ERROR] ack: Slack ignores the body of a ${kind} ack (got ${ack.body.slice(0, 80)}); answer through the response_url or the Web API`,
  ]);
}

/** A slash-command ack body is shown to the person: text or a message, ephemeral unless `in_channel`. */
export function handleSlashAck(
  store: Store,
  at: { channel: string; user: string; command: string; threadTs?: string | undefined },
  ack: AckResult,
) {
  const thread = at.threadTs ? { thread_ts: at.threadTs } : {};
  const failed = (error: string) =>
    store.postEphemeral(at.channel, at.user, {
      text: `${at.command} failed with the error "${error}"`,
      ...thread,
    });
  if (wasLate(store, `slash ${at.command}`, ack)) return failed('operation_timeout');
  if (ack.status !== 200) return failed('dispatch_failed');
  if (ack.body === '') return;
  const reply = isObject(ack.json) ? ack.json : { text: ack.body };
  const rejection = showReply(
    store,
    `slash ${at.command} ack`,
    { channel: at.channel, user: at.user, threadTs: at.threadTs },
    reply,
  );
  if (rejection) failed(rejection.error);
}

function refuse(store: Store, reason: string): void {
  store.recordViolation('view_submission ack', [`[ERROR] ${reason}`]);
}

function acceptedView(store: Store, value: unknown): Record<string, unknown> | undefined {
  const rejection = checkViewPayload(value);
  if (rejection) {
    store.recordViolation('view_submission ack', rejection.messages);
    return undefined;
  }
  return value as Record<string, unknown>;
}

/**
 * Applies a `view_submission` ack to the person's modal stack: empty closes the submitted view; otherwise
 * `response_action` errors/update/push/clear. Anything Slack would refuse leaves the modal as it was.
 */
export function handleViewSubmissionAck(store: Store, user: string, viewId: string, ack: AckResult): void {
  if (wasLate(store, 'view_submission', ack) || ack.status !== 200) return;
  const stack = store.stack(user);
  // Looked up again: the app may have called views.update while Slack waited for the ack.
  const view = stack.find((v) => v.id === viewId);
  if (!view) return;
  if (ack.body === '') {
    stack.splice(stack.indexOf(view), 1);
    return;
  }
  const body = ack.json;
  if (!isObject(body)) {
    refuse(store, `ack: must be empty or JSON with response_action, got ${ack.body.slice(0, 80)}`);
    return;
  }
  switch (body.response_action) {
    case 'errors':
      showErrors(store, view, body.errors);
      return;
    case 'update': {
      const payload = acceptedView(store, body.view);
      if (!payload) return;
      const place = { id: view.id, root: view.root_view_id, previous: view.previous_view_id };
      const next = buildView(store, payload, place);
      next.state = keepMatchingState(view.state, next.blocks);
      store.replaceView(next);
      return;
    }
    case 'push': {
      if (stack.length >= 3) {
        refuse(store, '/response_action: push_limit_reached (3 views in the stack)');
        return;
      }
      const payload = acceptedView(store, body.view);
      if (payload) stack.push(buildView(store, payload, { root: stack[0]?.id ?? null, previous: view.id }));
      return;
    }
    case 'clear':
      stack.length = 0;
      return;
    default:
      refuse(store, `/response_action: unknown value ${JSON.stringify(body.response_action)}`);
  }
}

/** Slack shows errors only under input blocks of the submitted view; any other key makes it refuse the ack. */
function showErrors(store: Store, view: View, value: unknown): void {
  const errors = isObject(value) ? value : {};
  const inputs = inputBlockIds(view.blocks);
  const bad = Object.keys(errors).filter((key) => !inputs.includes(key) || typeof errors[key] !== 'string');
  if (Object.keys(errors).length === 0) {
    refuse(store, '/errors: must name at least one input block');
  } else if (bad.length > 0) {
    refuse(
      store,
      `/errors: ${bad.join(', ')} must be block_ids of input blocks (${inputs.join(', ') || 'none'})`,
    );
  } else {
    view.errors = errors as Record<string, string>;
  }
}
