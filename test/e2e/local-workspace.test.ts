import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_CHANNELS, teammate } from '../../src/local/demo.ts';
import type { FakeSlack } from '../../src/local/index.ts';
import { startLocalWorkspace } from '../../src/local-workspace.ts';
import { visibleText } from '../support/e2e.ts';
import { localWorkspaceConfig } from '../support/local-workspace.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = localWorkspaceConfig(dir);

/** What you read after typing a lookup in #phone-admins. */
async function lookUp(slack: FakeSlack, text: string): Promise<string> {
  const before = slack.ephemerals(DEMO_ADMIN, DEMO_CHANNELS.admins).length;
  await slack.slash({ user: DEMO_ADMIN, channel: DEMO_CHANNELS.admins, text });
  return visibleText(await slack.waitFor(() => slack.ephemerals(DEMO_ADMIN, DEMO_CHANNELS.admins)[before]));
}

/** README's first example, typed on the page as written: `@ada` and `@grace` reach the app as their mentions. */
async function typedOnThePage(slack: FakeSlack): Promise<void> {
  const before = slack.ephemerals(DEMO_ADMIN, DEMO_CHANNELS.admins).length;
  const response = await fetch(`${slack.baseUrl}/ui/api/slash`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      as: DEMO_ADMIN,
      channel: DEMO_CHANNELS.admins,
      text: 'assign @ada @grace plan:"US/CA Unlimited"',
    }),
  });
  expect(response.status).toBe(200);
  const answer = await slack.waitFor(() => slack.ephemerals(DEMO_ADMIN, DEMO_CHANNELS.admins)[before]);
  // The demo licensed both already: the app names them, so it read the mentions.
  expect(answer.text).toContain(`<@${teammate(1)}>`);
  expect(answer.text).toContain(`<@${teammate(2)}>`);
}

/** A file dropped into an import's thread is read as Slack delivers it there, and answered in the same thread. */
async function fileInAThread(slack: FakeSlack): Promise<void> {
  const channel = DEMO_CHANNELS.admins;
  const csv = (email: string) => `Email,First Name,Last Name\n${email},New,Hire\n`;
  const first = await slack.uploadFile({
    user: DEMO_ADMIN,
    channel,
    filename: 'hires.csv',
    content: csv('thread.one@example.com'),
    comment: 'import',
  });
  const previews = () => slack.messages(channel).filter((m) => m.thread_ts === first.ts && m.bot_id);
  await slack.waitFor(() => previews().length > 0);
  const again = await slack.uploadFile({
    user: DEMO_ADMIN,
    channel,
    filename: 'hires-fixed.csv',
    content: csv('thread.two@example.com'),
    comment: 'import',
    threadTs: first.ts,
  });
  expect(slack.messages(channel).find((m) => m.ts === again.ts)).toMatchObject({ thread_ts: first.ts });
  await slack.waitFor(() => previews().some((m) => visibleText(m).includes('hires-fixed.csv')));
}

describe('the local workspace (npm start without Slack credentials)', () => {
  it('creates the demo account on the first start only and keeps it across restarts; reads the page’s mentions and files in threads', async () => {
    const first = await startLocalWorkspace(config, { empty: false, ackDeadlineMs: TEST_ACK_DEADLINE_MS });
    try {
      expect(first.url).toBe(`${first.slack.baseUrl}/#${DEMO_CHANNELS.admins}`);
      expect(first.demo).toBeDefined();
      await first.demo?.();
      expect(first.slack.violations()).toEqual([]);
      const ada = await lookUp(first.slack, `show <@${teammate(1)}>`);
      expect(ada).toContain('Ada Lovelace');
      expect(ada).toContain('+14155550100');
      expect(ada).toContain('Mon–Fri 09:00–17:00');
      expect(await lookUp(first.slack, 'queues')).toContain('Sales');
      await typedOnThePage(first.slack);
      await fileInAThread(first.slack);
    } finally {
      await first.stop();
    }

    const again = await startLocalWorkspace(config, { empty: false, ackDeadlineMs: TEST_ACK_DEADLINE_MS });
    try {
      expect(again.demo).toBeUndefined();
      expect(await lookUp(again.slack, `show <@${teammate(1)}>`)).toContain('+14155550100');
    } finally {
      await again.stop();
    }
    // Two starts of the embedded database and the demo's fifteen commands: a safety net for a busy machine.
  }, 180_000);

  it('starts without a demo account when asked for an empty one', async () => {
    const empty = await startLocalWorkspace(
      { ...config, pgliteDir: join(dir, 'empty', 'pglite') },
      { empty: true, ackDeadlineMs: TEST_ACK_DEADLINE_MS },
    );
    try {
      expect(empty.demo).toBeUndefined();
      expect(await lookUp(empty.slack, `show <@${teammate(1)}>`)).toMatch(
        /no phone license|not a phone user/i,
      );
    } finally {
      await empty.stop();
    }
  }, 180_000);
});
