/**
 * Which calls may be sent again after an answer that never came (a timeout, a dropped connection) or a 5xx, when
 * Zoom may have applied the first one. Zoom has no idempotency keys, so this rests on what a repeat does:
 * - GET reads; PUT, PATCH and DELETE set a state, and setting it twice leaves the same state (a repeated DELETE
 *   may answer 404, which the caller takes as "already gone").
 * - The POSTs that assign or add something Zoom keeps unique (a plan, a number, an assistant, a caller-ID number, a
 *   blocked number, a device by MAC, a phone user by email) answer a repeat with a refusal such as "already
 *   assigned". Callers reconcile: on such a refusal they read the line back and compare, so a first attempt that
 *   went through is found rather than reported as failed.
 * - Creating a site or an emergency address is not unique on Zoom's side: a repeat could make a second one, so
 *   those are never sent again; the outage is thrown and the next reconcile reads what exists first.
 */
const neverRepeated = new Set(['POST /phone/sites', 'POST /phone/emergency_addresses']);

export function mayRepeat(operation: string): boolean {
  return !neverRepeated.has(operation);
}

/** Exponential backoff with jitter (half to full of the step), so clients that failed together do not return together. */
export function backoffMs(failures: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(baseMs * 2 ** Math.max(failures - 1, 0), 30_000);
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * When a 429 says to come back, as epoch ms: Retry-After holds seconds or a date (Zoom has sent ISO dates, HTTP
 * allows an IMF date). Without a usable header, one second.
 */
export function retryAfter(header: string | null, now: number): number {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return now + Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : now + 1000;
}

/** Connection failures that happen before a request is sent, so any call may be tried again. */
export function neverSent(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return true;
  }
  return false;
}
