import type { SlashCommand } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, type Harness, startHarness } from './harness.ts';

describe('requests the stand-in sends to the app', () => {
  let h: Harness;
  let received: SlashCommand[];

  beforeEach(async () => {
    h = await startHarness();
    received = [];
    h.app.command('/phone', async ({ command, ack }) => {
      received.push(command);
      await ack(`got: ${command.text}`);
    });
  });
  afterEach(() => h.stop());

  const slashBody = () =>
    new URLSearchParams({ command: '/phone', text: 'list', user_id: ADA, channel_id: ADMINS }).toString();

  it('sends a slash command Bolt accepts, with the fields Slack sends and the text verbatim', async () => {
    const ack = await h.fake.slash({ user: ADA, channel: ADMINS, text: 'assign <@U0GRACE01|grace> 4102' });

    expect(ack.status).toBe(200);
    expect(received).toHaveLength(1);
    const command = received[0];
    expect(command).toMatchObject({
      command: '/phone',
      text: 'assign <@U0GRACE01|grace> 4102',
      user_id: ADA,
      user_name: 'ada',
      channel_id: ADMINS,
      channel_name: 'phone-admins',
      team_id: h.fake.teamId,
      api_app_id: h.fake.appId,
      is_enterprise_install: 'false',
    });
    expect(command?.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(command?.response_url.startsWith(`${h.fake.baseUrl}/response/`)).toBe(true);
  });

  it('shows a text ack to the person who ran the command, and to nobody else', async () => {
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    expect(h.fake.ephemerals(ADA, ADMINS).map((e) => e.text)).toEqual(['got: list']);
    expect(h.fake.messages(ADMINS)).toEqual([]);
  });

  it('a request signed with the wrong secret gets 401 and the app does nothing', async () => {
    const ack = await h.fake.sendRaw({
      body: slashBody(),
      contentType: 'application/x-www-form-urlencoded',
      sign: 'wrong-secret',
    });

    expect(ack.status).toBe(401);
    expect(received).toEqual([]);
    expect(h.fake.ephemerals(ADA)).toEqual([]);
  });

  it('a request with a timestamp older than five minutes gets 401', async () => {
    const ack = await h.fake.sendRaw({
      body: slashBody(),
      contentType: 'application/x-www-form-urlencoded',
      sign: 'stale',
    });

    expect(ack.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('an unsigned request gets 401', async () => {
    const ack = await h.fake.sendRaw({
      body: slashBody(),
      contentType: 'application/x-www-form-urlencoded',
      sign: 'none',
    });

    expect(ack.status).toBe(401);
  });

  it('a validly signed raw request reaches the app like a real one', async () => {
    const ack = await h.fake.sendRaw({ body: slashBody(), contentType: 'application/x-www-form-urlencoded' });

    expect(ack.status).toBe(200);
    expect(received.map((c) => c.text)).toEqual(['list']);
  });

  it('a form body labelled with a charset is not parsed as a form by Bolt', async () => {
    const ack = await h.fake.sendRaw({
      body: slashBody(),
      contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    });

    expect(ack.status).toBe(400);
    expect(received).toEqual([]);
  });
});
