import { existsSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { waitForDb } from '../support/uploads.ts';

/**
 * An export is written to a temporary file before it is uploaded: the file holds every user's email, extension and
 * address, so it must go however the delivery ends. The app runs in this process, so its files carry this pid.
 */
const sb = useSwitchboard();
const { phoneChange, license } = phoneCommands(sb);

/** Runs `act` and resolves with the export directories this process created meanwhile. */
async function spooledDuring(act: () => Promise<void>): Promise<string[]> {
  const prefix = `switchboard-spool-${process.pid}-`;
  const seen: string[] = [];
  const watcher = watch(tmpdir(), (_, name) => {
    if (name?.startsWith(prefix) && !seen.includes(name)) seen.push(name);
  });
  try {
    await act();
    await waitForDb(async () => seen.length > 0, 'the export to be spooled', 20_000);
  } finally {
    watcher.close();
  }
  return seen.map((name) => join(tmpdir(), name));
}

describe('an export delivered to the requester’s DM', () => {
  it('removes its temporary file once the file is there', async () => {
    await phoneChange('licenses 5');
    await license([colleague(1)]);
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const dirs = await spooledDuring(async () => {
      await sb.slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'export' });
    });
    await sb.slack.waitFor(() => sb.slack.messages(dm).find((m) => m.files?.length));
    for (const dir of dirs) await waitForDb(async () => !existsSync(dir), `${dir} to be removed`, 20_000);
  });
});

describe('an export whose answer cannot be delivered', () => {
  it('removes its temporary file when the response_url has expired', async () => {
    await phoneChange('licenses 5');
    await license([colleague(1), colleague(2)]);
    const dirs = await spooledDuring(async () => {
      const ack = await sb.slack.sendRaw({
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          team_id: sb.slack.teamId,
          channel_id: CHANNEL,
          user_id: ADMIN_ID,
          command: '/phone',
          text: 'export',
          api_app_id: sb.slack.appId,
          response_url: `${sb.slack.baseUrl}/response/expired`,
          trigger_id: '1.2.3',
        }).toString(),
      });
      expect(ack.status).toBe(200);
    });
    for (const dir of dirs) await waitForDb(async () => !existsSync(dir), `${dir} to be removed`, 20_000);
  });

  it('removes its temporary file when Slack refuses the upload, and says it could not be sent', async () => {
    await phoneChange('licenses 5');
    await license([colleague(1)]);
    sb.slack.failCalls({ method: 'files.getUploadURLExternal', answer: { status: 500 }, times: Infinity });
    const dirs = await spooledDuring(async () => {
      await sb.slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'export' });
    });
    for (const dir of dirs) await waitForDb(async () => !existsSync(dir), `${dir} to be removed`, 20_000);
    const warning = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL).at(-1));
    expect(warning.text).toContain('Could not post phone-users-');
    expect(warning.text).toContain('to your direct messages with the app');
    expect(
      sb.slack
        .ephemerals(ADMIN_ID, CHANNEL)
        .map((e) => e.text)
        .join('\n'),
    ).not.toContain('Exported');
  });
});
