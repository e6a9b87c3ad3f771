import { latestDriftCheck } from '../store/drift.ts';
import type { Deps } from './context.ts';
import { checkDrift } from './drift.ts';

type Log = { info(...message: unknown[]): void; warn(...message: unknown[]): void };

/** How often an instance looks whether a check is due: every instance looks, the first to find one due runs it. */
const LOOK_EVERY_MS = 60_000;

/**
 * Compares the phone system with Switchboard every `minutes`, on one instance at a time: each instance looks once
 * a minute whether the latest check (by any instance) is older than `minutes`, and the drift lease lets only one
 * of those that find it due read the phone system. `minutes` 0 schedules nothing.
 */
export function scheduleDriftChecks(
  deps: Deps,
  minutes: number,
  log: Log,
  options: { lookEveryMs?: number } = {},
): { stop(): Promise<void> } {
  if (minutes <= 0 || !deps.phoneSystem?.readAccount) return { stop: async () => {} };
  const everyMs = minutes * 60_000;
  const lookEveryMs = Math.min(options.lookEveryMs ?? LOOK_EVERY_MS, everyMs);
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const look = async () => {
    const latest = await latestDriftCheck(deps.db);
    const now = deps.clock.now().getTime();
    if (latest && now - latest.startedAt.getTime() < everyMs) return;
    const result = await checkDrift(deps, null);
    if (result.ok) {
      const found = result.value.differences.length;
      log.info(`Drift check: ${found} difference${found === 1 ? '' : 's'} with ${result.value.system}`);
    } else if (result.error.code !== 'DRIFT_BUSY') {
      log.warn(
        `Drift check failed: ${result.error.code === 'DRIFT_READ_FAILED' ? result.error.reason : result.error.code}`,
      );
    }
  };
  const tick = () => {
    if (stopped) return;
    running = look()
      .catch((error: unknown) => log.warn('Drift check failed unexpectedly', error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, lookEveryMs).unref();
      });
  };
  timer = setTimeout(tick, lookEveryMs).unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
