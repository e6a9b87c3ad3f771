import PQueue from 'p-queue';
import type { ZoomApi } from './generate/operations.ts';
import type { Rate, RateLabel, RateTable } from './rate-limits.ts';

export type Lane = { api: ZoomApi; label: RateLabel };

export type Limiter = {
  /** Runs `send` when the lane has room. `retry` puts it ahead of first attempts waiting in the lane. */
  run<T>(lane: Lane, send: () => Promise<T>, options?: { retry?: boolean }): Promise<T>;
  /**
   * Zoom answered 429: the lane starts nothing before `until` (epoch ms); a 429 again for a request sent after that
   * pause halves its rate (for a minute).
   */
  /** `sentAt`: when the refused request left, on `performance.now()`'s clock. */
  throttled(lane: Lane, until: number, sentAt: number): void;
  /** Requests the lane currently allows per its window (its rate, halved while Zoom keeps answering 429). */
  allowance(lane: Lane): number;
  /** Until when (epoch ms) the lane starts nothing because of a 429; 0 for a lane never paused. */
  pausedUntil(lane: Lane): number;
};

/** A lane runs at half rate for this long after 429s come close together, then goes back to its full rate. */
const SLOW_FOR_MS = 60_000;

/**
 * One queue per API and rate-limit label, shared by all the calls of a client. A lane of `count` per `perMs`
 * lets `count` requests hold a slot at once, and a request keeps its slot until `perMs` after its answer came.
 * Counting from the answer rather than from the start is what keeps Zoom from ever seeing more than `count`
 * requests within `perMs`, however late each one reaches it: a request sent late still arrived before its answer.
 * The price is throughput: a lane runs at `count` per (`perMs` + the time Zoom takes to answer).
 * Waits are on the wall clock (Retry-After is a wall-clock time), so there is no clock to inject here.
 */
export function createLimiter(rates: RateTable): Limiter {
  const lanes = new Map<string, LaneState>();
  const laneOf = (lane: Lane) => {
    const key = `${lane.api} ${lane.label}`;
    let state = lanes.get(key);
    if (!state) {
      state = new LaneState(rates[lane.api][lane.label]);
      lanes.set(key, state);
    }
    return state;
  };
  return {
    run: (lane, send, options) => laneOf(lane).run(send, options?.retry === true),
    throttled: (lane, until, sentAt) => laneOf(lane).throttled(until, sentAt),
    allowance: (lane) => laneOf(lane).queue.concurrency,
    pausedUntil: (lane) => laneOf(lane).pausedUntil,
  };
}

class LaneState {
  readonly queue: PQueue;
  pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private restoreTimer: NodeJS.Timeout | undefined;
  private last429At: number | undefined;
  /** When the last 429 that counted came back (the first of a burst, or one that halved the rate), `performance.now()`. */
  private countedAt: number | undefined;

  constructor(private readonly rate: Rate) {
    this.queue = new PQueue({ concurrency: rate.count });
  }

  run<T>(send: () => Promise<T>, retry: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      void this.queue.add(
        async () => {
          try {
            resolve(await send());
          } catch (error) {
            reject(error);
          }
          await new Promise((done) => setTimeout(done, this.rate.perMs));
        },
        { priority: retry ? 1 : 0 },
      );
    });
  }

  throttled(until: number, sentAt: number) {
    const at = Date.now();
    // The 429s of requests that had left before the last counted 429 came back are that same burst: only a 429
    // for a request sent after it says the rate is still too high, and halves it (so a burst of forty answers
    // does not bring a lane of forty down to one).
    const sameBurst = this.countedAt !== undefined && sentAt < this.countedAt;
    if (!sameBurst) {
      if (this.last429At !== undefined && at - this.last429At < SLOW_FOR_MS) {
        this.queue.concurrency = Math.max(1, Math.floor(this.queue.concurrency / 2));
      }
      this.countedAt = performance.now();
    }
    this.last429At = at;
    clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => {
      this.queue.concurrency = this.rate.count;
      this.last429At = undefined;
      this.countedAt = undefined;
    }, SLOW_FOR_MS).unref();
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.queue.pause();
    this.armResume();
  }

  /** Timers may fire a little early, and a resume before `until` would send too soon: check and wait again. */
  private armResume() {
    clearTimeout(this.resumeTimer);
    const wait = this.pausedUntil - Date.now();
    if (wait <= 0) {
      this.queue.start();
      return;
    }
    this.resumeTimer = setTimeout(() => this.armResume(), wait);
  }
}
