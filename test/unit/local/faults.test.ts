import { retryPolicies, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, BOT_TOKEN, type Harness, startHarness } from './harness.ts';

const errorOf = (e: unknown) => e as { code?: string; statusCode?: number; data?: { error?: string } };

describe('Web API faults set with failCalls', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  const post = (method: string, args: Record<string, string>, token = BOT_TOKEN) =>
    fetch(`${h.fake.apiUrl}${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      body: new URLSearchParams(args).toString(),
    });

  const statuses = (method: string) => h.fake.apiCalls(method).map((c) => c.status);

  it('answers a rate-limited call as Slack does, HTTP 429 with Retry-After and ratelimited, then serves it again', async () => {
    h.fake.failCalls({ method: 'chat.postMessage', answer: { status: 429, retryAfterSeconds: 1 } });

    const limited = await post('chat.postMessage', { channel: ADMINS, text: 'first' });
    const served = await post('chat.postMessage', { channel: ADMINS, text: 'second' });

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(served.status).toBe(200);
    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['second']);
    expect(h.fake.apiCalls('chat.postMessage')).toEqual([
      expect.objectContaining({
        ok: false,
        error: 'ratelimited',
        status: 429,
        args: { channel: ADMINS, text: 'first' },
      }),
      expect.objectContaining({ ok: true, status: 200, args: { channel: ADMINS, text: 'second' } }),
    ]);
  });

  it('answers an outage with a bare HTTP 5xx, which the WebClient reports as an HTTP error', async () => {
    h.fake.failCalls({ method: 'chat.update', answer: { status: 503 } });
    const { ts } = await h.client.chat.postMessage({ channel: ADMINS, text: 'Importing…' });

    const error = errorOf(
      await h.client.chat.update({ channel: ADMINS, ts: ts ?? '', text: 'Done' }).catch((e) => e),
    );

    expect(error).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['Importing…']);
    expect(h.fake.apiCalls('chat.update')).toEqual([expect.objectContaining({ ok: false, status: 503 })]);
    expect(h.fake.apiCalls('chat.update')[0]).not.toHaveProperty('error');
  });

  it('checks the token first: a caller Slack does not know is refused, not rate-limited', async () => {
    const fault = h.fake.failCalls({ method: 'users.info', answer: { status: 429, retryAfterSeconds: 1 } });

    const refused = await post('users.info', { user: ADA }, 'xoxb-wrong');

    expect(refused.status).toBe(200);
    expect(await refused.json()).toEqual({ ok: false, error: 'invalid_auth' });
    expect(fault.remaining()).toBe(1);
  });

  it('fails only the calls its predicate picks, and counts only those', async () => {
    const progress = (await h.client.chat.postMessage({ channel: ADMINS, text: 'Importing…' })).ts ?? '';
    const preview = (await h.client.chat.postMessage({ channel: ADMINS, text: 'Preview' })).ts ?? '';
    const fault = h.fake.failCalls({
      method: 'chat.update',
      times: 2,
      answer: { status: 500 },
      when: (args) => args.ts === progress,
    });

    const outcomes = [];
    for (const [ts, text] of [
      [preview, 'Preview, closed'],
      [progress, 'Done?'],
      [progress, 'Done??'],
      [progress, 'Done'],
    ] as const) {
      outcomes.push(
        await h.client.chat.update({ channel: ADMINS, ts, text }).then(
          () => 'ok',
          (e: unknown) => errorOf(e).statusCode,
        ),
      );
    }

    expect(outcomes).toEqual(['ok', 500, 500, 'ok']);
    expect(fault.remaining()).toBe(0);
    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['Done', 'Preview, closed']);
  });

  it('consults faults oldest first, so several can be queued for one method', async () => {
    h.fake.failCalls({ method: 'chat.postMessage', answer: { status: 500 } });
    h.fake.failCalls({ method: 'chat.postMessage', times: 2, answer: { status: 429, retryAfterSeconds: 0 } });

    for (let i = 0; i < 4; i++) await post('chat.postMessage', { channel: ADMINS, text: `try ${i}` });

    expect(statuses('chat.postMessage')).toEqual([500, 429, 429, 200]);
  });

  it('lets a WebClient that retries get through: it waits out Retry-After and tries a 5xx again', async () => {
    const retrying = new WebClient(BOT_TOKEN, {
      slackApiUrl: h.fake.apiUrl,
      retryConfig: retryPolicies.rapidRetryPolicy,
    });
    h.fake.failCalls({ method: 'chat.postMessage', answer: { status: 429, retryAfterSeconds: 1 } });
    h.fake.failCalls({ method: 'chat.postMessage', times: 2, answer: { status: 500 } });

    const started = performance.now();
    const posted = await retrying.chat.postMessage({ channel: ADMINS, text: 'Imported 3 users' });

    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(posted.ok).toBe(true);
    expect(statuses('chat.postMessage')).toEqual([429, 500, 500, 200]);
    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['Imported 3 users']);
  });

  it('answers every matching call with times: Infinity until the fault is lifted', async () => {
    const fault = h.fake.failCalls({
      method: 'views.publish',
      times: Number.POSITIVE_INFINITY,
      answer: { status: 502 },
    });
    for (let i = 0; i < 3; i++) await post('views.publish', { user_id: ADA });

    fault.lift();
    const after = await post('views.publish', { user_id: ADA });

    expect(after.status).toBe(200);
    expect(statuses('views.publish')).toEqual([502, 502, 502, 200]);
    expect(fault.remaining()).toBe(0);
  });

  it('forgets every fault on reset', async () => {
    const fault = h.fake.failCalls({ method: 'users.info', times: 5, answer: { status: 500 } });

    h.fake.reset();

    expect((await h.client.users.info({ user: ADA })).ok).toBe(true);
    expect(statuses('users.info')).toEqual([200]);
    expect(fault.remaining()).toBe(0);
  });

  it('refuses a fault Slack could not send, a fractional Retry-After or no calls to answer, and keeps none', async () => {
    expect(() =>
      h.fake.failCalls({ method: 'chat.postMessage', answer: { status: 429, retryAfterSeconds: 0.5 } }),
    ).toThrow(/whole number of seconds/);
    expect(() => h.fake.failCalls({ method: 'chat.postMessage', times: 0, answer: { status: 500 } })).toThrow(
      /positive integer or Infinity/,
    );

    await h.client.chat.postMessage({ channel: ADMINS, text: 'still served' });

    expect(statuses('chat.postMessage')).toEqual([200]);
  });
});

describe('Web API answers held with holdCalls', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('runs a held call at once and answers it only once released; other calls go through', async () => {
    const hold = h.fake.holdCalls({ method: 'chat.postMessage', when: (args) => args.text === 'slow' });
    let answered = false;
    const slow = h.client.chat.postMessage({ channel: ADMINS, text: 'slow' }).then((result) => {
      answered = true;
      return result;
    });
    await h.fake.waitFor(() => hold.holding() === 1);
    // Slack did the work: the message is there, and the next call is not held.
    expect(h.fake.messages(ADMINS).map((m) => m.text)).toEqual(['slow']);
    await h.client.chat.postMessage({ channel: ADMINS, text: 'fast' });
    expect(answered).toBe(false);

    hold.release();
    expect((await slow).ts).toBe(h.fake.messages(ADMINS)[0]?.ts);
    expect(hold.holding()).toBe(0);
    expect(h.fake.apiCalls('chat.postMessage').map((c) => [c.args.text, c.status])).toEqual([
      ['fast', 200],
      ['slow', 200],
    ]);
  });
});
