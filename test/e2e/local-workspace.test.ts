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

describe('the local workspace (npm start without Slack credentials)', () => {
  it('creates the demo account on the first start only, through the app, and keeps it across restarts', async () => {
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
