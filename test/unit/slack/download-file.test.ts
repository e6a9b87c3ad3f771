import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadSlackFile } from '../../../src/slack/download-file.ts';
import { wavFile } from '../../support/audio.ts';
import { ADA, BOT_TOKEN, type Harness, startHarness } from '../local/harness.ts';

describe('downloading a file a person sent', () => {
  let h: Harness;
  let url: string;
  let origin: string;

  beforeEach(async () => {
    h = await startHarness();
    const slack = h.fake;
    const uploaded = await slack.uploadFile({
      user: ADA,
      channel: slack.dmChannel(ADA),
      filename: 'Welcome.wav',
      content: wavFile(),
      comment: 'greeting',
    });
    const message = slack.messages(slack.dmChannel(ADA)).find((m) => m.ts === uploaded.ts);
    const [file] = (message?.files ?? []) as { url_private_download: string }[];
    url = file?.url_private_download ?? '';
    origin = new URL(url).origin;
  });
  afterEach(() => h.stop());

  const options = (token: string) => ({ token, trustedOrigins: [origin], maxBytes: 10 * 1024 * 1024 });

  it('fetches the bytes with the bot token', async () => {
    expect(await downloadSlackFile(url, options(BOT_TOKEN))).toEqual({ ok: true, content: wavFile() });
  });

  it("refuses Slack's HTML sign-in page, which is what a request without a valid token gets", async () => {
    expect(await downloadSlackFile(url, options('xoxb-not-the-token'))).toEqual({
      ok: false,
      reason: 'login_page',
    });
  });

  it('never sends the token to a host that is not Slack', async () => {
    const result = await downloadSlackFile(url, {
      ...options(BOT_TOKEN),
      trustedOrigins: ['https://files.slack.com'],
    });
    expect(result).toEqual({ ok: false, reason: 'untrusted_host' });
  });

  it('stops reading at the cap and reports the size', async () => {
    expect(await downloadSlackFile(url, { ...options(BOT_TOKEN), maxBytes: 100 })).toEqual({
      ok: false,
      reason: 'too_large',
      bytes: wavFile().length,
    });
  });

  it('reports a file Slack does not have as an HTTP error', async () => {
    const missing = url.replace(/-F[^/]+\/download/, '-F0MISSING/download');
    expect(await downloadSlackFile(missing, options(BOT_TOKEN))).toEqual({ ok: false, reason: 'http_error' });
  });
});

describe('a sign-in page without an HTML content type', () => {
  let server: Server;
  let url: string;

  beforeEach(async () => {
    server = createServer((_req, res) => {
      // No content-length: the body is streamed, so the cap is checked while reading.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('\n  <!DOCTYPE html><html><body>Sign in to your workspace</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files-pri/T1-F1/download/a.mp3`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is still recognised as a page, not a file', async () => {
    const result = await downloadSlackFile(url, {
      token: BOT_TOKEN,
      trustedOrigins: [new URL(url).origin],
      maxBytes: 1024,
    });
    expect(result).toEqual({ ok: false, reason: 'login_page' });
  });
});

describe('a body without a declared length', () => {
  let server: Server;
  let url: string;
  /** What the server managed to send before the reader hung up; the body itself would never end. */
  let sent: Promise<number>;

  beforeEach(async () => {
    let resolveSent: (bytes: number) => void = () => {};
    sent = new Promise((resolve) => {
      resolveSent = resolve;
    });
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let bytes = 0;
      const more = () => {
        while (!res.destroyed && res.write(chunk)) bytes += chunk.length;
      };
      res.on('drain', more);
      res.on('close', () => resolveSent(bytes));
      more();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/files-pri/T1-F1/download/a.csv`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is read up to the cap and no further: the download stops there', async () => {
    const maxBytes = 1024 * 1024;
    const result = await downloadSlackFile(url, {
      token: BOT_TOKEN,
      trustedOrigins: [new URL(url).origin],
      maxBytes,
    });
    if (result.ok || result.reason !== 'too_large')
      throw new Error(`not refused as too large: ${JSON.stringify(result)}`);
    // One chunk past the cap at most (what arrived with the byte that crossed it).
    expect(result.bytes).toBeGreaterThan(maxBytes);
    expect(result.bytes).toBeLessThanOrEqual(maxBytes + 64 * 1024);
    // The server saw the reader hang up (its body never ends), with what the sockets' buffers held on the way.
    expect(await sent).toBeLessThan(maxBytes * 32);
  });
});
