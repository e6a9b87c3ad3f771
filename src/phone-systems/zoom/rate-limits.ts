import type { ZoomApi } from './generate/operations.ts';

export type RateLabel = 'LIGHT' | 'MEDIUM' | 'HEAVY' | 'RESOURCE-INTENSIVE';
export type RatePlan = 'business' | 'pro';
/** At most `count` requests in any `perMs` milliseconds. */
export type Rate = { count: number; perMs: number };
export type RateTable = Record<ZoomApi, Record<RateLabel, Rate>>;

const perSecond = (count: number): Rate => ({ count, perMs: 1000 });
const perMinute = (count: number): Rate => ({ count, perMs: 60_000 });

/**
 * Zoom's published limits per label. They are account-wide and shared by every app on the account; a client keeps
 * its own calls within them and relies on 429 handling for what other apps spend. The Users API falls under Zoom's
 * "other APIs" column, whose Pro figures are Zoom's Pro column for those APIs.
 */
export const rateLimits: Record<RatePlan, RateTable> = {
  business: {
    phone: {
      LIGHT: perSecond(40),
      MEDIUM: perSecond(20),
      HEAVY: perSecond(10),
      'RESOURCE-INTENSIVE': perMinute(10),
    },
    users: {
      LIGHT: perSecond(80),
      MEDIUM: perSecond(60),
      HEAVY: perSecond(40),
      'RESOURCE-INTENSIVE': perMinute(20),
    },
  },
  pro: {
    phone: {
      LIGHT: perSecond(20),
      MEDIUM: perSecond(10),
      HEAVY: perSecond(5),
      'RESOURCE-INTENSIVE': perMinute(5),
    },
    users: {
      LIGHT: perSecond(30),
      MEDIUM: perSecond(20),
      HEAVY: perSecond(10),
      'RESOURCE-INTENSIVE': perMinute(10),
    },
  },
};
