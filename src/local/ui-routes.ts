import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { messageText, slashText } from './composer-text.ts';
import { mediaType, sendJson } from './http-io.ts';
import type { People } from './people.ts';
import type { ChannelRecord, Store } from './store.ts';
import type { AckResult, InputValue, Message } from './types.ts';

/**
 * The browser page of the local workspace: `GET /` serves it, `/ui/<file>` its assets, `/ui/api/*` the JSON it
 * reads and the actions it takes. Every action goes through People, so the app gets the same signed requests (or
 * Socket Mode envelopes) as from Slack.
 */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

type Ui = {
  store: Store;
  people: People;
  phoneSystemView: (() => unknown) | undefined;
  sipServerView: (() => Promise<unknown>) | undefined;
};

type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (ui: Ui, param: string, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
};

const UI_DIR = new URL('./ui/', import.meta.url);
/** One flat directory: a name with a slash, a percent sign or a dot segment never matches. */
const ASSET = /^[\w-]+\.(html|js|css)$/;
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};
/** Uploads arrive base64 in JSON; the app takes files up to 10 MB, so this leaves room and no more. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A comment line now and then keeps idle proxies and browsers from dropping the event stream. */
const KEEPALIVE_MS = 15_000;

/** A request the page should not have made: shown to the person as `{error}` with this status. */
class UiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function uiRoutes(
  store: Store,
  people: People,
  phoneSystemView?: () => unknown,
  sipServerView?: () => Promise<unknown>,
): UiHandler {
  const ui: Ui = { store, people, phoneSystemView, sipServerView };
  return async (req, res, path) => {
    for (const { method, pattern, handle } of ROUTES) {
      const match = req.method === method ? pattern.exec(path) : null;
      if (match) return handle(ui, match[1] ?? '', req, res);
    }
    sendJson(res, 404, { error: `nothing at ${req.method} ${path}` });
  };
}

async function serveAsset(res: ServerResponse, name: string): Promise<void> {
  const type = ASSET.exec(name)?.[1];
  const body = type ? await readFile(new URL(name, UI_DIR)).catch(() => undefined) : undefined;
  if (!type || !body) return sendJson(res, 404, { error: `no page asset ${name}` });
  res.writeHead(200, { 'content-type': CONTENT_TYPES[type] ?? 'text/plain', 'cache-control': 'no-store' });
  res.end(body);
}

/** Runs `produce` and answers with its JSON, or with `{error}`: a refusal of the stand-in must not crash it. */
async function answer(res: ServerResponse, produce: () => unknown): Promise<void> {
  try {
    sendJson(res, 200, await produce());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // People refuses what a person could not do in Slack (a button that is gone, a view not on top) this way.
    const status = error instanceof UiError ? error.status : message.startsWith('fake-slack:') ? 409 : 500;
    sendJson(res, status, { error: message });
  }
}

function query(req: IncomingMessage, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://ui.local').searchParams.get(name) ?? undefined;
}

/** The member the page acts as: a person in the directory, not a bot and not deactivated. */
function actor(store: Store, id: string | undefined): string {
  const user = store.users.get(id ?? '');
  if (!id || !user) throw new UiError(400, `unknown member ${id ?? '(none)'}: pick one in "acting as"`);
  if (user.isBot || user.deleted)
    throw new UiError(400, `${user.name} cannot act: bots and deactivated members`);
  return id;
}

/** A channel the member can see, as Slack's sidebar would list it. */
function visibleChannel(store: Store, id: string, user: string): ChannelRecord {
  const channel = store.channels.get(id);
  if (!channel) throw new UiError(404, `no channel ${id}`);
  if (!store.isMember(channel, user)) throw new UiError(403, `${user} is not a member of ${id}`);
  return channel;
}

function workspace({ store, phoneSystemView, sipServerView }: Ui, as: string | undefined) {
  const { identity } = store;
  const user = as === undefined ? undefined : actor(store, as);
  return {
    team: { id: identity.teamId, domain: identity.teamDomain },
    botUserId: identity.botUserId,
    users: [...store.users.values()].map((u) => ({
      id: u.id,
      name: u.name,
      realName: u.realName,
      displayName: u.displayName ?? u.name,
      isBot: u.isBot ?? false,
      deleted: u.deleted ?? false,
    })),
    channels: [...store.channels.values()]
      .filter((c) => !c.isIm && (user === undefined || store.isMember(c, user)))
      .map((c) => ({ id: c.id, name: c.name, isPrivate: c.isPrivate, botIsMember: c.botIsMember })),
    // The member's DM with the app, the conversation Slack lists under "Apps".
    appDm: user === undefined ? null : store.dmChannel(user),
    violations: store.violations,
    phoneSystem: phoneSystemView !== undefined,
    sipServer: sipServerView !== undefined,
  };
}

