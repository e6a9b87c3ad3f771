import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, type Harness, startHarness } from './harness.ts';

/**
 * Slack lets a person type a slash command in a thread's reply box. The payload says nothing of the thread (it has
 * no thread_ts), yet what the app answers through the ack or the response_url shows in that thread.
 */
describe('a slash command typed in a thread', () => {
  let h: Harness;
  let root: string;

  beforeEach(async () => {
    h = await startHarness();
    root = (await h.client.chat.postMessage({ channel: ADMINS, text: 'Ada added 3 users' })).ts ?? '';
  });
  afterEach(() => h.stop());

  it('reaches the app without thread_ts, and its ephemeral answer shows in the thread only', async () => {
    const payloads: Record<string, unknown>[] = [];
    h.app.command('/phone', async ({ ack, command, respond }) => {
      payloads.push({ ...command });
      await ack();
      await respond('Only for you, in the thread');
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list', threadTs: root });

    const shown = await h.fake.waitFor(() => h.fake.ephemerals(ADA, ADMINS)[0]);
    expect(shown).toMatchObject({ text: 'Only for you, in the thread', thread_ts: root });
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).toMatchObject({ channel_id: ADMINS, text: 'list' });
    expect(Object.keys(payloads[0] ?? {}).filter((key) => key.includes('thread'))).toEqual([]);
  });

  it('shows an in_channel answer and the ack body as replies in the thread', async () => {
    h.app.command('/phone', async ({ ack, respond }) => {
      await ack('Looking…');
      await respond({ response_type: 'in_channel', text: 'Everyone in the thread sees this' });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list', threadTs: root });

    const reply = await h.fake.waitFor(() => h.fake.messages(ADMINS).find((m) => m.ts !== root));
    expect(reply).toMatchObject({ text: 'Everyone in the thread sees this', thread_ts: root });
    expect(h.fake.ephemerals(ADA, ADMINS)).toMatchObject([{ text: 'Looking…', thread_ts: root }]);
  });

  it('is refused for a thread that is not in the channel', async () => {
    await expect(
      h.fake.slash({ user: ADA, channel: ADMINS, text: 'list', threadTs: '1.000001' }),
    ).rejects.toThrow(/no thread 1\.000001/);
  });
});

describe('a plain message a person posts', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('joins the thread it replies in, and the app hears of it as a message event of that thread', async () => {
    const heard: Record<string, unknown>[] = [];
    h.app.message(async ({ message }) => {
      heard.push({ ...message });
    });
    const root = (await h.fake.say({ user: ADA, channel: ADMINS, text: 'Who has a spare desk phone?' })).ts;

    const { ts } = await h.fake.say({ user: ADA, channel: ADMINS, text: 'Found one', threadTs: root });

    expect(h.fake.messages(ADMINS)).toMatchObject([
      { ts: root, user: ADA, text: 'Who has a spare desk phone?' },
      { ts, user: ADA, text: 'Found one', thread_ts: root, parent_user_id: ADA },
    ]);
    await h.fake.waitFor(() => heard.length === 2);
    expect(heard[1]).toMatchObject({
      type: 'message',
      channel: ADMINS,
      ts,
      thread_ts: root,
      text: 'Found one',
    });
  });
});
