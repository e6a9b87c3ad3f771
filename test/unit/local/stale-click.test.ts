import type { BlockAction, ButtonAction } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, buttons, GRACE, type Harness, startHarness } from './harness.ts';

/**
 * Slack sends a click on whatever copy of a message the person's client shows, even one the app has changed
 * since (a second device, a client that has not refreshed yet): the stand-in sends it from the copy passed as
 * `seen`.
 */
describe('a click on a message the app has changed since', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('sends the button and the message as the person saw them, with a response_url for the message', async () => {
    const { ts = '' } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Import 3 users?',
      blocks: [buttons('choose', 'import')],
    });
    const seen = h.fake.messages(ADMINS).find((m) => m.ts === ts);
    await h.client.chat.update({ channel: ADMINS, ts, text: 'Imported 3 users.', blocks: [] });
    const bodies: BlockAction<ButtonAction>[] = [];
    h.app.action<BlockAction<ButtonAction>>('import', async ({ ack, body }) => {
      await ack();
      bodies.push(body);
    });

    await expect(
      h.fake.click({ user: ADA, actionId: 'import', message: { channel: ADMINS, ts } }),
    ).rejects.toThrow(/nothing with action_id "import"/);
    const ack = await h.fake.click({
      user: ADA,
      actionId: 'import',
      message: { channel: ADMINS, ts },
      ...(seen ? { seen } : {}),
    });

    expect(ack.status).toBe(200);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      container: { type: 'message', message_ts: ts, channel_id: ADMINS },
      message: { ts, text: 'Import 3 users?' },
      actions: [{ action_id: 'import', block_id: 'choose', value: 'import' }],
    });
    expect(bodies[0]?.response_url.startsWith(`${h.fake.baseUrl}/response/`)).toBe(true);
  });

  it('clicks an ephemeral message as it was before the app replaced it, and journals both answers', async () => {
    await h.client.chat.postEphemeral({
      channel: ADMINS,
      user: ADA,
      text: 'Remove Bob?',
      blocks: [buttons('confirm', 'remove')],
    });
    const [seen] = h.fake.ephemerals(ADA, ADMINS);
    if (!seen) throw new Error('no ephemeral message');
    const clicks: string[] = [];
    h.app.action<BlockAction<ButtonAction>>('remove', async ({ ack, action, respond }) => {
      await ack();
      clicks.push(action.action_id);
      const text = clicks.length === 1 ? 'Removed Bob.' : 'Bob was removed already; nothing changed.';
      await respond({ replace_original: true, text });
    });
    await h.fake.click({ user: ADA, actionId: 'remove', message: { ephemeralId: seen.id } });
    await h.fake.waitFor(() => h.fake.ephemerals(ADA, ADMINS)[0]?.text === 'Removed Bob.');

    const ack = await h.fake.click({
      user: ADA,
      actionId: 'remove',
      message: { ephemeralId: seen.id },
      seen,
    });

    expect(ack.status).toBe(200);
    await h.fake.waitFor(() => h.fake.responses(ADA).length === 2);
    expect(h.fake.ephemerals(ADA, ADMINS).map((e) => e.text)).toEqual([
      'Bob was removed already; nothing changed.',
    ]);
    expect(h.fake.responses(ADA)).toEqual([
      expect.objectContaining({ channel: ADMINS, body: { replace_original: true, text: 'Removed Bob.' } }),
      expect.objectContaining({
        channel: ADMINS,
        body: { replace_original: true, text: 'Bob was removed already; nothing changed.' },
      }),
    ]);
    expect(h.fake.responses(GRACE)).toEqual([]);
  });
});
