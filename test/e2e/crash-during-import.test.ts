import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freshDatabase,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from '../../bench/app-process.ts';
import { type Database, type DatabaseHandle, openDatabase, queryRows } from '../../db/client.ts';
import { type FakeSlack, type Message, startFakeSlack } from '../../src/local/index.ts';
import { addAdmin, updateAccount } from '../../src/store/account.ts';
import { testDatabaseUrl } from '../support/database.ts';
import { ADMIN_ID, BOT_TOKEN, CHANNEL, SIGNING_SECRET, visibleText } from '../support/e2e.ts';
import { snapshotWithoutAudit } from '../support/fixtures.ts';
import { teeLog } from '../support/log-scan.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';
import { buttonOf, importOf } from '../support/uploads.ts';

/**
 * The app is killed (SIGKILL) while it applies an import, then started again on the same database: the account is
 * as it was before the import, the import is reported failed in its thread and in `/phone imports`, and its
 * preview's button imports it. Killed while it reads an upload, it comes back with the upload failed, its thread
 * told to upload the file again, and the buttons of a preview it had posted saying the same.
 *
 * The kill must land inside the apply's transaction, after it has written rows. On PostgreSQL the test holds a lock
 * on the audit log, which the apply needs after its first batch of users: it waits there, the test sees it waiting,
 * and kills it. The embedded database runs inside the app's process and holds its event loop while it works, so
 * there a module loaded into the process (support/die-while-applying.ts) kills it at the same point.
 */
const ROWS = 5000;
const DIE_WHILE_APPLYING = new URL('../support/die-while-applying.ts', import.meta.url).href;
const FILE_ID_NAME = 'everyone.csv';

function addFile(rows: number): Buffer {
  const lines = ['Email,First Name,Last Name,Site,Extension'];
  for (let i = 0; i < rows; i++) lines.push(`person${i}@example.com,First${i},Last${i},Main,${100_000 + i}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const engine = testDatabaseUrl
  ? { name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: testDatabaseUrl }
  : { name: 'PGlite', kind: 'pglite' as const };

const state: {
  slack?: FakeSlack;
  database?: Awaited<ReturnType<typeof freshDatabase>>;
  app?: AppProcess;
} = {};

beforeAll(async () => {
  state.database = await freshDatabase(engine, async (handle) => {
    await addAdmin(handle.db, ADMIN_ID, 'test');
    await updateAccount(handle.db, { licensesTotal: ROWS }, new Date());
  });
  state.slack = await startFakeSlack({
    ackDeadlineMs: TEST_ACK_DEADLINE_MS,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
  });
  state.slack.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
  state.slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
});

afterAll(async () => {
  if (state.app) await stopAppProcess(state.app.child);
  await state.slack?.stop();
  await state.database?.drop();
});

/** Starts the app as `npm start` does; `dieWhileApplying` loads the module that kills it inside the apply. */
async function startApp(dieWhileApplying = false): Promise<AppProcess> {
  const slack = state.slack as FakeSlack;
  const app = await startAppProcess(
    switchboardEnv(
      slack,
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
      [ADMIN_ID],
      state.database ?? {},
    ),
    { echo: false, onOutput: teeLog, nodeFlags: dieWhileApplying ? ['--import', DIE_WHILE_APPLYING] : [] },
  );
  slack.setRequestUrl(app.requestUrl);
  state.app = app;
  return app;
}

async function killApp(app: AppProcess) {
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGKILL');
  await exited;
  state.app = undefined;
}

/** Opens the account's database from the test (for PGlite, only while no app holds it). */
async function withDatabase<T>(read: (db: Database, handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ databaseUrl: state.database?.url, pgliteDir: state.database?.dir });
  try {
    return await read(handle.db, handle);
  } finally {
    await handle.close();
  }
}

async function accountNow() {
  return withDatabase(async (db) => ({
    ...(await snapshotWithoutAudit(db)),
    audit: await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`),
  }));
}

const appReplies = (slack: FakeSlack, ts: string) =>
  slack.messages(CHANNEL).filter((m) => m.thread_ts === ts && m.bot_id !== undefined);

describe(`the app killed while it applies an import (${engine.name})`, () => {
  it('comes back with the account as before, the import failed, and imports it when asked again', async () => {
    const slack = state.slack as FakeSlack;
    const before = await accountNow();
    let app = await startApp(engine.kind === 'pglite');

    const uploaded = await slack.uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: FILE_ID_NAME,
      content: addFile(ROWS),
      mimetype: 'text/csv',
      comment: 'import',
    });
    const preview = await slack.waitFor(
      () => appReplies(slack, uploaded.ts).find((m) => buttonOf(m, /^Import/)),
      { timeoutMs: 60_000 },
    );
    expect(visibleText(preview)).toContain(`${ROWS} to add`);

    const click = () => {
      const button = buttonOf(preview, /^Import/);
      if (!button) throw new Error('no Import button');
      return slack.click({
        user: ADMIN_ID,
        actionId: button.action_id,
        value: button.value,
        message: { channel: CHANNEL, ts: preview.ts },
      });
    };

    if (engine.kind === 'postgres') {
      await killWhileWaitingOnTheAuditLog(app, click);
    } else {
      const died = new Promise((resolve) => app.child.once('exit', (_code, signal) => resolve(signal)));
      expect((await click()).status).toBe(200);
      expect(await died).toBe('SIGKILL');
      state.app = undefined;
    }

    const afterCrash = await accountNow();
    expect(afterCrash).toEqual(before);
    const interrupted = await withDatabase((db) => importOf(db, uploaded.fileId));
    expect(interrupted?.status).toBe('applying');

    app = await startApp();
    const notice = await slack.waitFor(
      () => appReplies(slack, uploaded.ts).find((m) => m.text.includes('did not finish')),
      { timeoutMs: 30_000 },
    );
    expect(visibleText(notice)).toContain('nothing was changed');

    const listed = await slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'imports' });
    expect(listed.status).toBe(200);
    const list = await slack.waitFor(() =>
      slack.ephemerals(ADMIN_ID, CHANNEL).find((m) => m.text.includes('Recent imports')),
    );
    expect(visibleText(list as unknown as Message)).toMatch(
      /everyone\.csv.*\*failed\*: stopped before it was saved/,
    );

    expect((await click()).status).toBe(200);
    const summary = await slack.waitFor(
      () => appReplies(slack, uploaded.ts).find((m) => m.text.includes('imported everyone.csv')),
      { timeoutMs: 120_000 },
    );
    expect(visibleText(summary)).toContain(`${ROWS} created`);
    await stopAppProcess(app.child);
    state.app = undefined;
    const done = await withDatabase(async (db) => ({
      users: await queryRows<{ n: number }>(db, sql`select count(*)::int as n from phone_users`),
      status: (await importOf(db, uploaded.fileId))?.status,
    }));
    expect(done).toEqual({ users: [{ n: ROWS }], status: 'applied' });
  }, 240_000);
});

