import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SignMode } from '../../src/local/index.ts';
import { escapeMrkdwn } from '../../src/slack/commands/help.ts';
import { commandReference } from '../../src/slack/commands/registry.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';
import { waitForDb } from '../support/uploads.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, license } = phoneCommands(sb);

const crowd = Array.from({ length: 100 }, (_, i) => `UCROWD${String(i + 1).padStart(4, '0')}`);

beforeAll(() => {
  for (const [i, id] of crowd.entries()) {
    sb.slack.addUser({
      id,
      name: `crowd${i + 1}`,
      realName: `Crowd Member-With-A-Long-Name ${i + 1}`,
      email: `crowd.member.with.a.long.address.${i + 1}@example.com`,
    });
  }
});

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, 'UNOTADMIN1', colleague(1)])).toEqual([]);
});

describe('the HTTP endpoint', () => {
  it('answers GET /healthz with 200 once the app is ready', async () => {
    const response = await fetch(`http://127.0.0.1:${sb.app.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each<SignMode>(['wrong-secret', 'stale', 'none'])(
    'refuses a request signed %s with 401 and does nothing',
    async (sign) => {
      const before = await accountState(sb.app.deps.db);
      const body = new URLSearchParams({
        team_id: sb.slack.teamId,
        channel_id: CHANNEL,
        user_id: ADMIN_ID,
        command: '/phone',
        text: 'licenses 999',
        api_app_id: sb.slack.appId,
        response_url: `${sb.slack.baseUrl}/response/forged`,
        trigger_id: '1.2.3',
      }).toString();
      const ack = await sb.slack.sendRaw({ body, contentType: 'application/x-www-form-urlencoded', sign });
      expect(ack.status).toBe(401);
      expect(await accountState(sb.app.deps.db)).toEqual(before);
      expect(sb.slack.apiCalls()).toEqual([]);
    },
  );

  /** A button press and an event that would each make the app act, were they signed. */
  const forged = (): Record<string, { body: string; contentType: string }> => ({
    'a button press': {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: sb.slack.teamId },
          user: { id: ADMIN_ID },
          api_app_id: sb.slack.appId,
          container: { type: 'message', message_ts: '1.000', channel_id: CHANNEL, is_ephemeral: true },
          channel: { id: CHANNEL },
          response_url: `${sb.slack.baseUrl}/response/forged`,
          trigger_id: '1.2.3',
          actions: [{ type: 'button', action_id: ACTIONS.removeConfirm, block_id: 'b', value: 'd:1' }],
        }),
      }).toString(),
    },
    'an event': {
      contentType: 'application/json',
      body: JSON.stringify({
        type: 'event_callback',
        team_id: sb.slack.teamId,
        api_app_id: sb.slack.appId,
        event_id: 'Ev0FORGED01',
        event_time: 1,
        event: { type: 'app_home_opened', user: ADMIN_ID, channel: 'D0FORGED', tab: 'home' },
      }),
    },
  });

  it.each(
    (['wrong-secret', 'stale', 'none'] as const).flatMap((sign) =>
      ['a button press', 'an event'].map((kind) => [kind, sign] as const),
    ),
  )('refuses %s signed %s with 401 and does nothing', async (kind, sign) => {
    await phoneChange('licenses 10');
    // Waits for the new user's direct message too, so that no call of the set-up lands after the reset.
    await license([colleague(1)]);
    sb.slack.reset();
    const before = await accountState(sb.app.deps.db);
    const request = forged()[kind];
    if (!request) throw new Error(`no forged ${kind}`);
    const ack = await sb.slack.sendRaw({ ...request, sign });
    expect(ack.status).toBe(401);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(sb.slack.apiCalls()).toEqual([]);
    expect(sb.slack.responses()).toEqual([]);
  });

  it('acts on the same requests when they are signed, so the refusals above are the signature', async () => {
    await phoneChange('licenses 10');
    // Waits for the new user's direct message too, so that no call of the set-up lands after the reset.
    await license([colleague(1)]);
    sb.slack.reset();
    const before = await accountState(sb.app.deps.db);
    for (const kind of ['a button press', 'an event']) {
      const request = forged()[kind];
      if (!request) throw new Error(`no forged ${kind}`);
      expect((await sb.slack.sendRaw({ ...request, sign: 'valid' })).status).toBe(200);
    }
    await sb.slack.waitFor(() => sb.slack.apiCalls('views.publish').length > 0);
    // The removal is made; only its answer is lost, to a response_url Slack never issued.
    await waitForDb(
      async () => JSON.stringify(await accountState(sb.app.deps.db)) !== JSON.stringify(before),
      'the signed confirmation to remove the license',
    );
  });
});

describe('usage errors', () => {
  it('names an unknown command and suggests the closest one', async () => {
    expect(await phoneReply('frobnicate')).toBe(
      ':warning: Unknown command `frobnicate`. Type `/phone help` to see every command.',
    );
    expect(await phoneReply('assgin <@UCOLL00001>')).toContain('Did you mean `assign`?');
  });

  it('says what a command is missing, with an example', async () => {
    expect(await phoneReply('ext')).toBe(
      ':warning: `ext` needs a user and an extension, e.g. `/phone ext @ada 4102`.',
    );
    expect(await phoneReply(`ext <@${colleague(1)}>`)).toContain('`ext` needs a user and an extension');
    expect(await phoneReply('plan')).toContain('`plan` needs `add` or `remove`');
  });

  it('explains a mention where the command should be, and an option without a colon', async () => {
    expect(await phoneReply(`<@${colleague(1)}>`)).toContain(
      `\`/phone\` starts with a command, not ${mention(colleague(1))}.`,
    );
    expect(await phoneReply(`assign <@${colleague(1)}> site Main`)).toContain('Did you mean `site:`?');
  });
});

describe('/phone help', () => {
  it('lists every command of the reference', async () => {
    const help = await phoneReply('help');
    for (const doc of commandReference) {
      expect(help).toContain(`\`/phone ${escapeMrkdwn(doc.syntax)}\` – ${escapeMrkdwn(doc.description)}`);
    }
    expect(await phoneReply('')).toBe(help);
  });
});

describe('Block Kit limits', () => {
  it('gives 100 people licenses with one command, DMs all of them, and keeps every long reply within the limits', async () => {
    await phoneChange('licenses 100');
    const posted = await phone(`assign ${crowd.map(mention).join(' ')}`);
    expect(posted.where).toBe('channel');
    expect(posted.text).toContain(`${mention(ADMIN_ID)} gave phone licenses to 100 people in Main:`);
    for (const [i, id] of crowd.entries())
      expect(posted.text).toContain(`${mention(id)}: extension *${1000 + i}*`);
    expect(posted.message.blocks?.length).toBeLessThanOrEqual(50);
    await sb.slack.waitFor(
      () => crowd.every((id) => sb.slack.messages(sb.slack.dmChannel(id)).length === 1),
      { timeoutMs: 30_000 },
    );

    await phoneChange('numbers add +14155550000..+14155550999');
    const numbers = await phoneReply('numbers');
    expect(numbers).toContain('*Numbers*: 1000');
    // A thousand numbers in a row are one range: one line, no page to turn.
    expect(numbers).toContain('• `+14155550000`–`+14155550999` (1000) · free');
    expect(numbers).not.toContain('*More*');
    expect(await phoneReply('list')).toContain(`• ${mention(crowd[19] ?? '')}: ext 1019`);
    expect(await phoneReply('history recent')).toContain('*Recent changes*');
  });
});
