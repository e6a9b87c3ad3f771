import { type ServerResponse, STATUS_CODES } from 'node:http';
import { sendJson, sendText } from '../http-io.ts';
import type { Store } from '../store.ts';
import type { CallFault, FaultAnswer, FaultHandle } from '../types.ts';
import type { ApiArgs } from './context.ts';

/** A fault still in force: the rule, and how many more matching calls it answers. */
export type ActiveFault = { rule: CallFault; left: number };

function check(rule: CallFault): void {
  const times = rule.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
    throw new Error(`fake-slack: failCalls times must be a positive integer or Infinity, not ${times}`);
  }
  const { answer } = rule;
  // Slack sends whole seconds, and the WebClient reads the header with parseInt.
  if (
    answer.status === 429 &&
    !(Number.isInteger(answer.retryAfterSeconds) && answer.retryAfterSeconds >= 0)
  ) {
    throw new Error(
      `fake-slack: retryAfterSeconds must be a whole number of seconds, not ${answer.retryAfterSeconds}`,
    );
  }
}

/** Puts a fault in force until it has answered `times` calls or is lifted; faults are consulted oldest first. */
export function addFault(store: Store, rule: CallFault): FaultHandle {
  check(rule);
  const fault: ActiveFault = { rule, left: rule.times ?? 1 };
  store.faults.push(fault);
  return {
    remaining: () => fault.left,
    lift: () => {
      fault.left = 0;
    },
  };
}

/** The answer the oldest matching fault gives this call, counting the call against it; none if no fault matches. */
export function takeFault(store: Store, method: string, args: ApiArgs): FaultAnswer | undefined {
  const fault = store.faults.find(
    ({ rule, left }) => left > 0 && rule.method === method && (rule.when?.(args) ?? true),
  );
  if (!fault) return undefined;
  fault.left -= 1;
  return fault.rule.answer;
}

/** The error a fault leaves in the call journal: Slack's own code for a rate limit, none for an outage. */
export function faultError(answer: FaultAnswer): string | undefined {
  return answer.status === 429 ? 'ratelimited' : undefined;
}

/**
 * Answers as Slack does when it does not run the call: a rate limit as HTTP 429 with `Retry-After` and Slack's
 * JSON body; an outage as a bare HTTP 5xx page, which carries no `ok` field for the client to read.
 */
export function sendFault(res: ServerResponse, answer: FaultAnswer): void {
  if (answer.status === 429) {
    const headers = { 'retry-after': String(answer.retryAfterSeconds) };
    sendJson(res, 429, { ok: false, error: 'ratelimited' }, headers);
  } else {
    sendText(res, answer.status, STATUS_CODES[answer.status] ?? 'Server Error');
  }
}
