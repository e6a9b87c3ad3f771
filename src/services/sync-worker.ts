import { unreachablePauseMs } from '../domain/phone-sync.ts';
import type { Database } from '../store/database.ts';
import { desiredLine } from '../store/desired-lines.ts';
import {
  claimSync,
  finishSync,
  nextSyncDue,
  renewSync,
  type SyncClaim,
  type SyncFinish,
} from '../store/phone-sync.ts';
import type { PhoneSystem } from './phone-system.ts';
import type { Clock } from './ports.ts';

export type SyncWorkerOptions = {
  db: Database;
  clock: Clock;
  phoneSystem: PhoneSystem;
  log: { warn(message: string): void };
  /** People reconciled at once by this instance; the adapter keeps the phone system's rate limits. */
  concurrency?: number;
  /** How long a claimed person stays with this instance before another may take them over (this one died). */
  leaseMs?: number;
  /** The longest sleep with nothing due: markings written by another instance are found this late at worst. */
  idleMs?: number;
  /** How often a reconcile still running renews its lease, in real time; a third of the lease by default. */
  renewEveryMs?: number;
  /** Told each time a person's outcome is recorded, for what shows it (the status line under a change). */
  onSettled?: () => void;
};

export type SyncWorker = {
  /** A change that marked people has committed: look now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
  /** Resolves once no person is due (people waiting for a later retry do not count). */
  idle(): Promise<void>;
};

/**
 * People reconciled at once per instance. A reconcile is a chain of calls one after the other, so the phone
 * system's rate limits, not this, should bound the pace: a few dozen chains keep every rate lane busy.
 */
const DEFAULT_CONCURRENCY = 24;
/** How long the people of an instance that died stay claimed: a live instance renews its claims as it works. */
const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_IDLE_MS = 5_000;
/** After the database itself failed (a claim or a finish), before looking again. */
const DATABASE_PAUSE_MS = 1_000;
const STOP_WAIT_MS = 5_000;

/**
 * Brings the phone system in step with the database, one person at a time, several people at once. Each slot
 * claims the person longest due, reads what their line should be and asks the phone system to hold it. The
 * adapter is level-triggered, so a reconcile repeated after a crash, a lost lease or a second instance changes
 * nothing twice; what the worker must never do is record `in_sync` over a marking it did not see, which is why
 * every outcome is recorded only if the person's generation is still the one read before the reconcile.
 */
export function startSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let stopped = false;
  /** Slots that have not yet looked and found nothing due since the last wake. */
  let busy = concurrency;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    busy -= 1;
    if (busy > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters = [];
  };

  const slots = Array.from({ length: concurrency }, () => slot());

  function slot() {
    let rung = false;
    let wakeUp: (() => void) | undefined;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, ms));
        timer.unref();
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      });
    let settled = false;
    const ring = () => {
      rung = true;
      if (settled) {
        settled = false;
        busy += 1;
      }
      wakeUp?.();
    };

    const loop = async () => {
      while (!stopped) {
        rung = false;
        let claim: SyncClaim | undefined;
        try {
          claim = await claimSync(options.db, options.clock.now(), leaseMs);
          if (claim) await reconcile(options, claim, leaseMs);
        } catch (error) {
          if (stopped) break;
          // The database failed, not the phone system (reconcile turns those into outcomes): the claim, if any,
          // runs out by itself and the person is taken up again.
          options.log.warn(`Phone sync: ${describe(error)}`);
          await sleep(DATABASE_PAUSE_MS);
          continue;
        }
        if (claim || rung) continue;
        const due = await nextSyncDue(options.db).catch(() => undefined);
        if (rung || stopped) continue;
        settled = true;
        settle();
        const untilDue = due ? due.getTime() - options.clock.now().getTime() : idleMs;
        await sleep(Math.min(idleMs, Math.max(untilDue, 50)));
        if (!settled) continue;
        settled = false;
        busy += 1;
      }
      if (!settled) {
        settled = true;
        settle();
      }
    };
    return { ring, running: loop() };
  }

  return {
    wake() {
      for (const each of slots) each.ring();
    },
    async stop() {
      stopped = true;
      for (const each of slots) each.ring();
      // A reconcile cut short is safe (its claim runs out and the next one repeats it without a second effect):
      // do not hold a shutdown for a phone system that answers slowly.
      await Promise.race([
        Promise.all(slots.map((each) => each.running)),
        new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
    },
    idle: () => (busy > 0 ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}

/** One person: what their line should be, the phone system's answer, and that answer recorded if still current. */
async function reconcile(options: SyncWorkerOptions, claimed: SyncClaim, leaseMs: number): Promise<void> {
  const { db, clock } = options;
  const lease = keepLease(options, claimed, leaseMs);
  let finish: SyncFinish;
  try {
    const desired = await desiredLine(db, claimed.directoryUserId, claimed.email);
    try {
      const outcome = await options.phoneSystem.reconcile(desired);
      const at = clock.now();
      finish =
        outcome.state === 'pending'
          ? { ...outcome, at, runAfter: new Date(at.getTime() + Math.max(0, outcome.retryInMs)) }
          : { ...outcome, at };
    } catch (error) {
      // The phone system could not be reached: not the person's fault, so tried again, less often each time.
      const at = clock.now();
      const reason = `${options.phoneSystem.name} could not be reached: ${describe(error)}`;
      options.log.warn(`Phone sync of ${claimed.email}: ${reason}`);
      finish = {
        state: 'pending',
        at,
        runAfter: new Date(at.getTime() + unreachablePauseMs(claimed.attempts)),
        reason,
      };
    }
  } finally {
    await lease.stop();
  }
  // Lost meanwhile (this process stalled past its lease): the worker that took the person over records instead.
  if (lease.claim && (await finishSync(db, lease.claim, finish))) options.onSettled?.();
}

/**
 * Renews the claim every `renewEveryMs` while the reconcile runs, so that a slow phone system never lets the
 * lease of a live worker run out. `stop()` ends the renewals and waits for one in flight; `claim` is then the
 * claim as it stands (undefined when it was lost), for the finish to match.
 */
function keepLease(options: SyncWorkerOptions, claimed: SyncClaim, leaseMs: number) {
  const state: { claim: SyncClaim | undefined } = { claim: claimed };
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    const current = state.claim;
    if (!current) return;
    const until = new Date(options.clock.now().getTime() + leaseMs);
    try {
      state.claim = await renewSync(options.db, current, until);
    } catch (error) {
      // The database could not be reached: the claim stands as it was, and the next tick tries again.
      options.log.warn(`Phone sync could not renew its claim on ${claimed.email}: ${describe(error)}`);
    }
  };
  const timer = setInterval(
    () => {
      renewing = renewing.then(renew);
    },
    options.renewEveryMs ?? Math.max(1, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return {
    get claim() {
      return state.claim;
    },
    async stop() {
      clearInterval(timer);
      await renewing;
    },
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
