import { randomBytes } from 'node:crypto';

/**
 * Ids shaped like Zoom's 22-character ones, counted so that tests read them in order; tracking ids and tokens are
 * random, as nothing may guess a token.
 */
export class ZoomIds {
  private readonly counters = new Map<string, number>();

  next(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).padStart(22 - prefix.length, '0')}`;
  }

  trackingId(): string {
    return `v=2.0;clid=local;rid=${randomBytes(8).toString('hex')}`;
  }

  token(): string {
    return randomBytes(32).toString('base64url');
  }
}
