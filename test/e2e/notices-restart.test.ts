import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freshDatabase,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from '../../bench/app-process.ts';
import { openDatabase } from '../../db/client.ts';
import { directoryUsers, noticeJobs } from '../../db/schema/index.ts';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { addAdmin, updateAccount } from '../../src/store/account.ts';
import { testDatabaseUrl } from '../support/database.ts';
import { ADMIN_ID, BOT_TOKEN, CHANNEL, SIGNING_SECRET, visibleText } from '../support/e2e.ts';
import { teeLog } from '../support/log-scan.ts';
import { buttonOf } from '../support/uploads.ts';

/**
 * The app is killed (SIGKILL) while it sends the direct messages of an import, at the worst moment: Slack has
 * posted one message and the app has not heard back. Started again on the same database, it links and tells the
 * people it had not reached yet, and nobody gets a message twice.
 */
const PEOPLE = Array.from({ length: 6 }, (_, i) => ({
  id: `UNEW${String(i + 1).padStart(6, '0')}`,
  email: `newcomer${i + 1}@example.com`,
}));

const engine = testDatabaseUrl
  ? { name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: testDatabaseUrl }
  : { name: 'PGlite', kind: 'pglite' as const };

const state: { slack?: FakeSlack; database?: Awaited<ReturnType<typeof freshDatabase>>; app?: AppProcess } =
  {};

beforeAll(async () => {
  state.database = await freshDatabase(engine, async (handle) => {
    await addAdmin(handle.db, ADMIN_ID, 'test');
    await updateAccount(handle.db, { licensesTotal: 10 }, new Date());
  });
  const slack = await startFakeSlack({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
  slack.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
  for (const [i, person] of PEOPLE.entries()) {
    slack.addUser({
      id: person.id,
      name: `newcomer${i + 1}`,
      realName: `Newcomer ${i + 1}`,
      email: person.email,
    });
  }
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  state.slack = slack;
});

afterAll(async () => {
  if (state.app) await stopAppProcess(state.app.child);
  await state.slack?.stop();
  await state.database?.drop();
});

async function startApp(): Promise<AppProcess> {
  const slack = state.slack as FakeSlack;
  const env = switchboardEnv(
    slack,
    { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
    [ADMIN_ID],
    state.database ?? {},
  );
  const app = await startAppProcess(env, { echo: false, onOutput: teeLog });
  slack.setRequestUrl(app.requestUrl);
  state.app = app;
  return app;
}

const dmsTo = (slack: FakeSlack, id: string) => slack.messages(slack.dmChannel(id)).map(visibleText);

describe(`the app killed while it tells an import's people (${engine.name})`, () => {
  it('tells everyone once after a restart, the message in flight included', async () => {
    const slack = state.slack as FakeSlack;
    const app = await startApp();
    // The third direct message is posted by Slack, but its answer never reaches the app: it is killed first.
    let dms = 0;
    const held = slack.holdCalls({
      method: 'chat.postMessage',
      when: (args) => /^U/.test(String(args.channel)) && ++dms === 3,
    });

    const csv = ['Email,First Name,Last Name', ...PEOPLE.map((p, i) => `${p.email},Newcomer,${i + 1}`)];
    const uploaded = await slack.uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: 'newcomers.csv',
      content: Buffer.from(csv.join('\n'), 'utf8'),
      mimetype: 'text/csv',
      comment: 'import',
    });
    const preview = await slack.waitFor(
      () => slack.messages(CHANNEL).find((m) => m.thread_ts === uploaded.ts && buttonOf(m, /^Import/)),
      { timeoutMs: 60_000 },
    );
    const button = buttonOf(preview, /^Import/);
    await slack.click({
      user: ADMIN_ID,
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
      message: { channel: CHANNEL, ts: preview.ts },
    });
    await slack.waitFor(() => held.holding() === 1, { timeoutMs: 60_000 });
    const exited = new Promise((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGKILL');
    await exited;
    state.app = undefined;
    held.release();
    const toldBefore = PEOPLE.filter((p) => dmsTo(slack, p.id).length > 0).length;
    expect(toldBefore).toBe(3);

    const again = await startApp();
    await slack.waitFor(() => PEOPLE.every((p) => dmsTo(slack, p.id).length > 0), { timeoutMs: 60_000 });
    await stopAppProcess(again.child);
    state.app = undefined;

    for (const person of PEOPLE) {
      expect(dmsTo(slack, person.id)).toEqual([
        expect.stringContaining('You now have a phone line: extension'),
      ]);
    }
    const handle = await openDatabase({ databaseUrl: state.database?.url, pgliteDir: state.database?.dir });
    try {
      const jobs = await handle.db.select().from(noticeJobs).orderBy(asc(noticeJobs.id));
      expect(jobs.map((job) => [job.state, job.outcome])).toEqual(PEOPLE.map(() => ['done', 'sent']));
      const linked = await handle.db.select().from(directoryUsers).orderBy(asc(directoryUsers.id));
      expect(linked.map((user) => user.slackUserId)).toEqual(PEOPLE.map((p) => p.id));
    } finally {
      await handle.close();
    }
  });
});
