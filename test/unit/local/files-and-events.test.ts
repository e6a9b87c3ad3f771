import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, BOT_TOKEN, type Harness, startHarness } from './harness.ts';

type SlackFile = { id: string; name: string; url_private_download: string; mimetype: string };

describe('files and events', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('files.uploadV2 from the app shares the file in the thread with its comment', async () => {
    const root = await h.client.chat.postMessage({ channel: ADMINS, text: 'Import finished' });
    const content = 'line,error\n3,EXTENSION_TAKEN\n';

    await h.client.files.uploadV2({
      channel_id: ADMINS,
      thread_ts: root.ts ?? '',
      initial_comment: '2 rows failed',
      filename: 'errors.csv',
      content,
    });

    const reply = h.fake.messages(ADMINS).find((m) => m.thread_ts === root.ts);
    expect(reply).toMatchObject({ text: '2 rows failed', bot_id: h.fake.botId });
    const [file] = (reply?.files ?? []) as SlackFile[];
    expect(file).toMatchObject({ name: 'errors.csv', mimetype: 'text/csv' });
    const info = await h.client.files.info({ file: file?.id ?? '' });
    expect(info.file?.size).toBe(content.length);
  });

  it('serves a file only with the bot token; without it Slack answers 200 with an HTML login page', async () => {
    const { fileId } = await h.fake.uploadFile({
      user: ADA,
      channel: ADMINS,
      filename: 'users.csv',
      content: 'email\na@b.c\n',
    });
    const { file } = await h.client.files.info({ file: fileId });
    const url = file?.url_private_download ?? '';

    const anonymous = await fetch(url);
    const authorised = await fetch(url, { headers: { Authorization: `Bearer ${BOT_TOKEN}` } });

    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await anonymous.text()).toContain('Sign in');
    expect(authorised.headers.get('content-type')).toBe('text/csv');
    expect(await authorised.text()).toBe('email\na@b.c\n');
  });

  it('a person uploading a file sends the app a file_share message and a file_shared event', async () => {
    const seen: Record<string, unknown>[] = [];
    h.app.event('message', async ({ event }) => {
      seen.push(event as unknown as Record<string, unknown>);
    });
    h.app.event('file_shared', async ({ event }) => {
      seen.push(event as unknown as Record<string, unknown>);
    });

    const { fileId, ts } = await h.fake.uploadFile({
      user: ADA,
      channel: ADMINS,
      filename: 'users.csv',
      content: 'email\n',
      comment: 'please import',
    });

    await h.fake.waitFor(() => seen.length === 2);
    expect(seen[0]).toMatchObject({
      type: 'message',
      subtype: 'file_share',
      user: ADA,
      ts,
      text: 'please import',
    });
    expect((seen[0]?.files as SlackFile[] | undefined)?.[0]?.id).toBe(fileId);
    expect(seen[1]).toMatchObject({ type: 'file_shared', file_id: fileId, user_id: ADA, channel_id: ADMINS });
    expect(h.fake.messages(ADMINS)).toEqual([
      expect.objectContaining({ ts, subtype: 'file_share', user: ADA }),
    ]);
  });

  it('delivers events in the Events API envelope, with retry headers when asked', async () => {
    const contexts: { retryNum?: number; retryReason?: string; eventId?: unknown }[] = [];
    h.app.event('app_home_opened', async ({ context, body }) => {
      contexts.push({ retryNum: context.retryNum, retryReason: context.retryReason, eventId: body.event_id });
    });

    const ack = await h.fake.deliverEvent(
      { type: 'app_home_opened', user: ADA, channel: h.fake.dmChannel(ADA), tab: 'home' },
      { retryNum: 1, retryReason: 'http_timeout', eventId: 'Ev0RETRY01' },
    );

    expect(ack.status).toBe(200);
    await h.fake.waitFor(() => contexts.length === 1);
    expect(contexts).toEqual([{ retryNum: 1, retryReason: 'http_timeout', eventId: 'Ev0RETRY01' }]);
  });

  it('waitFor explains what it was waiting for when it gives up', async () => {
    await expect(h.fake.waitFor(() => h.fake.messages(ADMINS)[0], { timeoutMs: 50 })).rejects.toThrow(
      /waitFor gave up after 50 ms; it last returned undefined\.\nprobe: .*messages/,
    );
  });
});
