import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, startAppProcess, stopAppProcess, switchboardEnv } from '../../bench/app-process.ts';
import { type DatabaseHandle, migrationsFolder, openDatabase, queryRows } from '../../db/client.ts';
import { type FakeSlack, type Message, startFakeSlack } from '../../src/local/index.ts';
import { updateAccount } from '../../src/store/account.ts';
import { createScratchDatabase, testDatabaseUrl, testDriver } from '../support/database.ts';
import { ADMIN_ID, BOT_TOKEN, CHANNEL, SIGNING_SECRET, visibleText } from '../support/e2e.ts';
import { teeLog } from '../support/log-scan.ts';
import { auditedAfter, lastAuditId } from '../support/phone.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';
import { buttonOf, importOf, uploadClaims, waitForDb } from '../support/uploads.ts';

const FILE = 'newcomers.csv';
const PEOPLE = ['grace', 'alan', 'edsger'];
const CSV = `Email,First Name,Last Name\r\n${PEOPLE.map((p) => `${p}@example.com,${p},Example`).join('\r\n')}\r\n`;

/**
 * Slack sends every request to one URL. This stands there and passes each request on, unchanged (the signature
 * covers the body and the x-slack-* headers), to every instance at once, as a load balancer that retries on both
 * would; the stand-in gets the first instance's acknowledgement. Returns the statuses each request got.
 */
async function startFanOut(targets: () => string[]) {
  const statuses: number[][] = [];
  const server = createServer((req, res) => void fanOut(req, res, targets(), statuses));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    statuses,
  };
}

async function fanOut(req: IncomingMessage, res: ServerResponse, targets: string[], statuses: number[][]) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && (name === 'content-type' || name.startsWith('x-slack-'))) {
      headers[name] = value;
    }
  }
  const answers = await Promise.all(
    targets.map(async (target) => {
      try {
        const answer = await fetch(target, { method: 'POST', headers, body });
        return { status: answer.status, type: answer.headers.get('content-type'), text: await answer.text() };
      } catch (error) {
        return { status: 502, type: 'text/plain', text: String(error) };
      }
    }),
  );
  statuses.push(answers.map((answer) => answer.status));
  const [first] = answers;
  res.writeHead(first?.status ?? 502, { 'content-type': first?.type ?? 'text/plain' });
  res.end(first?.text ?? '');
}

/**
 * PGlite is an embedded database: it lives inside the one process that opened it, so a second app instance cannot
 * share it and there is nothing to race. These tests run only against a PostgreSQL server.
 */