function phoneSystem(ui: Ui) {
  if (!ui.phoneSystemView) throw new UiError(404, 'this workspace has no local phone system to show');
  return ui.phoneSystemView();
}

function sipServer(ui: Ui) {
  if (!ui.sipServerView)
    throw new UiError(404, 'this workspace has no SIP server to show (PHONE_SYSTEM is not kamailio)');
  return ui.sipServerView();
}

type Thread = Message & { replies: Message[] };

/** Roots in order, each with its replies; a reply whose root is gone stands on its own, as Slack shows it. */
function threads(timeline: Message[]): Thread[] {
  const roots = new Set(timeline.filter((m) => m.thread_ts === undefined).map((m) => m.ts));
  return timeline
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || !roots.has(m.thread_ts))
    .map((m) => ({ ...m, replies: timeline.filter((r) => r.thread_ts === m.ts && r.ts !== m.ts) }));
}

function channelContent(store: Store, id: string, as: string | undefined) {
  const user = actor(store, as);
  const channel = visibleChannel(store, id, user);
  return {
    channel: { id: channel.id, name: channel.name, isIm: channel.isIm, isPrivate: channel.isPrivate },
    messages: threads(store.timeline(channel.id)),
    ephemerals: store.ephemerals.filter((e) => e.user === user && e.channel === channel.id),
  };
}

function views(store: Store, as: string | undefined) {
  const user = actor(store, as);
  return { modals: store.modalStacks.get(user) ?? [], home: store.homeViews.get(user) ?? null };
}

/** Server-Sent Events: one `data:` line per change of the store, so the page refetches what it shows. */
function streamChanges(ui: Ui, _param: string, _req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  let change = 0;
  const stop = ui.store.onChange(() => {
    change += 1;
    res.write(`data: {"change":${change}}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS).unref();
  res.on('close', () => {
    stop();
    clearInterval(keepalive);
  });
}

/** A file's bytes for the person's browser; unlike url_private, no bot token and no download count. */
function serveFile(ui: Ui, fileId: string, _req: IncomingMessage, res: ServerResponse): void {
  const file = ui.store.files.get(fileId);
  if (!file?.completed || !file.bytes) {
    sendJson(res, 404, { error: `no file ${fileId}` });
    return;
  }
  res.writeHead(200, {
    'content-type': file.mimetype,
    'content-length': String(file.bytes.length),
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  });
  res.end(file.bytes);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // Only JSON: a form post from another site in the same browser cannot send it without a CORS preflight.
  if (mediaType(req) !== 'application/json') throw new UiError(415, 'send JSON (application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new UiError(413, `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new UiError(400, 'the body is not JSON');
  }
}

/** A POST route: its body parsed by `schema`, then `run`, answered with what it returns. */
function action<S extends z.ZodType>(schema: S, run: (ui: Ui, body: z.infer<S>) => Promise<unknown>) {
  return (ui: Ui, _param: string, req: IncomingMessage, res: ServerResponse) =>
    answer(res, async () => {
      const parsed = schema.safeParse(await readJson(req));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UiError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      return run(ui, parsed.data);
    });
}

const acked = (ack: AckResult) => ({ ok: true, ack: { status: ack.status, latencyMs: ack.latencyMs } });

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const id = z.string().min(1).max(255);
const Upload = z.object({ filename: z.string().min(1).max(255), contentBase64: base64 });

const SlashBody = z.object({
  as: id,
  channel: id,
  text: z.string().max(4000),
  command: z
    .string()
    .regex(/^\/[a-z0-9_-]+$/)
    .optional(),
  /** Typed in the reply box of this thread. */
  threadTs: id.optional(),
});

const SayBody = z.object({
  as: id,
  channel: id,
  text: z.string().trim().min(1).max(4000),
  threadTs: id.optional(),
});

const ClickBody = z.object({
  as: id,
  actionId: id,
  blockId: id.optional(),
  value: z.string().max(2000).optional(),
  message: z.union([z.object({ channel: id, ts: id }), z.object({ ephemeralId: id })]).optional(),
  viewId: id.optional(),
  selectedOption: z.object({ value: z.string(), text: z.string().optional() }).optional(),
  selectedUsers: z.array(id).optional(),
  /** A choice in a modal's input block with dispatch_action: the form as filled in so far (files aside). */
  values: z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string() }))).optional(),
});

/** An input's value as `view.state` holds it; a `file_input` comes as `uploads`, turned into Slack files here. */
const InputValueBody = z.looseObject({ type: z.string(), uploads: z.array(Upload).max(10).optional() });
const SubmitBody = z.object({
  as: id,
  viewId: id,
  values: z.record(z.string(), z.record(z.string(), InputValueBody)),
});

