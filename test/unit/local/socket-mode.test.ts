import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeSlack } from '../../../src/local/fake-slack.ts';
import type { FakeSlack } from '../../../src/local/types.ts';
import { TEST_ACK_DEADLINE_MS } from '../../support/timing.ts';

const BOT_TOKEN = 'xoxb-test-local-token';
const APP_TOKEN = 'xapp-1-test-app-token';

async function open(fake: FakeSlack, token: string) {
  const response = await fetch(`${fake.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as { ok: boolean; url?: string; error?: string };
}

/** Connects to a Socket Mode URL and resolves with the first message, or rejects when the handshake is refused. */
function firstMessage(url: string): Promise<{ ws: WebSocket; message: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (data) => resolve({ ws, message: JSON.parse(data.toString()) }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('Socket Mode in the stand-in', () => {
  let fake: FakeSlack;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    fake = await startFakeSlack({
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
      botToken: BOT_TOKEN,
      signingSecret: 'secret-000',
      appToken: APP_TOKEN,
    });
    fake.addUser({ id: 'U0ADA0001', name: 'ada', realName: 'Ada Lovelace', email: 'ada@example.com' });
    fake.addChannel({ id: 'C0ADMINS1', name: 'phone-admins' });
  });
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await fake.stop();
  });

  it('opens a connection only with the app-level token', async () => {
    expect(await open(fake, BOT_TOKEN)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await open(fake, 'xapp-1-someone-else')).toEqual({ ok: false, error: 'invalid_auth' });
    const opened = await open(fake, APP_TOKEN);
    expect(opened.ok).toBe(true);
    expect(opened.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket-mode\?ticket=/);
  });

  it('greets with hello, refuses a used URL, and delivers a command as an envelope awaiting its ack', async () => {
    const { url } = await open(fake, APP_TOKEN);
    const { ws, message } = await firstMessage(url ?? '');
    sockets.push(ws);
    expect(message).toMatchObject({ type: 'hello', connection_info: { app_id: fake.appId } });
    await expect(firstMessage(url ?? '')).rejects.toThrow('HTTP 401');
    expect(fake.socketConnections()).toBe(1);

    ws.on('message', (data) => {
      const envelope = JSON.parse(data.toString()) as { envelope_id: string; type: string; payload: unknown };
      expect(envelope).toMatchObject({
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: { command: '/phone', text: 'help', user_id: 'U0ADA0001' },
      });
      ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'acknowledged' } }));
    });
    const ack = await fake.slash({ user: 'U0ADA0001', channel: 'C0ADMINS1', text: 'help' });
    expect(ack).toMatchObject({ status: 200, json: { text: 'acknowledged' } });
  });
});
