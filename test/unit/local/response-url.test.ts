import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACK_DEADLINE_MS } from '../../../src/local/ack-handling.ts';
import { ADA, ADMINS, buttons, type Harness, startHarness } from './harness.ts';

describe('response_url and slash-command acks', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('respond() without a response_type shows an ephemeral message to the person only', async () => {
    h.app.command('/phone', async ({ ack, respond }) => {
      await ack();
      await respond('Working on it');
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    const shown = await h.fake.waitFor(() => h.fake.ephemerals(ADA, ADMINS)[0]);
    expect(shown.text).toBe('Working on it');
    expect(h.fake.messages(ADMINS)).toEqual([]);
  });

  it('respond() with in_channel posts to the channel as the app', async () => {
    h.app.command('/phone', async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'in_channel', text: 'Ada added 3 users' });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });

    const posted = await h.fake.waitFor(() => h.fake.messages(ADMINS)[0]);
    expect(posted).toMatchObject({ text: 'Ada added 3 users', user: h.fake.botUserId, bot_id: h.fake.botId });
  });

  it('a slash ack with response_type in_channel is posted in the channel', async () => {
    h.app.command('/phone', async ({ ack }) => {
      await ack({ response_type: 'in_channel', text: 'Everyone can see this' });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['Everyone can see this']);
    expect(h.fake.ephemerals(ADA)).toEqual([]);
  });

  it('replace_original from a button click replaces the message the button was in', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Delete 3 users?',
      blocks: [buttons('confirm', 'yes', 'no')],
    });
    h.app.action('yes', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Deleted 3 users' });
    });

    await h.fake.click({ user: ADA, actionId: 'yes', message: { channel: ADMINS, ts: ts ?? '' } });

    await h.fake.waitFor(() => h.fake.messages(ADMINS)[0]?.text === 'Deleted 3 users');
    expect(h.fake.messages(ADMINS)).toHaveLength(1);
    expect(h.fake.messages(ADMINS)[0]?.blocks).toBeUndefined();
  });

  it('replace_original from a button in an ephemeral message replaces that ephemeral', async () => {
    await h.client.chat.postEphemeral({
      channel: ADMINS,
      user: ADA,
      text: 'Sure?',
      blocks: [buttons('b', 'yes')],
    });
    const [ephemeral] = h.fake.ephemerals(ADA);
    h.app.action('yes', async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: 'Done' });
    });

    await h.fake.click({ user: ADA, actionId: 'yes', message: { ephemeralId: ephemeral?.id ?? '' } });

    await h.fake.waitFor(() => h.fake.ephemerals(ADA)[0]?.text === 'Done');
    expect(h.fake.ephemerals(ADA)).toHaveLength(1);
  });

  it('delete_original removes the message the button was in', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'x',
      blocks: [buttons('b', 'dismiss')],
    });
    h.app.action('dismiss', async ({ ack, respond }) => {
      await ack();
      await respond({ delete_original: true });
    });

    await h.fake.click({ user: ADA, actionId: 'dismiss', message: { channel: ADMINS, ts: ts ?? '' } });

    await h.fake.waitFor(() => h.fake.messages(ADMINS).length === 0);
  });

  it('the sixth use of a response_url gets 404, which Bolt turns into a RespondError', async () => {
    const statuses: (number | string)[] = [];
    h.app.command('/phone', async ({ ack, respond }) => {
      await ack();
      for (let i = 1; i <= 6; i += 1) {
        statuses.push(
          await respond(`update ${i}`).then(
            (r) => r.status,
            (e: { statusCode?: number }) => e.statusCode ?? 'error',
          ),
        );
      }
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'import' });

    await h.fake.waitFor(() => statuses.length === 6);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(h.fake.ephemerals(ADA)).toHaveLength(5);
    expect(h.fake.violations()).toEqual([
      expect.stringContaining('response_url: [ERROR] /response_url: already used 5 times'),
    ]);
  });

  it('a response_url used more than 30 minutes after the command gets 404', async () => {
    let responseUrl = '';
    h.app.command('/phone', async ({ ack, command }) => {
      responseUrl = command.response_url;
      await ack();
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'import' });

    h.clock.advance(30 * 60 * 1000 + 1);
    const late = await fetch(responseUrl, { method: 'POST', body: JSON.stringify({ text: 'done' }) });

    expect(late.status).toBe(404);
  });

  it('a response_url body with invalid blocks is refused and recorded as a violation', async () => {
    const errors: unknown[] = [];
    h.app.command('/phone', async ({ ack, respond }) => {
      await ack();
      await respond({
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      }).catch((e: unknown) => errors.push(e));
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    await h.fake.waitFor(() => errors.length === 1);
    expect(h.fake.violations()).toEqual([
      expect.stringContaining('/blocks/0/text/text: must be at most 150 characters'),
    ]);
    expect(h.fake.ephemerals(ADA)).toEqual([]);
  });
});

describe("a slash command acked after Slack's deadline", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ ackDeadlineMs: ACK_DEADLINE_MS });
  });
  afterEach(() => h.stop());

  it('a slash command acked after 3 seconds shows operation_timeout and records a violation', async () => {
    h.app.command('/phone', async ({ ack }) => {
      await sleep(3100);
      await ack('too late').catch(() => {});
    });

    const ack = await h.fake.slash({ user: ADA, channel: ADMINS, text: 'slow' });

    expect(ack.latencyMs).toBeGreaterThan(3000);
    expect(h.fake.ephemerals(ADA).map((e) => e.text)).toEqual([
      '/phone failed with the error "operation_timeout"',
    ]);
    expect(h.fake.violations()).toEqual([
      expect.stringMatching(/^slash \/phone: \[ERROR\] ack: took \d+ ms/),
    ]);
  });
});
