import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 10;

/**
 * Polls `probe` until it returns something other than undefined, null or false. Uses real time on purpose:
 * it waits for the app's asynchronous work, which the injected clock does not drive.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | null,
  opts: { timeoutMs?: number } = {},
  context: () => string = () => '',
): Promise<T> {
  // Long enough for a busy machine: a wait ends as soon as its condition holds, so only a failure takes this long.
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = performance.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const outcome =
    lastError === undefined
      ? `it last returned ${String(last)}`
      : `it last threw ${lastError instanceof Error ? lastError.message : String(lastError)}`;
  const probeText = probe.toString().replace(/\s+/g, ' ').slice(0, 300);
  throw new Error(`waitFor gave up after ${timeoutMs} ms; ${outcome}.\nprobe: ${probeText}\n${context()}`);
}
