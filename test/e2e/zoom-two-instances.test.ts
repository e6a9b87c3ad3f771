import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freshDatabase,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
  zoomEnv,
} from '../../bench/app-process.ts';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { startZoomStandIn, type ZoomStandIn } from '../../src/local/zoom/index.ts';
import { addAdmin } from '../../src/store/account.ts';
import { testDatabaseUrl, testDriver } from '../support/database.ts';
import {
  ADMIN_ID,
  BOT_TOKEN,
  CHANNEL,
  colleague,
  SIGNING_SECRET,
  type useSwitchboard,
} from '../support/e2e.ts';
import { teeLog } from '../support/log-scan.ts';
import { phoneCommands } from '../support/phone.ts';

/**
 * Two app instances on one PostgreSQL database drive one Zoom Phone account. Thirty people get a line; the first
 * plan calls Zoom receives are held until the people nobody holds are done, so that both instances' workers take
 * people whatever their timing. Each person is reconciled by one instance at a time (one plan assignment each,
 * nothing refused), and the two together bring everyone in step. PGlite lives in one process: PostgreSQL only.
 */
const PEOPLE = Array.from({ length: 30 }, (_, i) => i + 1);
/** One instance reconciles up to 24 people at once (src/services/sync-worker.ts): the rest can only go elsewhere. */
const HELD = 24;
const emailOf = (i: number) => `colleague${i}@example.com`;
const PLAN_CALL = 'POST /phone/users/{userId}/calling_plans';

describe.runIf(testDriver === 'postgres')('two app instances syncing people to Zoom Phone', () => {
  const state: {
    slack?: FakeSlack;
    zoom?: ZoomStandIn;
    database?: Awaited<ReturnType<typeof freshDatabase>>;
    apps: AppProcess[];
  } = { apps: [] };

  beforeAll(async () => {
    state.database = await freshDatabase(
      { name: 'PostgreSQL', kind: 'postgres', serverUrl: testDatabaseUrl as string },
      async (handle) => {
        await addAdmin(handle.db, ADMIN_ID, 'test');
      },
    );
    const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    slack.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
    for (const i of PEOPLE) {
      slack.addUser({
        id: colleague(i),
        name: `colleague${i}`,
        realName: `Colleague ${i}`,
        email: emailOf(i),
      });
    }
    slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
    state.slack = slack;
    const zoom = await startZoomStandIn();
    // Their lines exist with Switchboard's extensions, so that only the plans are left to give.
    zoom.seedUsers(
      PEOPLE.map((i) => ({
        email: emailOf(i),
        firstName: 'Colleague',
        lastName: String(i),
        zoomPhone: { extensionNumber: String(999 + i) },
      })),
    );
    zoom.seedPlans([{ type: 200, subscribed: 40 }]);
    state.zoom = zoom;
    const env = {
      ...switchboardEnv(
        slack,
        { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
        [ADMIN_ID],
        state.database,
      ),
      ...zoomEnv(zoom),
    };
    for (let n = 0; n < 2; n++)
      state.apps.push(await startAppProcess(env, { echo: false, onOutput: teeLog }));
    // Slack sends to the first; the second only works the database's queue.
    slack.setRequestUrl((state.apps[0] as AppProcess).requestUrl);
  }, 420_000);

  afterAll(async () => {
    for (const app of state.apps) await stopAppProcess(app.child);
    await state.slack?.stop();
    await state.zoom?.stop();
    await state.database?.drop();
  });

  it('reconciles each person in one instance at a time, and the two bring everyone in step', async () => {
    const slack = state.slack as FakeSlack;
    const zoom = state.zoom as ZoomStandIn;
    const held = zoom.hangNext(HELD, PLAN_CALL);
    const { phoneChange, license } = phoneCommands({ slack } as unknown as ReturnType<typeof useSwitchboard>);
    await phoneChange('licenses 40');
    await phoneChange('plans set 200 40');
    await license(
      PEOPLE.map((i) => colleague(i)),
      'plan:200',
    );
    const planned = (i: number) =>
      zoom
        .snapshot()
        .phoneUsers.find((p) => p.email === emailOf(i))
        ?.plans.includes(200) === true;
    // The people whose plan call was not held are done while the held ones wait: no instance had room for them
    // but the one whose people are not all held.
    await zoom.waitFor(
      () => held.holding() === HELD && PEOPLE.filter(planned).length === PEOPLE.length - HELD,
      {
        timeoutMs: 60_000,
      },
    );
    held.release();
    await zoom.waitFor(() => PEOPLE.every(planned), { timeoutMs: 60_000 });

    const snapshot = zoom.snapshot();
    for (const i of PEOPLE) {
      const lines = snapshot.phoneUsers.filter((p) => p.email === emailOf(i));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ extensionNumber: String(999 + i), plans: [200] });
    }
    const planCalls = zoom.requests().filter((r) => `${r.method} ${r.template}` === PLAN_CALL);
    // One assignment per person, none refused: nobody was reconciled by both at once.
    expect(planCalls.filter((r) => r.status >= 400)).toEqual([]);
    expect(new Set(planCalls.map((r) => r.path)).size).toBe(PEOPLE.length);
    expect(planCalls).toHaveLength(PEOPLE.length);
    // Two access tokens, one per instance: both did part of the work.
    expect(new Set(planCalls.map((r) => r.token)).size).toBe(2);
    expect(zoom.violations()).toEqual([]);
  });
});
