import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryUsers, phoneSync } from '../../db/schema/index.ts';
import { startZoomStandIn, type ZoomStandIn } from '../../src/local/zoom/index.ts';
import { zoomPhoneSystem } from '../../src/phone-systems/zoom/adapter.ts';
import { createZoomClient } from '../../src/phone-systems/zoom/client.ts';
import type { PhoneSystem } from '../../src/services/phone-system.ts';
import { colleague, useSwitchboard } from '../support/e2e.ts';
import { extensionsByEmail, mention, phoneCommands } from '../support/phone.ts';
import { type Exchange, laneOf, recordingFetch } from '../support/zoom-exchanges.ts';

/**
 * Zoom Phone misbehaves while people are being given their lines: tokens expire, 429s come in storms, 5xx answers
 * come in bursts, Zoom is down for a while. Each time, without a restart, every person ends in step with Zoom and
 * the stand-in's account holds exactly what Switchboard holds.
 */
const quiet = { debug: () => {}, warn: () => {} };
const PEOPLE = [1, 2, 3, 4, 5, 6];
const NUMBERED = [1, 2, 3];
const numberOf = (i: number) => `+1415555010${i - 1}`;
const emailOf = (i: number) => `colleague${i}@example.com`;
/** Longer than the worker's longest pause after Zoom could not be reached (5 min). */
const PAST_ANY_PAUSE_MS = 5 * 60_000 + 1_000;

let zoom: ZoomStandIn | undefined;
let target: PhoneSystem | undefined;
let exchanges: Exchange[] = [];
/** How far the app's clock runs ahead of real time: moved to make a person waiting out a pause due. */
let ahead = 0;
const phoneSystem: PhoneSystem = {
  name: 'Zoom Phone',
  reconcile: async (desired) => {
    if (!target) throw new Error('no Zoom account yet');
    return target.reconcile(desired);
  },
  connection: async () => target?.connection() ?? { ok: false, reason: 'no Zoom account yet' },
};
const sb = useSwitchboard({ phoneSystem, clock: { now: () => new Date(Date.now() + ahead) } });
const { phoneChange, setupAccount, license } = phoneCommands(sb);

beforeEach(async () => {
  await zoom?.stop();
  ahead = 0;
  const account = await startZoomStandIn();
  // Their lines exist with the extensions Switchboard gives them (in the order licensed): Zoom numbering new lines in
  // another order can leave two of them each holding the other's extension, which these tests are not about.
  account.seedUsers(
    PEOPLE.map((i) => ({
      email: emailOf(i),
      firstName: 'Colleague',
      lastName: String(i),
      zoomPhone: { extensionNumber: String(999 + i) },
    })),
  );
  account.seedPlans([{ type: 200, subscribed: 10 }]);
  account.seedNumbers(NUMBERED.map(numberOf));
  const recorded = recordingFetch();
  exchanges = recorded.exchanges;
  const client = createZoomClient({
    apiUrl: account.apiUrl,
    oauthUrl: account.oauthUrl,
    accountId: account.accountId,
    clientId: account.clientId,
    clientSecret: account.clientSecret,
    ratePlan: 'business',
    logger: quiet,
    fetch: recorded.fetch,
  });
  zoom = account;
  target = zoomPhoneSystem({ client, logger: quiet, creationPollMs: 100 });
});

afterEach(() => {
  expect(zoom?.violations()).toEqual([]);
  expect(sb.slack.violations()).toEqual([]);
});

afterAll(async () => {
  await zoom?.stop();
});

const syncRows = async () => {
  const db = sb.app.deps.db;
  const rows = await db
    .select({ email: directoryUsers.email, state: phoneSync.state, reason: phoneSync.reason })
    .from(phoneSync)
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneSync.directoryUserId));
  return rows.filter((row) => PEOPLE.some((i) => emailOf(i) === row.email));
};

/**
 * Waits until the worker has nothing due, then, while someone still waits out a pause after Zoom could not be
 * reached, moves the app's clock past the longest pause and wakes the worker. A refusal ends the wait at once.
 */
async function converge(): Promise<void> {
  for (let round = 0; round < 40; round++) {
    await sb.app.sync?.idle();
    const rows = await syncRows();
    expect(rows.filter((row) => row.state === 'failed')).toEqual([]);
    if (rows.length === PEOPLE.length && rows.every((row) => row.state === 'in_sync')) return;
    ahead += PAST_ANY_PAUSE_MS;
    sb.app.sync?.wake();
  }
  throw new Error(`not in sync: ${JSON.stringify(await syncRows())}`);
}

/** Polls the database until `probe` holds; the timeout only bounds a test that would otherwise hang. */
async function until(probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the database');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Licenses the people with plan 200, the first three in two steps so that a fault can come between. */
async function licenseEveryone(between: () => Promise<void> | void = () => {}): Promise<void> {
  await setupAccount();
  await phoneChange(`numbers add ${numberOf(1)}..${numberOf(NUMBERED.length)}`);
  await license(
    PEOPLE.slice(0, 3).map((i) => colleague(i)),
    'plan:200',
  );
  await between();
  await license(
    PEOPLE.slice(3).map((i) => colleague(i)),
    'plan:200',
  );
  for (const i of NUMBERED) await phoneChange(`number add ${mention(colleague(i))} ${numberOf(i)}`);
}

/** Each person has one phone user in Zoom, with Switchboard's extension, plan 200 and their number if they have one. */
async function expectZoomMatches(): Promise<void> {
  const extensions = await extensionsByEmail(sb.app.deps.db);
  const snapshot = zoom?.snapshot();
  for (const i of PEOPLE) {
    const user = snapshot?.users.find((u) => u.email === emailOf(i));
    const lines = snapshot?.phoneUsers.filter((p) => p.userId === user?.id) ?? [];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      extensionNumber: extensions[emailOf(i)],
      plans: [200],
      numbers: NUMBERED.includes(i) ? [numberOf(i)] : [],
    });
  }
}

