import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, useSwitchboard } from '../support/e2e.ts';
import { accountState, phoneCommands } from '../support/phone.ts';

/**
 * The app's HTTP port faces the internet in HTTP mode: scanners, load balancers' default health checks and broken
 * clients send it anything. Each request below gets its answer, and the process serves Slack afterwards. A request
 * that ended the process would end this test file's worker, and one that left a promise rejected with no handler
 * fails the run (vitest reports unhandled errors), so these tests need no safety net of the app's own: they prove
 * the requests are handled where they arrive.
 */
const sb = useSwitchboard();
const { phoneReply } = phoneCommands(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sb.app.port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes a request line by hand, for targets that an HTTP client would not send as they are. */
function sendRawLine(line: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(sb.app.port, '127.0.0.1', () => {
      socket.end(`${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

async function stillServes() {
  expect((await send('GET', '/healthz')).status).toBe(200);
  expect(await phoneReply('licenses')).toContain('licenses');
}

describe('requests that are not Slack requests', () => {
  it.each([
    ['GET', '/', 404],
    ['GET', '/favicon.ico', 404],
    ['GET', '/robots.txt', 404],
    ['GET', '/slack/events/', 404],
    ['POST', '/slack/events/', 404],
    ['POST', '/slack', 404],
    ['GET', '/healthz/', 404],
    ['GET', '/slack/events', 405],
    ['HEAD', '/slack/events', 405],
    ['OPTIONS', '/slack/events', 405],
    ['PUT', '/slack/events', 405],
    ['DELETE', '/slack/events', 405],
    ['OPTIONS', '/', 404],
    ['POST', '/healthz', 405],
    ['OPTIONS', '/healthz', 405],
    ['GET', '/%', 404],
    ['GET', '/slack/events/../../etc/passwd', 404],
  ])('answers %s %s with %i and keeps serving', async (method, path, status) => {
    const answer = await send(method, path);
    expect(answer.status).toBe(status);
    if (status === 405) expect(answer.headers.allow).toBeDefined();
    await stillServes();
  });

  it('answers HEAD /healthz like GET, without a body', async () => {
    const answer = await send('HEAD', '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
  });

  it.each([
    'GET * HTTP/1.1',
    'GET http://example.com/slack/events HTTP/1.1',
    'GET //slack/events HTTP/1.1',
    'POST http://[::1 HTTP/1.1',
  ])('answers the request line `%s` and keeps serving', async (line) => {
    const status = await sendRawLine(line);
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d /);
    await stillServes();
  });
});

describe('bodies that are not Slack payloads', () => {
  const form = 'application/x-www-form-urlencoded';
  const json = 'application/json';
  const cases: [string, string, string][] = [
    ['an interaction whose payload is JSON null', form, 'payload=null'],
    ['an interaction whose payload is a number', form, 'payload=42'],
    ['an interaction whose payload is a string', form, 'payload=%22x%22'],
    ['an interaction whose payload is an array', form, 'payload=%5B%5D'],
    ['an interaction whose payload is not JSON', form, 'payload=%7Bnot%20json'],
    ['an event body that is JSON null', json, 'null'],
    ['an event body that is an array', json, '[1,2]'],
    ['an event body that is not JSON', json, '{"type": '],
    ['an empty body', json, ''],
    ['a form sent as JSON', json, 'command=%2Fphone&text=licenses'],
  ];

  it.each(cases)(
    'answers %s, correctly signed, with 400 and changes nothing',
    async (_, contentType, body) => {
      const before = await accountState(sb.app.deps.db);
      const ack = await sb.slack.sendRaw({ body, contentType, sign: 'valid' });
      expect(ack.status).toBe(400);
      expect(await accountState(sb.app.deps.db)).toEqual(before);
      expect(sb.slack.apiCalls()).toEqual([]);
      await stillServes();
    },
  );

  it.each(cases)('answers %s, unsigned, with 400 or 401', async (_, contentType, body) => {
    const ack = await sb.slack.sendRaw({ body, contentType, sign: 'none' });
    expect([400, 401]).toContain(ack.status);
    await stillServes();
  });

  it.each([
    ['an event with no event', { type: 'event_callback', team_id: 'T1', event: null }],
    ['an event of no known type', { type: 'event_callback', event: { type: 42, user: [] } }],
    ['an interaction of an unknown type', { type: 'frobnicate' }],
    ['a button press with no actions', { type: 'block_actions', user: { id: ADMIN_ID }, actions: null }],
    ['a view submission with no view', { type: 'view_submission', user: { id: ADMIN_ID }, view: null }],
    [
      'a button press with an empty list of actions',
      { type: 'block_actions', user: { id: ADMIN_ID }, actions: [] },
    ],
    ['a slash command with no command', { user_id: ADMIN_ID, channel_id: 'C1', text: 'licenses 999' }],
    ['an object with nothing in it', {}],
  ])('refuses %s, correctly signed, with 400 and keeps serving', async (_, payload) => {
    const before = await accountState(sb.app.deps.db);
    const ack = await sb.slack.sendRaw({
      body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      contentType: form,
      sign: 'valid',
    });
    expect(ack.status).toBe(400);
    const event = await sb.slack.sendRaw({ body: JSON.stringify(payload), contentType: json, sign: 'valid' });
    expect(event.status).toBe(400);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    await stillServes();
  });

  it('refuses a body over 1 MB with 413 before reading the rest', async () => {
    const answer = await send('POST', '/slack/events', 'x'.repeat(1024 * 1024 + 1), {
      'content-type': form,
    });
    expect(answer.status).toBe(413);
    await stillServes();
  });

  it("answers Slack's unsigned ssl_check with 200 and does nothing else", async () => {
    const before = await accountState(sb.app.deps.db);
    const ack = await sb.slack.sendRaw({ body: 'ssl_check=1&token=x', contentType: form, sign: 'none' });
    expect(ack.status).toBe(200);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(sb.slack.apiCalls()).toEqual([]);
  });
});
