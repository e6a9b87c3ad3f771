import type { Store } from '../store.ts';

/** Slack's limit on one method: calls a minute, and how many may come at once after a quiet spell. */
export type RateLimit = { perMinute: number; burst: number };

/** Slack's Tier 3 (users.lookupByEmail, conversations.open…): 50 calls a minute, with short bursts. */
export const TIER_3_LIMIT: RateLimit = { perMinute: 50, burst: 20 };

export type ActiveLimit = RateLimit & { tokens: number; at: number };

/** Limits a method from now on, as Slack does per workspace and app: a token bucket that starts full. */
export function limitRate(store: Store, method: string, limit: RateLimit): void {
  if (!(limit.perMinute > 0 && Number.isInteger(limit.burst) && limit.burst >= 1)) {
    throw new Error(
      `fake-slack: a rate limit needs perMinute > 0 and a whole burst >= 1, not ${JSON.stringify(limit)}`,
    );
  }
  store.rateLimits.set(method, { ...limit, tokens: limit.burst, at: store.clock.now() });
}

/**
 * Counts a call against its method's limit: undefined when it may run, else the whole seconds Slack would put in
 * Retry-After (never 0: the WebClient reads a whole number, and a call retried at once would be refused again).
 */
export function overLimit(store: Store, method: string): number | undefined {
  const limit = store.rateLimits.get(method);
  if (!limit) return undefined;
  const msPerToken = 60_000 / limit.perMinute;
  const now = store.clock.now();
  limit.tokens = Math.min(limit.burst, limit.tokens + (now - limit.at) / msPerToken);
  limit.at = now;
  if (limit.tokens >= 1) {
    limit.tokens -= 1;
    return undefined;
  }
  return Math.max(1, Math.ceil(((1 - limit.tokens) * msPerToken) / 1000));
}
