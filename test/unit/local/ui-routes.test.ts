import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, GRACE, type Harness, modal, startHarness, textInput } from './harness.ts';

type Json = Record<string, unknown>;
type Shown = { ts: string; text: string; blocks?: Json[]; files?: Json[]; replies: Json[] };
type ChannelContent = { messages: Shown[]; ephemerals: { id: string; text: string }[] };

describe('the browser page’s routes', () => {
  let h: Harness;
  const url = (path: string) => `${h.fake.baseUrl}${path}`;

  async function get<T = Json>(path: string): Promise<T> {
    const response = await fetch(url(path));
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as T;
  }

  async function post(path: string, body: unknown): Promise<{ status: number; json: Json }> {
    const response = await fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Json };
  }

  const channel = (as: string) => get<ChannelContent>(`/ui/api/channel/${ADMINS}?as=${as}`);
  const views = (as: string) => get<{ modals: Json[]; home: Json | null }>(`/ui/api/views?as=${as}`);

  /** A GET sent with its path exactly as written: fetch() would resolve the dot segments first. */
  function rawGet(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(h.fake.baseUrl);
      const req = request({ hostname, port, path, method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('serves the page and its assets, and nothing outside its folder', async () => {
    const page = await fetch(url('/'));
    const script = await fetch(url('/ui/app.js'));
    const style = await fetch(url('/ui/app.css'));

    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module" src="/ui/app.js">');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const path of [
      '/ui/../package.json',
      '/ui/%2e%2e/package.json',
      '/ui/..%2fpackage.json',
      '/ui/blocks.d.ts',
      '/ui/nothing.js',
    ]) {
      const answer = await rawGet(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('"dependencies"');
    }
  });

  it('lists the members, the channels the acting member is in, their DM with the app and the violations', async () => {
    h.fake.addChannel({ id: 'C0SECRET1', name: 'secret', isPrivate: true, members: [GRACE] });

    const workspace = await get(`/ui/api/workspace?as=${ADA}`);

    expect(workspace).toMatchObject({
      botUserId: h.fake.botUserId,
      channels: [{ id: ADMINS, name: 'phone-admins', isPrivate: false }],
      appDm: h.fake.dmChannel(ADA),
      violations: [],
    });
    expect(workspace.users).toContainEqual(expect.objectContaining({ id: ADA, realName: 'Ada Lovelace' }));
  });

  it('sends a slash command signed to the app and shows its reply, ephemeral to the one who ran it', async () => {
    const commands: Json[] = [];
    h.app.command('/phone', async ({ ack, command, respond }) => {
      commands.push(command as unknown as Json);
      await ack({ text: `You asked for ${command.text}` });
      await respond({ response_type: 'in_channel', text: 'Posted for everyone' });
    });

    const sent = await post('/ui/api/slash', { as: ADA, channel: ADMINS, text: 'help' });

    expect(sent).toMatchObject({ status: 200, json: { ok: true, ack: { status: 200 } } });
    expect(commands).toEqual([expect.objectContaining({ user_id: ADA, channel_id: ADMINS, text: 'help' })]);
    await h.fake.waitFor(() => h.fake.messages(ADMINS).length === 1);
    const seen = await channel(ADA);
    expect(seen.ephemerals).toEqual([expect.objectContaining({ text: 'You asked for help' })]);
    expect(seen.messages).toEqual([expect.objectContaining({ text: 'Posted for everyone', replies: [] })]);
    expect((await channel(GRACE)).ephemerals).toEqual([]);
  });

  it('refuses what a person could not do, with a message the page shows', async () => {
    const secret = { id: 'C0SECRET1', name: 'secret', isPrivate: true, members: [GRACE] };
    h.fake.addChannel(secret);

    const outsider = await post('/ui/api/slash', { as: ADA, channel: secret.id, text: 'help' });
    const bot = await post('/ui/api/slash', { as: h.fake.botUserId, channel: ADMINS, text: 'help' });
    const noMessage = await post('/ui/api/click', {
      as: ADA,
      actionId: 'go',
      message: { channel: ADMINS, ts: '1.2' },
    });
    const form = await fetch(url('/ui/api/slash'), { method: 'POST', body: 'as=U0ADA0001' });

    expect(outsider).toMatchObject({ status: 403, json: { error: expect.stringContaining('not a member') } });
    expect(bot).toMatchObject({ status: 400, json: { error: expect.stringContaining('cannot act') } });
    expect(noMessage).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining('no message 1.2') },
    });
    expect(form.status).toBe(415);
    expect((await fetch(url('/ui/api/workspace'))).status).toBe(200);
  });

  it('clicks a button in a message; a second click on a button the app removed is refused', async () => {
    const posted = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Import?',
      blocks: [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'import',
              text: { type: 'plain_text', text: 'Import' },
              value: 'r:7',
            },
          ],
        },
      ],
    });
    const values: string[] = [];
    h.app.action('import', async ({ ack, action, client, body }) => {
      await ack();
      values.push((action as { value: string }).value);
      const ts = (body as { message: { ts: string } }).message.ts;
      await client.chat.update({ channel: ADMINS, ts, text: 'Imported', blocks: [] });
    });
    const click = {
      as: ADA,
      actionId: 'import',
      blockId: 'block-0',
      message: { channel: ADMINS, ts: posted.ts },
    };

    expect(await post('/ui/api/click', click)).toMatchObject({ status: 200, json: { ok: true } });

    await h.fake.waitFor(() => h.fake.messages(ADMINS)[0]?.text === 'Imported');
    expect(values).toEqual(['r:7']);
    expect((await channel(ADA)).messages).toEqual([
      expect.objectContaining({ text: 'Imported', blocks: [] }),
    ]);
    expect(await post('/ui/api/click', click)).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining('nothing with action_id "import"') },
    });
  });

  it('submits a modal: the app’s inline errors land on the view, and picked files reach it as Slack files', async () => {
    const fileInput = {
      type: 'input',
      block_id: 'recording',
      optional: true,
      label: { type: 'plain_text', text: 'Recording' },
      element: { type: 'file_input', action_id: 'file', max_files: 1 },
    };
    h.app.command('/phone', async ({ ack, client, body }) => {
      await ack();
      await client.views.open({
        trigger_id: body.trigger_id,
        view: modal([textInput('extension'), fileInput]),
      });
    });
    const submitted: Json[] = [];
    h.app.view('test_modal', async ({ ack, view }) => {
      submitted.push(view.state.values as Json);
      await ack({ response_action: 'errors', errors: { extension: 'Extension 4102 is taken' } });
    });
    await post('/ui/api/slash', { as: ADA, channel: ADMINS, text: 'add' });
    const [opened] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    const missing = await post('/ui/api/submit', { as: ADA, viewId: opened?.id, values: {} });
    const sent = await post('/ui/api/submit', {
      as: ADA,
      viewId: opened?.id,
      values: {
        extension: { value: { type: 'plain_text_input', value: '4102' } },
        recording: {
          file: {
            type: 'file_input',
            uploads: [{ filename: 'hello.wav', contentBase64: Buffer.from('RIFF').toString('base64') }],
          },
        },
      },
    });

    expect(missing).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining('"extension" is required') },
    });
    expect(sent).toMatchObject({ status: 200, json: { ok: true } });
    const [shown] = (await views(ADA)).modals;
    expect(shown).toMatchObject({ id: opened?.id, errors: { extension: 'Extension 4102 is taken' } });
    const recording = submitted[0]?.recording as { file: { files: Json[] } } | undefined;
    const file = recording?.file.files[0];
    expect(file).toMatchObject({ name: 'hello.wav', user: ADA });
    expect(h.fake.fileContent(String(file?.id))?.toString()).toBe('RIFF');
    expect((await post('/ui/api/close', { as: ADA, viewId: opened?.id })).status).toBe(200);
    expect((await views(ADA)).modals).toEqual([]);
  });

  it('uploads a file as the person, shows its card and serves its bytes to the browser only', async () => {
    const shared: Json[] = [];
    h.app.event('file_shared', async ({ event }) => {
      shared.push(event as unknown as Json);
    });
    const content = 'Email,Status\nada@example.com,inactive\n';

    const sent = await post('/ui/api/upload', {
      as: ADA,
      channel: ADMINS,
      filename: 'users.csv',
      contentBase64: Buffer.from(content).toString('base64'),
      comment: 'update',
    });

    expect(sent).toMatchObject({ status: 200, json: { ok: true, fileId: expect.any(String) } });
    const fileId = String(sent.json.fileId);
    await h.fake.waitFor(() => shared.length === 1);
    expect(shared[0]).toMatchObject({ file_id: fileId, user_id: ADA });
    const [message] = (await channel(ADA)).messages;
    expect(message).toMatchObject({ text: 'update', files: [expect.objectContaining({ id: fileId })] });
    const download = await fetch(url(`/ui/api/files/${fileId}`));
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''users.csv");
    expect(await download.text()).toBe(content);
    expect(h.fake.fileDownloads(fileId)).toBe(0);
  });

  it('sends `@name` typed with a file as a mention of that member, as Slack’s client does', async () => {
    const sent = await post('/ui/api/upload', {
      as: ADA,
      channel: ADMINS,
      filename: 'users.csv',
      contentBase64: Buffer.from('Email\n').toString('base64'),
      comment: '@Switchboard import, thanks @nobody (cc @grace.)',
    });
    expect(sent.status).toBe(200);
    const [message] = (await channel(ADA)).messages;
    expect(message?.text).toBe(`<@${h.fake.botUserId}> import, thanks @nobody (cc <@${GRACE}>.)`);
  });

  it('sends a slash command with Slack’s escaping: mentions and channels with their names, links, and & < >', async () => {
    const texts: string[] = [];
    h.app.command('/phone', async ({ ack, command }) => {
      texts.push(command.text);
      await ack();
    });

    const typed =
      'assign @Grace @ADA ada@example.com #phone-admins https://example.com/a?b=1&c=2 <b> @nobody';
    const sent = await post('/ui/api/slash', { as: ADA, channel: ADMINS, text: typed });

    expect(sent.status).toBe(200);
    expect(texts).toEqual([
      `assign <@${GRACE}|grace> <@${ADA}|ada> <mailto:ada@example.com|ada@example.com> <#${ADMINS}|phone-admins> <https://example.com/a?b=1&amp;c=2> &lt;b&gt; @nobody`,
    ]);
  });

  it('uploads a file into a thread: the reply carries thread_ts and its root’s author, and stays out of the timeline', async () => {
    const events: Json[] = [];
    h.app.event('message', async ({ event }) => {
      events.push(event as unknown as Json);
    });
    const root = await h.client.chat.postMessage({ channel: ADMINS, text: 'Preview of users.csv' });
    const upload = (threadTs: string) =>
      post('/ui/api/upload', {
        as: ADA,
        channel: ADMINS,
        filename: 'fixed.csv',
        contentBase64: Buffer.from('Email\n').toString('base64'),
        comment: 'update',
        threadTs,
      });

    const sent = await upload(String(root.ts));

    expect(sent.status).toBe(200);
    await h.fake.waitFor(() => events.some((e) => e.subtype === 'file_share'));
    expect(events.find((e) => e.subtype === 'file_share')).toMatchObject({
      thread_ts: root.ts,
      parent_user_id: h.fake.botUserId,
      ts: sent.json.ts,
      text: 'update',
    });
    const { messages } = await channel(ADA);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.replies).toEqual([
      expect.objectContaining({ ts: sent.json.ts, thread_ts: root.ts, files: [expect.anything()] }),
    ]);
    // A thread is named by its first message; a reply's ts names none.
    expect((await upload(String(sent.json.ts))).status).toBe(409);
    expect((await upload('1700000000.000099')).status).toBe(409);
  });

  it('opens the Home tab: the app gets app_home_opened and the page gets the view it publishes', async () => {
    h.app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } }] },
      });
    });

    expect((await post('/ui/api/home', { as: GRACE })).status).toBe(200);

    await h.fake.waitFor(() => h.fake.homeView(GRACE));
    expect((await views(GRACE)).home).toMatchObject({
      type: 'home',
      blocks: [expect.objectContaining({ text: { type: 'mrkdwn', text: 'Welcome home' } })],
    });
    expect((await views(ADA)).home).toBeNull();
  });

  it('streams an event whenever the store changes, so the page refreshes without reloading', async () => {
    const abort = new AbortController();
    const stream = await fetch(url('/ui/api/events'), { signal: abort.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const read = async (until: RegExp) => {
      let text = '';
      while (!until.test(text)) text += decoder.decode((await reader.read()).value);
      return text;
    };
    await read(/retry: \d+/);

    await h.client.chat.postMessage({ channel: ADMINS, text: 'Something changed' });

    expect(await read(/data: /)).toContain('data: {"change":1}');
    abort.abort();
  });
});