const UploadBody = Upload.extend({
  as: id,
  channel: id,
  comment: z.string().max(4000).optional(),
  threadTs: id.optional(),
});

function withPickedFiles(
  people: People,
  user: string,
  values: z.infer<typeof SubmitBody>['values'],
): Record<string, Record<string, InputValue>> {
  const pick = (value: z.infer<typeof InputValueBody>): InputValue => {
    const { uploads, ...rest } = value;
    if (!uploads) return rest;
    const files = uploads.map((u) =>
      people.pickFile({ user, filename: u.filename, content: Buffer.from(u.contentBase64, 'base64') }),
    );
    return { ...rest, files };
  };
  return Object.fromEntries(
    Object.entries(values).map(([blockId, byAction]) => [
      blockId,
      Object.fromEntries(Object.entries(byAction).map(([actionId, value]) => [actionId, pick(value)])),
    ]),
  );
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/$/, handle: (_ui, _param, _req, res) => serveAsset(res, 'index.html') },
  {
    method: 'GET',
    pattern: /^\/ui\/api\/workspace$/,
    handle: (ui, _param, req, res) => answer(res, () => workspace(ui, query(req, 'as'))),
  },
  {
    method: 'GET',
    pattern: /^\/ui\/api\/channel\/([\w-]+)$/,
    handle: (ui, channel, req, res) => answer(res, () => channelContent(ui.store, channel, query(req, 'as'))),
  },
  {
    method: 'GET',
    pattern: /^\/ui\/api\/views$/,
    handle: (ui, _param, req, res) => answer(res, () => views(ui.store, query(req, 'as'))),
  },
  {
    method: 'GET',
    pattern: /^\/ui\/api\/phone-system$/,
    handle: (ui, _param, _req, res) => answer(res, () => phoneSystem(ui)),
  },
  {
    method: 'GET',
    pattern: /^\/ui\/api\/sip-server$/,
    handle: (ui, _param, _req, res) => answer(res, () => sipServer(ui)),
  },
  { method: 'GET', pattern: /^\/ui\/api\/events$/, handle: streamChanges },
  { method: 'GET', pattern: /^\/ui\/api\/files\/([\w-]+)$/, handle: serveFile },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/slash$/,
    handle: action(SlashBody, async ({ store, people }, b) => {
      const user = actor(store, b.as);
      const channel = visibleChannel(store, b.channel, user);
      const text = slashText(store, b.text);
      const thread = b.threadTs ? { threadTs: b.threadTs } : {};
      return acked(await people.slash({ user, channel: channel.id, text, command: b.command, ...thread }));
    }),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/say$/,
    handle: action(SayBody, async ({ store, people }, b) => {
      const user = actor(store, b.as);
      const channel = visibleChannel(store, b.channel, user);
      const { ts } = await people.say({
        user,
        channel: channel.id,
        text: messageText(store, b.text),
        ...(b.threadTs ? { threadTs: b.threadTs } : {}),
      });
      return { ok: true, ts };
    }),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/click$/,
    handle: action(ClickBody, async ({ store, people }, { as, ...click }) =>
      acked(await people.click({ user: actor(store, as), ...click })),
    ),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/submit$/,
    handle: action(SubmitBody, async ({ store, people }, b) => {
      const user = actor(store, b.as);
      const values = withPickedFiles(people, user, b.values);
      return acked(await people.submit({ user, viewId: b.viewId, values }));
    }),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/close$/,
    handle: action(z.object({ as: id, viewId: id }), async ({ store, people }, b) =>
      acked(await people.closeView({ user: actor(store, b.as), viewId: b.viewId })),
    ),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/upload$/,
    handle: action(UploadBody, async ({ store, people }, b) => {
      const user = actor(store, b.as);
      const channel = visibleChannel(store, b.channel, user);
      const { fileId, ts } = await people.uploadFile({
        user,
        channel: channel.id,
        filename: b.filename,
        content: Buffer.from(b.contentBase64, 'base64'),
        ...(b.comment ? { comment: messageText(store, b.comment) } : {}),
        ...(b.threadTs ? { threadTs: b.threadTs } : {}),
      });
      return { ok: true, fileId, ts };
    }),
  },
  {
    method: 'POST',
    pattern: /^\/ui\/api\/home$/,
    handle: action(z.object({ as: id }), async ({ store, people }, b) => {
      return acked((await people.openHome(actor(store, b.as))).ack);
    }),
  },
  { method: 'GET', pattern: /^\/ui\/([^/]+)$/, handle: (_ui, name, _req, res) => serveAsset(res, name) },
];