const apiCalls = () => exchanges.filter((e) => e.api !== 'oauth');
const statusCount = (status: number) => apiCalls().filter((e) => e.status === status).length;

/** Figures for the report of a run: how long, how many calls and how many of each fault. */
function figures(name: string, startedAt: number) {
  const tokens = exchanges.filter((e) => e.api === 'oauth').length;
  const fiveHundreds = apiCalls().filter((e) => (e.status ?? 0) >= 500).length;
  process.stdout.write(
    `zoom-faults ${name}: ${Date.now() - startedAt} ms, ${apiCalls().length} API calls, ${statusCount(429)} × 429, ${fiveHundreds} × 5xx, ${statusCount(401)} × 401, ${tokens} token requests\n`,
  );
}

describe('Zoom Phone misbehaving while people get their lines', () => {
  it('asks for a new token when Zoom stops taking the old one, and everyone ends in sync', async () => {
    const startedAt = Date.now();
    await licenseEveryone(async () => {
      await sb.app.sync?.idle();
      expect(exchanges.filter((e) => e.api === 'oauth')).toHaveLength(1);
      zoom?.expireTokens();
    });
    await converge();
    await expectZoomMatches();
    expect(statusCount(401)).toBeGreaterThan(0);
    expect(exchanges.filter((e) => e.api === 'oauth' && e.status === 200).length).toBeGreaterThanOrEqual(2);
    figures('expired tokens', startedAt);
  });

  it('waits out every 429 of a storm on a lane until the time Zoom gave, and everyone ends in sync', async () => {
    const startedAt = Date.now();
    zoom?.setRateLimit('LIGHT', 4);
    zoom?.throttle('LIGHT', 15);
    await licenseEveryone();
    await converge();
    await expectZoomMatches();
    const refusals = apiCalls().filter((e) => e.status === 429);
    expect(refusals.length).toBeGreaterThanOrEqual(15);
    expect(refusals.length).toBe(zoom?.rateLimited().LIGHT);
    // A request the client sent on a lane once it had taken in a 429 on it, and before the time that 429 gave.
    const requests = zoom?.requests() ?? [];
    const early = refusals.flatMap((refusal) =>
      apiCalls()
        .filter(
          (e) =>
            laneOf(e, requests) === laneOf(refusal, requests) &&
            e.sentAt > (refusal.seenAt ?? Number.POSITIVE_INFINITY) &&
            e.sentAt < (refusal.retryAt ?? 0),
        )
        .map((e) => ({ refusal, early: e })),
    );
    expect(early).toEqual([]);
    figures('429 storm', startedAt);
  });

  it('tries again through a burst of 503s, and everyone ends in sync', async () => {
    const startedAt = Date.now();
    zoom?.failNext(12, { status: 503 });
    await licenseEveryone();
    await converge();
    await expectZoomMatches();
    expect(statusCount(503)).toBe(12);
    figures('503 burst', startedAt);
  });

  it('reads the line back when Zoom refuses a repeat of a call it had carried out, and finds it done', async () => {
    const startedAt = Date.now();
    // Zoom gives the last three people their plan and answers 503: the client sends each again, and Zoom refuses
    // the repeat as a plan the user already has. (No later change marks them again, so a refusal would stay.)
    // Only each person's first call fails: a repeat that came before another person's first call must not take
    // that person's fault.
    const failedOnce = new Set<string>();
    const firstPlanCall = (call: { method: string; path: string; template: string }) => {
      if (call.method !== 'POST' || call.template !== '/phone/users/{userId}/calling_plans') return false;
      if (failedOnce.has(call.path)) return false;
      failedOnce.add(call.path);
      return true;
    };
    await licenseEveryone(async () => {
      await sb.app.sync?.idle();
      zoom?.failNext(3, { status: 503, applied: true, match: firstPlanCall });
    });
    await converge();
    await expectZoomMatches();
    const planCalls = apiCalls().filter((e) => e.method === 'POST' && /\/calling_plans$/.test(e.path));
    expect(planCalls.filter((e) => e.status === 503)).toHaveLength(3);
    expect(planCalls.filter((e) => e.status === 400)).toHaveLength(3);
    figures('repeat refused', startedAt);
  });

  it('leaves people pending while Zoom is down, saying it could not be reached, and syncs them once it is back', async () => {
    const startedAt = Date.now();
    await licenseEveryone(async () => {
      await sb.app.sync?.idle();
      zoom?.outage(true);
    });
    await until(async () => {
      const rows = await syncRows();
      const waiting = rows.filter(
        (row) => row.state === 'pending' && /Zoom Phone could not be reached/.test(row.reason ?? ''),
      );
      return waiting.length >= 3;
    });
    const outageAnswers =
      statusCount(503) + exchanges.filter((e) => e.api === 'oauth' && e.status === 503).length;
    expect(outageAnswers).toBeGreaterThan(0);
    zoom?.outage(false);
    await converge();
    await expectZoomMatches();
    figures('outage', startedAt);
  });
});
