import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, BOT_TOKEN, GRACE, type Harness, startHarness } from './harness.ts';

const errorOf = (e: unknown) => (e as { data?: { error?: string; response_metadata?: unknown } }).data;

describe('the Web API at /api/<method>', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const post = async (method: string, init: RequestInit) =>
    (await fetch(`${h.fake.apiUrl}${method}`, { method: 'POST', ...init })).json();

  it('answers not_authed without a token and invalid_auth with a wrong one, always with HTTP 200', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    expect(await post('auth.test', { headers: form, body: '' })).toEqual({ ok: false, error: 'not_authed' });
    expect(await post('auth.test', { headers: form, body: 'token=xoxb-wrong' })).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await post('auth.test', { headers: form, body: `token=${BOT_TOKEN}` })).toMatchObject({
      ok: true,
    });
  });

  it('takes the token of a JSON body only from the Authorization header', async () => {
    const body = JSON.stringify({ token: BOT_TOKEN, channel: ADMINS, text: 'hi' });

    const answer = await post('chat.postMessage', { headers: { 'content-type': 'application/json' }, body });

    expect(answer).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers unknown_method for a method it does not implement, and journals the call', async () => {
    const error = await h.client.apiCall('reactions.add', { name: 'tada' }).then(() => undefined, errorOf);

    expect(error?.error).toBe('unknown_method');
    expect(h.fake.apiCalls('reactions.add')).toEqual([
      expect.objectContaining({
        method: 'reactions.add',
        ok: false,
        error: 'unknown_method',
        args: { name: 'tada' },
      }),
    ]);
  });

  it('auth.test tells the app its bot user and bot id', async () => {
    const result = await h.client.auth.test();

    expect(result).toMatchObject({ user_id: h.fake.botUserId, bot_id: h.fake.botId, team_id: h.fake.teamId });
  });

  it('users.info returns the profile Slack would, with names split and the time zone labelled', async () => {
    const { user } = await h.client.users.info({ user: GRACE });

    expect(user).toMatchObject({
      id: GRACE,
      name: 'grace',
      real_name: 'Grace Brewster Hopper',
      tz: 'America/Los_Angeles',
      profile: {
        email: 'grace@example.com',
        real_name: 'Grace Brewster Hopper',
        first_name: 'Grace',
        last_name: 'Brewster Hopper',
      },
    });
    expect(user?.tz_label).toMatch(/Pacific (Standard|Daylight) Time/);
    expect(errorOf(await h.client.users.info({ user: 'U0NOBODY' }).catch((e) => e))?.error).toBe(
      'user_not_found',
    );
  });

  it('users.lookupByEmail finds a person by email and answers users_not_found otherwise', async () => {
    const found = await h.client.users.lookupByEmail({ email: 'ADA@example.com' });
    const missing = await h.client.users.lookupByEmail({ email: 'nobody@example.com' }).catch(errorOf);

    expect(found.user?.id).toBe(ADA);
    expect(missing?.error).toBe('users_not_found');
  });

  it('conversations.open gives the same D id every time, and posting to a user id lands in that DM', async () => {
    const first = await h.client.conversations.open({ users: ADA });
    const second = await h.client.conversations.open({ users: ADA });
    const posted = await h.client.chat.postMessage({ channel: ADA, text: 'Your extension is 4102' });

    expect(first.channel?.id).toBe(h.fake.dmChannel(ADA));
    expect(second.channel?.id).toBe(first.channel?.id);
    expect(posted.channel).toBe(first.channel?.id);
    expect(h.fake.messages(h.fake.dmChannel(ADA))).toEqual([
      expect.objectContaining({
        text: 'Your extension is 4102',
        user: h.fake.botUserId,
        bot_id: h.fake.botId,
      }),
    ]);
  });

  it('chat.postMessage refuses unknown channels, channels without the bot, and empty messages', async () => {
    h.fake.addChannel({ id: 'C0SECRET1', name: 'secret', isPrivate: true, botIsMember: false });

    const codes = await Promise.all([
      h.client.chat.postMessage({ channel: 'C0NOWHERE', text: 'x' }).catch(errorOf),
      h.client.chat.postMessage({ channel: 'C0SECRET1', text: 'x' }).catch(errorOf),
      h.client.chat.postMessage({ channel: ADMINS, text: '' }).catch(errorOf),
    ]);

    expect(codes.map((c) => c?.error)).toEqual(['channel_not_found', 'not_in_channel', 'no_text']);
  });

  it('refuses invalid blocks with invalid_blocks and pointers, and records the violation', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];

    const error = await h.client.chat
      .postMessage({ channel: ADMINS, text: 'fallback', blocks })
      .catch(errorOf);

    expect(error).toMatchObject({
      error: 'invalid_blocks',
      response_metadata: {
        messages: ['[ERROR] /blocks/0/text/text: must be at most 3000 characters (got 3001)'],
      },
    });
    expect(h.fake.violations()).toEqual([
      'chat.postMessage: [ERROR] /blocks/0/text/text: must be at most 3000 characters (got 3001)',
    ]);
    expect(h.fake.messages(ADMINS)).toEqual([]);
  });

  it('refuses blocks whose text adds up past what Slack accepts with msg_blocks_too_long', async () => {
    const blocks = Array.from({ length: 5 }, () => ({
      type: 'section',
      text: { type: 'mrkdwn', text: 'y'.repeat(2900) },
    }));

    const error = await h.client.chat
      .postMessage({ channel: ADMINS, text: 'fallback', blocks })
      .catch(errorOf);

    expect(error?.error).toBe('msg_blocks_too_long');
  });

  it('chat.update changes only the bot’s own messages and caps text at 4,000 characters', async () => {
    const { ts } = await h.client.chat.postMessage({ channel: ADMINS, text: 'Importing… 0%' });
    await h.fake.uploadFile({ user: ADA, channel: ADMINS, filename: 'a.csv', content: 'x' });
    const adaTs = h.fake.messages(ADMINS).find((m) => m.user === ADA)?.ts ?? '';

    await h.client.chat.update({ channel: ADMINS, ts: ts ?? '', text: 'Importing… 50%' });
    const codes = await Promise.all([
      h.client.chat.update({ channel: ADMINS, ts: adaTs, text: 'hijack' }).catch(errorOf),
      h.client.chat.update({ channel: ADMINS, ts: '1.000001', text: 'x' }).catch(errorOf),
      h.client.chat.update({ channel: ADMINS, ts: ts ?? '', text: 'z'.repeat(4001) }).catch(errorOf),
    ]);

    expect(h.fake.messages(ADMINS).find((m) => m.ts === ts)?.text).toBe('Importing… 50%');
    expect(codes.map((c) => c?.error)).toEqual(['cant_update_message', 'message_not_found', 'msg_too_long']);
  });

  it('chat.postEphemeral needs a person who is in the channel', async () => {
    h.fake.addChannel({ id: 'C0SMALL01', name: 'small', members: [GRACE] });

    const error = await h.client.chat
      .postEphemeral({ channel: 'C0SMALL01', user: ADA, text: 'psst' })
      .catch(errorOf);
    await h.client.chat.postEphemeral({ channel: 'C0SMALL01', user: GRACE, text: 'psst' });

    expect(error?.error).toBe('user_not_in_channel');
    expect(h.fake.ephemerals(GRACE, 'C0SMALL01').map((e) => e.text)).toEqual(['psst']);
  });

  it('reset forgets messages and calls but keeps people and channels', async () => {
    await h.client.chat.postMessage({ channel: ADMINS, text: 'x' });

    h.fake.reset();

    expect(h.fake.messages(ADMINS)).toEqual([]);
    expect(h.fake.apiCalls()).toEqual([]);
    expect((await h.client.users.info({ user: ADA })).ok).toBe(true);
  });
});