/**
 * Holds a lock that the apply needs after writing its first batch of users, clicks Import, waits until the apply is
 * waiting for it, and kills the app there; then lets go, so the dead apply's session can end.
 */
async function killWhileWaitingOnTheAuditLog(app: AppProcess, click: () => Promise<{ status: number }>) {
  const postgres = (await import('postgres')).default;
  const sqlClient = postgres(state.database?.url as string, { max: 1, onnotice: () => {} });
  try {
    await sqlClient.begin(async (tx) => {
      await tx`lock table audit_log in share mode`;
      expect((await click()).status).toBe(200);
      for (let waited = 0; ; waited += 20) {
        const [row] = await tx<{ n: number }[]>`
          select count(*)::int as n from pg_locks
          where not granted and relation = 'audit_log'::regclass`;
        if (row && row.n > 0) break;
        if (waited > 60_000) throw new Error('the apply never reached the audit log');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await killApp(app);
    });
    // The dead app's sessions end once they notice their client is gone.
    for (let waited = 0; ; waited += 20) {
      const [row] = await sqlClient<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`;
      if (row?.n === 0) break;
      if (waited > 30_000) throw new Error('the dead app still has sessions open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await sqlClient.end({ timeout: 5 });
  }
}

describe(`the app killed while it reads an upload (${engine.name})`, () => {
  it('comes back with the upload failed and nothing kept, tells its thread, and its buttons say to upload it again', async () => {
    const slack = state.slack as FakeSlack;
    // Licenses for the file's people, whatever the test before used.
    await withDatabase((db) => updateAccount(db, { licensesTotal: ROWS + 10 }, new Date()));
    const before = await accountNow();
    let app = await startApp();
    // The kill lands after the file is read and stored and its preview posted, before it is marked shown:
    // Slack's answer to the preview's message is held, and the app is killed while it waits for it.
    const hold = slack.holdCalls({
      method: 'chat.postMessage',
      when: (args) => String(args.text ?? '').includes('late.csv: add file'),
    });
    const uploaded = await slack.uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: 'late.csv',
      content: Buffer.from(
        'Email,First Name,Last Name\nlate1@example.com,Late,One\nlate2@example.com,Late,Two\n',
      ),
      mimetype: 'text/csv',
      comment: 'import',
    });
    await slack.waitFor(() => hold.holding() === 1, { timeoutMs: 60_000 });
    const preview = appReplies(slack, uploaded.ts).find((m) => buttonOf(m, /^Import/));
    if (!preview) throw new Error('no preview posted');
    await killApp(app);
    hold.release();
    expect(await withDatabase((db) => importOf(db, uploaded.fileId))).toMatchObject({
      status: 'reading',
      content: expect.stringContaining('late2@example.com'),
    });

    app = await startApp();
    const notice = await slack.waitFor(
      () => appReplies(slack, uploaded.ts).find((m) => m.text.includes('did not finish')),
      { timeoutMs: 30_000 },
    );
    expect(visibleText(notice)).toBe(
      ':x: Reading *late.csv* did not finish: Switchboard stopped while checking it, so nothing of it was kept and nothing was changed. Upload the file again.',
    );

    const button = buttonOf(preview, /^Import/);
    const click = await slack.click({
      user: ADMIN_ID,
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
      message: { channel: CHANNEL, ts: preview.ts },
    });
    expect(click.status).toBe(200);
    const answer = await slack.waitFor(() => slack.responses(ADMIN_ID).at(-1));
    expect(answer.body.text).toBe(
      ':warning: Switchboard stopped while it was reading late.csv, so nothing of it was kept and there is nothing to import. Upload the file again.',
    );

    const shown = slack.ephemerals(ADMIN_ID, CHANNEL).length;
    expect((await slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'imports' })).status).toBe(200);
    const list = await slack.waitFor(() =>
      slack
        .ephemerals(ADMIN_ID, CHANNEL)
        .slice(shown)
        .find((m) => m.text.includes('Recent imports')),
    );
    expect(visibleText(list as unknown as Message)).toMatch(
      /`late\.csv` · add · not read to the end · \*failed\*: Switchboard stopped while reading it; upload it again/,
    );

    await stopAppProcess(app.child);
    state.app = undefined;
    expect(await withDatabase((db) => importOf(db, uploaded.fileId))).toMatchObject({
      status: 'failed',
      failure: 'interrupted',
      content: null,
    });
    expect(await accountNow()).toEqual(before);
  }, 240_000);
});