describe.runIf(testDriver === 'postgres')('two app instances on one PostgreSQL database', () => {
  const state: {
    slack?: FakeSlack;
    database?: { url: string; drop: () => Promise<void> };
    handle?: DatabaseHandle;
    apps: AppProcess[];
    fanOut?: Awaited<ReturnType<typeof startFanOut>>;
    targets: string[];
  } = { apps: [], targets: [] };

  const slack = () => state.slack as FakeSlack;
  const db = () => (state.handle as DatabaseHandle).db;

  beforeAll(async () => {
    state.database = await createScratchDatabase(testDatabaseUrl as string);
    state.slack = await startFakeSlack({
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
    });
    state.slack.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
    state.slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
    state.fanOut = await startFanOut(() => state.targets);
    state.slack.setRequestUrl(state.fanOut.url);
  });

  afterAll(async () => {
    await Promise.all(state.apps.map((app) => stopAppProcess(app.child)));
    await new Promise<void>((resolve) =>
      state.fanOut ? state.fanOut.server.close(() => resolve()) : resolve(),
    );
    await state.slack?.stop();
    await state.handle?.close();
    await state.database?.drop();
  });

  it('both start on the same empty database at once, and it is migrated and seeded once', async () => {
    const env = switchboardEnv(slack(), { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET }, [ADMIN_ID], {
      url: state.database?.url,
    });
    // Two processes started together still reach their migrations a moment apart, by chance. To make them meet,
    // the test holds the first thing a migration creates (drizzle's own schema) in a transaction of its own until
    // both are waiting, then lets go.
    const url = state.database?.url as string;
    const observer = postgres(url, { max: 2, onnotice: () => {} });
    let starting: Promise<PromiseSettledResult<AppProcess>[]> | undefined;
    try {
      const barrier = await observer.reserve();
      await barrier`begin`;
      await barrier`create schema drizzle`;
      starting = Promise.allSettled([
        startAppProcess(env, { echo: false, onOutput: teeLog }),
        startAppProcess(env, { echo: false, onOutput: teeLog }),
      ]);
      await waitForDb(
        async () => {
          const [row] = await observer<{ n: number }[]>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`;
          return row?.n === 2;
        },
        'both instances to wait for the database',
        60_000,
      );
      await barrier`rollback`;
      barrier.release();
    } finally {
      // Ends the barrier's transaction too, should the wait have given up.
      await observer.end({ timeout: 5 });
      // startAppProcess resolves once GET /healthz answers 200, which the app does only after migrating.
      const started = (await starting) ?? [];
      state.apps = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      expect(
        started.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : [])),
      ).toEqual([]);
    }
    state.targets = state.apps.map((app) => app.requestUrl);
    expect(state.apps.map((app) => app.stderrSample())).toEqual([[], []]);

    state.handle = await openDatabase({ databaseUrl: state.database?.url });
    const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: unknown[];
    };
    expect(
      await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    ).toEqual([{ n: journal.entries.length }]);
    expect(await queryRows(db(), sql`select name from sites`)).toEqual([{ name: 'Main' }]);
    expect(
      await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from reserved_extensions`),
    ).toEqual([{ n: 8 }]);
    expect(await queryRows(db(), sql`select slack_user_id from admins`)).toEqual([
      { slack_user_id: ADMIN_ID },
    ]);
  });

  it('answer one upload with one preview, and one click on both with one import', async () => {
    await updateAccount(db(), { licensesTotal: 10 }, new Date());
    const auditedBefore = await lastAuditId(db());

    const uploaded = await slack().uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: FILE,
      content: Buffer.from(CSV, 'utf8'),
      mimetype: 'text/csv',
      comment: 'import',
    });
    expect(uploaded.deliveries.map((delivery) => delivery.ack.status)).toEqual([200, 200]);
    const thread = () =>
      slack()
        .messages(CHANNEL)
        .filter((m) => m.thread_ts === uploaded.ts && m.bot_id);
    // Both instances got the file_share message and tried to claim the file; one claim won and previewed it.
    await waitForDb(async () => (await uploadClaims(db())) === 2, 'both instances to try the claim', 15_000);
    const preview = await slack().waitFor(() => thread().find((m) => buttonOf(m, /^Import/)), {
      timeoutMs: 30_000,
    });
    await waitForDb(
      async () => (await importOf(db(), uploaded.fileId))?.previewTs === preview.ts,
      'the preview to be recorded',
    );
    expect(thread()).toHaveLength(1);
    expect(visibleText(preview)).toContain(`*${FILE}*: add file · 3 rows · 3 to add · 0 invalid`);
    expect(await queryRows(db(), sql`select slack_file_id, status from imports`)).toEqual([
      { slack_file_id: uploaded.fileId, status: 'previewed' },
    ]);

    const button = buttonOf(preview, /^Import/);
    if (!button) throw new Error('no Import button');
    const ack = await slack().click({
      user: ADMIN_ID,
      actionId: button.action_id,
      value: button.value,
      message: { channel: CHANNEL, ts: preview.ts },
    });
    expect(ack.status).toBe(200);
    expect(state.fanOut?.statuses.at(-1)).toEqual([200, 200]);

    const summary = await slack().waitFor(() => thread().find((m) => m.text.includes(`imported ${FILE}`)), {
      timeoutMs: 30_000,
    });
    expect(visibleText(summary)).toBe(
      `:white_check_mark: <@${ADMIN_ID}> imported *${FILE}*: 3 created, 0 updated, 0 unchanged, 0 skipped.\nAdded: grace Example (ext \`1000\`), alan Example (ext \`1001\`) and edsger Example (ext \`1002\`).\nUndo import\nUndo works for 24 hours and asks first; it leaves alone anyone changed since, and anyone something else now depends on. \`/phone imports\` lists the imports that can still be undone.`,
    );
    // The other instance read the import before or after the winner took it: either way its click is told, and
    // only the person who clicked sees that.
    const told = await slack().waitFor(() => slack().ephemerals(ADMIN_ID, CHANNEL)[0], { timeoutMs: 30_000 });
    expect(told.text).toMatch(
      new RegExp(`^:warning: ${FILE} is (being imported right now|already applied; nothing was done)`),
    );
    expect(slack().ephemerals(ADMIN_ID, CHANNEL)).toHaveLength(1);
    // The winner closes the preview last; then the thread holds the preview, the one summary and its results file,
    // nothing else.
    const closed = `${visibleText(preview).split('\n')[0]}\nImported by <@${ADMIN_ID}>.`;
    await slack().waitFor(() => thread().some((m) => visibleText(m) === closed), { timeoutMs: 30_000 });
    expect(thread().map(visibleText)).toEqual([
      closed,
      visibleText(summary),
      `What became of each of the 3 rows of ${FILE}: created, updated, unchanged or skipped (with why), with each person's extension and numbers.`,
    ]);

    const row = await importOf(db(), uploaded.fileId);
    expect(row?.status).toBe('applied');
    expect(
      await queryRows(
        db(),
        sql`select d.email, count(*)::int as n from phone_users p join directory_users d on d.id = p.directory_user_id group by d.email order by d.email`,
      ),
    ).toEqual([...PEOPLE].sort().map((p) => ({ email: `${p}@example.com`, n: 1 })));
    // One apply's audit rows: a license for each person, then the import itself.
    const audited = await auditedAfter(db(), auditedBefore);
    expect(audited.map(({ actor, action }) => `${actor} ${action}`)).toEqual([
      ...PEOPLE.map(() => `${ADMIN_ID} license.assigned`),
      `${ADMIN_ID} import.applied`,
    ]);
    expect(audited.at(-1)?.target).toBe(String(row?.id));
    expect(state.fanOut?.statuses.flat().every((status) => status === 200)).toBe(true);

    // Each instance still answers on its own, and both read the same account.
    for (const app of state.apps) {
      state.targets = [app.requestUrl];
      const before = slack().ephemerals(ADMIN_ID, CHANNEL).length;
      expect((await slack().slash({ user: ADMIN_ID, channel: CHANNEL, text: 'imports' })).status).toBe(200);
      const list = await slack().waitFor(() => slack().ephemerals(ADMIN_ID, CHANNEL)[before]);
      expect(list.text).toContain('Recent imports');
      expect(visibleText(list as unknown as Message)).toMatch(new RegExp(`${FILE}.*\\*applied\\*`));
    }
    expect(state.apps.map((app) => app.stderrSample())).toEqual([[], []]);
  });
});
