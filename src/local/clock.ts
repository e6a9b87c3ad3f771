/** Milliseconds since the epoch. Injected so that tests can step past Slack's 3 s and 30 min windows. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that moves only when told to. It starts at the real time because the app under test checks request
 * signatures against its own wall clock: a clock far in the past would make every request look replayed.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('ManualClock only moves forward');
    this.current += ms;
  }
}
