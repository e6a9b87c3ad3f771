import type { Clock } from '../clock.ts';
import type { RateLabel, ZoomPlan } from './types.ts';

type Window = { limit: number; windowMs: number };
type Api = 'phone' | 'users';

/**
 * Zoom's limits per API, label and plan: the Phone API has its own table, the Users API shares the "other APIs"
 * one. Resource-intensive calls are counted per minute, the others per second.
 */
const PLAN_LIMITS: Record<Api, Record<ZoomPlan, Record<RateLabel, number>>> = {
  phone: {
    pro: { LIGHT: 20, MEDIUM: 10, HEAVY: 5, 'RESOURCE-INTENSIVE': 5 },
    business: { LIGHT: 40, MEDIUM: 20, HEAVY: 10, 'RESOURCE-INTENSIVE': 10 },
  },
  users: {
    pro: { LIGHT: 30, MEDIUM: 20, HEAVY: 10, 'RESOURCE-INTENSIVE': 10 },
    business: { LIGHT: 80, MEDIUM: 60, HEAVY: 40, 'RESOURCE-INTENSIVE': 20 },
  },
};

export const CATEGORY: Record<RateLabel, string> = {
  LIGHT: 'Light',
  MEDIUM: 'Medium',
  HEAVY: 'Heavy',
  'RESOURCE-INTENSIVE': 'Resource-intensive',
};

export type Refusal = { label: RateLabel; limit: number; retryAt: number };

/** Fixed windows per API and label, account-wide as Zoom counts them. */
export class RateLimits {
  private readonly windows = new Map<string, Window>();
  private readonly counts = new Map<string, { start: number; used: number }>();
  readonly refused: Partial<Record<RateLabel, number>> = {};

  constructor(
    private readonly clock: Clock,
    plan: ZoomPlan,
    overrides: Partial<Record<RateLabel, number>> = {},
  ) {
    for (const api of ['phone', 'users'] as const) {
      for (const [label, limit] of Object.entries(PLAN_LIMITS[api][plan]) as [RateLabel, number][]) {
        const windowMs = label === 'RESOURCE-INTENSIVE' ? 60_000 : 1000;
        this.windows.set(`${api} ${label}`, { limit: overrides[label] ?? limit, windowMs });
      }
    }
  }

  /** A label's limit on both APIs (a test's narrow window applies wherever the label is used). */
  set(label: RateLabel, limit: number): void {
    if (!(Number.isInteger(limit) && limit >= 0)) throw new Error(`zoom stand-in: bad rate limit ${limit}`);
    for (const api of ['phone', 'users'] as const) {
      const window = this.windows.get(`${api} ${label}`);
      if (window) window.limit = limit;
    }
  }

  /** Counts a call; a refusal says when the window turns, for Retry-After. */
  take(api: Api, label: RateLabel): Refusal | undefined {
    const key = `${api} ${label}`;
    const window = this.windows.get(key);
    if (!window) return undefined;
    const now = this.clock.now();
    const start = Math.floor(now / window.windowMs) * window.windowMs;
    const count = this.counts.get(key);
    const current = count && count.start === start ? count : { start, used: 0 };
    this.counts.set(key, current);
    if (current.used >= window.limit) return this.refuse(api, label, start + window.windowMs);
    current.used += 1;
    return undefined;
  }

  refuse(api: Api, label: RateLabel, retryAt?: number): Refusal {
    this.refused[label] = (this.refused[label] ?? 0) + 1;
    const window = this.windows.get(`${api} ${label}`) ?? { limit: 0, windowMs: 1000 };
    const at = retryAt ?? (Math.floor(this.clock.now() / window.windowMs) + 1) * window.windowMs;
    return { label, limit: window.limit, retryAt: at };
  }
}
