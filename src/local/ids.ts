import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.ts';

/** Slack-shaped ids (`V…`, `F…`, `Ev…`), message timestamps and trigger ids, all deterministic except random tails. */
export class Ids {
  private readonly counters = new Map<string, number>();
  private lastMicros = 0;

  constructor(private readonly clock: Clock) {}

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}0L${n.toString(36).toUpperCase().padStart(7, '0')}`;
  }

  /** `"<10 digits>.<6 digits>"`, strictly increasing even when the clock stands still, as Slack's ts values are. */
  ts(): string {
    const micros = Math.max(this.clock.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Slack's documented shape is `"132456.7890123.abcdef…"`; views.open rejects anything else as invalid. */
  triggerId(): string {
    const n = (this.counters.get('trigger') ?? 0) + 1;
    this.counters.set('trigger', n);
    return `${Math.floor(this.clock.now() / 1000)}.${1000000 + n}.${randomBytes(16).toString('hex')}`;
  }

  viewHash(): string {
    return `${Math.floor(this.clock.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  secret(): string {
    return randomBytes(12).toString('hex');
  }
}

export const TRIGGER_ID_PATTERN = /^\d+\.\d+\.[0-9a-f]{32}$/;
