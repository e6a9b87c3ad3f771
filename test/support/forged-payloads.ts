import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildStateValues } from '../../src/local/block-kit/view-state.ts';
import { FORM } from '../../src/local/driver.ts';
import type { AckResult, InputValue, View } from '../../src/local/index.ts';
import { CHANNEL, type useSwitchboard } from './e2e.ts';

type Harness = ReturnType<typeof useSwitchboard>;

/** What Slack lends one person for one interaction: where the app's answer goes, and a trigger for a modal. */
type Lent = { responseUrl: string; triggerId: string; token: string };

/** A button as the app drew it, or as someone writes one by hand. */
export type Button = { action_id: string; block_id?: string; value?: string };

/** Where the button was pressed: a message in the admins' channel, or a modal (its metadata included). */
export type Surface = { message: { ts: string } } | { view: View };

/**
 * Interactions written by hand, as someone who has read the app's buttons and forms would send them: signed as
 * Slack signs them, but with any user, button value, view or private_metadata. The app can only answer through
 * the response_url and trigger_id of the interaction, so those must be real ones Slack issued to the sender: a
 * pass-through between the stand-in and the app records them from a `/phone me` the sender types first.
 */
export function forgedPayloads(sb: Harness) {
  const bodies: string[] = [];
  const state: { server?: Server } = {};

  beforeAll(async () => {
    const target = `http://127.0.0.1:${sb.app.port}/slack/events`;
    const server = createServer((req, res) => void relay(req, res, target, bodies));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.server = server;
    sb.slack.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (state.server ? state.server.close(() => resolve()) : resolve()));
  });

  /** A response_url and trigger_id Slack issued to `user`, from a `/phone me` they type in the channel. */
  async function lentTo(user: string): Promise<Lent> {
    const from = bodies.length;
    const before = sb.slack.ephemerals(user, CHANNEL).length;
    await sb.slack.slash({ user, channel: CHANNEL, text: 'me' });
    // Once the answer is shown, the app is done with the response_url but for the four uses Slack still allows.
    await sb.slack.waitFor(() => sb.slack.ephemerals(user, CHANNEL).length > before);
    const fields = bodies
      .slice(from)
      .map((body) => new URLSearchParams(body))
      .find((f) => f.get('command') === '/phone' && f.get('user_id') === user);
    const responseUrl = fields?.get('response_url');
    const triggerId = fields?.get('trigger_id');
    const token = fields?.get('token');
    if (!responseUrl || !triggerId || !token) throw new Error(`no slash command of ${user} went through`);
    return { responseUrl, triggerId, token };
  }

  function base(type: string, user: string, lent: Lent) {
    return {
      type,
      team: { id: sb.slack.teamId, domain: 'local-workspace' },
      user: { id: user, username: user, name: user, team_id: sb.slack.teamId },
      api_app_id: sb.slack.appId,
      token: lent.token,
      trigger_id: lent.triggerId,
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  const post = (payload: Record<string, unknown>) =>
    sb.slack.sendRaw({
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: FORM,
    });

  /**
   * `user` presses `button` on `surface`: a message in the channel (the answer comes through `user`'s own
   * response_url) or a modal, sent as it is given, private_metadata and all.
   */
  async function press(user: string, button: Button, surface: Surface): Promise<AckResult> {
    const lent = await lentTo(user);
    const where =
      'view' in surface
        ? { container: { type: 'view', view_id: surface.view.id }, view: wire(surface.view) }
        : {
            container: {
              type: 'message',
              message_ts: surface.message.ts,
              channel_id: CHANNEL,
              is_ephemeral: true,
            },
            channel: { id: CHANNEL, name: 'phone-admins' },
            response_url: lent.responseUrl,
          };
    const ack = await post({
      ...base('block_actions', user, lent),
      ...where,
      state: { values: {} },
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: button.block_id ?? 'forged',
          text: { type: 'plain_text', text: 'Forged' },
          ...(button.value === undefined ? {} : { value: button.value }),
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    });
    expect(ack.status).toBe(200);
    return ack;
  }

  /**
   * `user` submits `view` (whoever it was drawn for) with `values` filled in as Slack fills a form: every input
   * block present, the untouched ones with their initial values.
   */
  async function submit(
    user: string,
    view: View,
    values: Record<string, Record<string, InputValue>>,
  ): Promise<AckResult> {
    const lent = await lentTo(user);
    const state = { values: buildStateValues(view.id, view.blocks, values) };
    const ack = await post({
      ...base('view_submission', user, lent),
      view: { ...wire(view), state },
      response_urls: [],
    });
    expect(ack.status).toBe(200);
    return ack;
  }

  return { press, submit };
}

function wire(view: View): Record<string, unknown> {
  const { errors: _shownToPerson, ...rest } = view;
  return { ...rest, app_installed_team_id: view.team_id };
}

/** Passes each request on to the app unchanged (the signature covers the body) and keeps its body. */
async function relay(req: IncomingMessage, res: ServerResponse, target: string, bodies: string[]) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  bodies.push(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && (name === 'content-type' || name.startsWith('x-slack-'))) {
      headers[name] = value;
    }
  }
  try {
    const answer = await fetch(target, { method: 'POST', headers, body });
    const text = await answer.text();
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    res.end(text);
  } catch (error) {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
}
