import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freshDatabase,
  startAppProcess,
  stopAppProcess,
  switchboardEnv,
} from '../../bench/app-process.ts';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { addAdmin } from '../../src/store/account.ts';
import { testDatabaseUrl } from '../support/database.ts';
import { ADMIN_ID, BOT_TOKEN, CHANNEL, SIGNING_SECRET } from '../support/e2e.ts';
import { teeLog } from '../support/log-scan.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';
import { waitForDb } from '../support/uploads.ts';

/**
 * The app started as `npm start` starts it, with a module loaded first that misbehaves on a signal: what the process
 * does with an error that nothing handled, and with what a killed process left in the temporary directory.
 */
const MISBEHAVE = new URL('../support/misbehave-on-signal.ts', import.meta.url).href;

const engine = testDatabaseUrl
  ? { name: 'PostgreSQL', kind: 'postgres' as const, serverUrl: testDatabaseUrl }
  : { name: 'PGlite', kind: 'pglite' as const };

const state: { slack?: FakeSlack; database?: Awaited<ReturnType<typeof freshDatabase>>; app?: AppProcess } =
  {};
let output = '';

/** The pid of a process that has ended (a `true` run to completion), for a spool directory nobody owns. */
function endedPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(run.stdout.toString());
}

const orphan = join(tmpdir(), `switchboard-spool-${endedPid()}-test${process.pid}`);

beforeAll(async () => {
  mkdirSync(orphan, { recursive: true });
  writeFileSync(join(orphan, 'phone-users-2026-01-01.csv'), 'Email\nada@example.com\n');
  state.database = await freshDatabase(engine, async (handle) => {
    await addAdmin(handle.db, ADMIN_ID, 'test');
  });
  state.slack = await startFakeSlack({
    ackDeadlineMs: TEST_ACK_DEADLINE_MS,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
  });
  state.slack.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
  state.slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
  const app = await startAppProcess(
    switchboardEnv(
      state.slack,
      { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
      [ADMIN_ID],
      state.database,
    ),
    {
      echo: false,
      nodeFlags: ['--import', MISBEHAVE],
      onOutput: (chunk) => {
        output += chunk;
        teeLog(chunk);
      },
    },
  );
  state.slack.setRequestUrl(app.requestUrl);
  state.app = app;
}, 90_000);

afterAll(async () => {
  if (state.app) await stopAppProcess(state.app.child);
  await state.slack?.stop();
  await state.database?.drop();
});

const app = () => state.app as AppProcess;
const slack = () => state.slack as FakeSlack;

async function healthz(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${app().port}/healthz`)).status;
}

describe('the process', () => {
  it('removes the export files a killed process left behind, when it starts', async () => {
    await waitForDb(async () => !existsSync(orphan), 'the orphaned export to be removed', 20_000);
  });

  it('logs a promise rejected with no handler and keeps serving', async () => {
    app().child.kill('SIGUSR2');
    await waitForDb(
      async () => output.includes('a rejection that nothing handles'),
      'the rejection logged',
      20_000,
    );
    expect(output).toContain('nothing handled it; Switchboard keeps serving');
    expect(app().child.exitCode).toBeNull();
    expect(await healthz()).toBe(200);
    const ack = await slack().slash({
      user: ADMIN_ID,
      channel: CHANNEL,
      command: '/phone',
      text: 'licenses',
    });
    expect(ack.status).toBe(200);
  });

  it('logs an exception thrown past every handler, stops cleanly and exits with 1 for its supervisor', async () => {
    const exited = new Promise<number | null>((resolve) => app().child.once('exit', (code) => resolve(code)));
    app().child.kill('SIGHUP');
    expect(await exited).toBe(1);
    expect(output).toContain('an exception that nothing catches');
    expect(output).toContain('Switchboard stops so that its supervisor can start it afresh');
  });
});
