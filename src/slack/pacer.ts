/**
 * Slack's Web API limits each method per workspace: Tier 3 (users.lookupByEmail among them) allows about
 * 50 calls a minute with short bursts; chat.postMessage about one a second per conversation and a few hundred a
 * minute in all. Background work keeps under those rates by itself, so that Slack seldom has to say
 * `ratelimited`; when it does anyway (another instance, another app on the token), the caller waits Retry-After.
 */
export type Rate = { perMinute: number; burst: number };

export const TIER_3: Rate = { perMinute: 50, burst: 20 };

export const BACKGROUND_RATES: Record<string, Rate> = {
  'users.lookupByEmail': TIER_3,
  'chat.postMessage': { perMinute: 300, burst: 20 },
};

/** Token buckets, one per method: `take` resolves when a call of that method may go. */
export class Pacer {
  private readonly buckets = new Map<string, { tokens: number; at: number; queue: Promise<void> }>();

  constructor(
    private readonly rates: Record<string, Rate>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(method: string): Promise<void> {
    const rate = this.rates[method];
    if (!rate) return Promise.resolve();
    let bucket = this.buckets.get(method);
    if (!bucket) {
      bucket = { tokens: rate.burst, at: this.now(), queue: Promise.resolve() };
      this.buckets.set(method, bucket);
    }
    const b = bucket;
    const turn = b.queue.then(async () => {
      const msPerToken = 60_000 / rate.perMinute;
      const refill = () => {
        const now = this.now();
        b.tokens = Math.min(rate.burst, b.tokens + (now - b.at) / msPerToken);
        b.at = now;
      };
      refill();
      if (b.tokens < 1) {
        await new Promise((resolve) => setTimeout(resolve, (1 - b.tokens) * msPerToken).unref());
        refill();
      }
      b.tokens -= 1;
    });
    b.queue = turn;
    return turn;
  }

  /** Slack said to wait: no call of `method` goes before `ms` from now. */
  hold(method: string, ms: number): void {
    const bucket = this.buckets.get(method);
    const rate = this.rates[method];
    if (!bucket || !rate) return;
    bucket.tokens = Math.min(bucket.tokens, 0) - ms / (60_000 / rate.perMinute);
  }
}

/** Rates scaled by `factor`: the benchmark runs the same pacing faster against a stand-in limited alike. */
export function scaledRates(rates: Record<string, Rate>, factor: number): Record<string, Rate> {
  return Object.fromEntries(
    Object.entries(rates).map(([method, rate]) => [method, { ...rate, perMinute: rate.perMinute * factor }]),
  );
}
