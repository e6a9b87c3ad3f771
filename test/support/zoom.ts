import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { directoryUsers, phoneSync } from '../../db/schema/index.ts';
import { startZoomStandIn, type ZoomStandIn, type ZoomStandInOptions } from '../../src/local/zoom/index.ts';
import { zoomPhoneSystem } from '../../src/phone-systems/zoom/adapter.ts';
import { createZoomClient, type ZoomClient } from '../../src/phone-systems/zoom/client.ts';
import { type RateLabel, type RateTable, rateLimits } from '../../src/phone-systems/zoom/rate-limits.ts';
import type { PhoneSystem } from '../../src/services/phone-system.ts';
import type { useSwitchboard } from './e2e.ts';

const quiet = { debug: () => {}, warn: () => {} };

/**
 * Zoom's business limits times `factor`, for the client (`rates`) and, with room to spare, the stand-in (`options`):
 * a test that reads thousands of people's settings keeps Zoom's proportions without waiting Zoom's minutes.
 */
export function fasterZoom(factor: number): { options: ZoomStandInOptions; rates: RateTable } {
  const labels = ['LIGHT', 'MEDIUM', 'HEAVY'] as const satisfies readonly RateLabel[];
  const phone = rateLimits.business.phone;
  const scale = (table: RateTable[keyof RateTable]) =>
    Object.fromEntries(
      Object.entries(table).map(([label, rate]) => [
        label,
        labels.includes(label as (typeof labels)[number]) ? { ...rate, count: rate.count * factor } : rate,
      ]),
    ) as RateTable[keyof RateTable];
  return {
    // The stand-in applies one figure per label to both APIs: the Phone API's, the smaller, with twice the room, so
    // that a client keeping to its pace is never refused because the two count their seconds from different starts.
    options: {
      rateLimits: Object.fromEntries(labels.map((label) => [label, phone[label].count * factor * 2])),
    },
    rates: { phone: scale(phone), users: scale(phone) },
  };
}

/** The email of the n-th colleague of the test workspace (test/support/e2e.ts). */
export const colleagueEmail = (i: number) => `colleague${i}@example.com`;

/**
 * A fresh local Zoom account for each test, driven through the real Zoom adapter: colleagues 1 to 4 are Zoom users
 * (without Zoom Phone), with 10 US/CA Unlimited plans and the given numbers. `phoneSystem` is what the app is
 * started with; it reaches whichever account the running test has. After each test, nothing Zoom's documents
 * forbid was sent or answered.
 */
export function useLocalZoom(seed: {
  numbers: string[];
  options?: () => ZoomStandInOptions;
  /** The client's own limits, when a test's stand-in allows more than Zoom does (see `fasterZoom`). */
  rates?: RateTable;
}) {
  let zoom: ZoomStandIn | undefined;
  let target: PhoneSystem | undefined;
  const phoneSystem: PhoneSystem = {
    name: 'Zoom Phone',
    reconcile: async (desired) => {
      if (!target) throw new Error('no Zoom account yet');
      return target.reconcile(desired);
    },
    connection: async () => target?.connection() ?? { ok: false, reason: 'no Zoom account yet' },
    readAccount: async (progress, options) => {
      if (!target?.readAccount) throw new Error('no Zoom account yet');
      return target.readAccount(progress, options);
    },
  };
  let client: ZoomClient | undefined;

  beforeEach(async () => {
    await zoom?.stop();
    const account = await startZoomStandIn(seed.options?.() ?? {});
    account.seedUsers(
      [1, 2, 3, 4].map((i) => ({ email: colleagueEmail(i), firstName: 'Colleague', lastName: String(i) })),
    );
    account.seedPlans([{ type: 200, subscribed: 10 }]);
    account.seedNumbers(seed.numbers);
    client = createZoomClient({
      apiUrl: account.apiUrl,
      oauthUrl: account.oauthUrl,
      accountId: account.accountId,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      ratePlan: 'business',
      ...(seed.rates ? { rates: seed.rates } : {}),
      logger: quiet,
    });
    zoom = account;
    target = zoomPhoneSystem({ client, logger: quiet, creationPollMs: 100 });
  });

  afterEach(() => {
    expect(zoom?.violations()).toEqual([]);
  });

  afterAll(async () => {
    await zoom?.stop();
  });

  return {
    phoneSystem,
    get zoom(): ZoomStandIn {
      if (!zoom) throw new Error('the Zoom account starts in beforeEach');
      return zoom;
    },
    /** The Zoom user id of the user with this email. */
    userIdOf(email: string): string {
      const id = zoom?.snapshot().users.find((u) => u.email === email)?.id;
      if (!id) throw new Error(`${email} is not a Zoom user`);
      return id;
    },
    /** A Zoom API client of the test's account, for changes made outside Switchboard (as in Zoom's portal). */
    get client(): ZoomClient {
      if (!client) throw new Error('the Zoom account starts in beforeEach');
      return client;
    },
  };
}

/** A person's row of `phone_sync`, by email. */
export async function syncRowOf(sb: ReturnType<typeof useSwitchboard>, email: string) {
  const db = sb.app.deps.db;
  const [person] = await db.select().from(directoryUsers).where(eq(directoryUsers.email, email));
  if (!person) return undefined;
  return (await db.select().from(phoneSync).where(eq(phoneSync.directoryUserId, person.id)))[0];
}

/** `business_hours_settings` of Monday to Friday from–to, as Zoom's portal writes them (Sunday is day 1). */
export const weekdayHours = (from: string, to: string) => ({
  business_hour_type: 2 as const,
  business_hours: ([2, 3, 4, 5, 6] as const).map((weekday) => ({ weekday, type: 2 as const, from, to })),
});
