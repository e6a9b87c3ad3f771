import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from './clock.ts';
import { Driver } from './driver.ts';
import { handleDownload, handleUpload } from './file-routes.ts';
import { sendText } from './http-io.ts';
import { Ids } from './ids.ts';
import { People } from './people.ts';
import { handleResponseUrl } from './response-url.ts';
import { openConnection, SocketMode } from './socket-mode.ts';
import { ACK_DEADLINE_MS, type Identity, Store } from './store.ts';
import type { FakeSlack, FakeSlackOptions } from './types.ts';
import { type UiHandler, uiRoutes } from './ui-routes.ts';
import { waitFor } from './wait-for.ts';
import { addFault } from './web-api/faults.ts';
import { addHold } from './web-api/holds.ts';
import { limitRate } from './web-api/rate-limits.ts';
import { handleApiRequest } from './web-api/router.ts';

export { type Clock, ManualClock, systemClock } from './clock.ts';
export type * from './types.ts';

type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (store: Store, param: string, req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
};

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/api\/([\w.]+)$/, handle: handleApiRequest },
  { method: 'POST', pattern: /^\/upload\/v1\/([\w-]+)$/, handle: handleUpload },
  { method: 'POST', pattern: /^\/response\/([\w-]+)$/, handle: handleResponseUrl },
  { method: 'GET', pattern: /^\/files-pri\/([\w-]+)\/(?:download\/)?[^/]+$/, handle: handleDownload },
];

async function route(
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  socket: SocketMode,
  ui: UiHandler,
) {
  const path = new URL(req.url ?? '/', store.identity.baseUrl).pathname;
  // Socket Mode's door: the one Web API method that takes the app-level token, not the bot token.
  if (req.method === 'POST' && path === '/api/apps.connections.open')
    return openConnection(store, socket, req, res);
  if (path === '/' || path.startsWith('/ui/')) return ui(req, res, path);
  for (const { method, pattern, handle } of ROUTES) {
    const match = req.method === method ? pattern.exec(path) : null;
    if (match) return handle(store, match[1] ?? '', req, res);
  }
  sendText(res, 404, `fake-slack: nothing at ${req.method} ${path}`);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Starts the local Slack on 127.0.0.1: Web API, upload and download URLs, response_urls, a signing driver, and a
 * browser page at `baseUrl` where a person can use the app as in Slack.
 */
export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const clock = options.clock ?? systemClock;
  // Idle connections are left for the client to close: a server that closes them races a client reusing one, and
  // on a busy machine the client loses (ECONNRESET). The stand-in serves local clients only, and stop() closes all.
  const server = createServer();
  server.keepAliveTimeout = 0;
  const port = await listen(server, options.port ?? 0);
  const identity: Identity = {
    teamId: options.teamId ?? 'T0LOCAL01',
    teamDomain: 'local-workspace',
    botUserId: 'U0LOCALBOT',
    botId: 'B0LOCALBOT',
    appId: 'A0LOCALAPP',
    botToken: options.botToken,
    appToken: options.appToken,
    verificationToken: 'local-verification-token',
    baseUrl: `http://127.0.0.1:${port}`,
  };
  const store = new Store(identity, new Ids(clock), clock, options.ackDeadlineMs ?? ACK_DEADLINE_MS);
  const seedBot = () =>
    store.addUser({ id: identity.botUserId, name: 'switchboard', realName: 'Switchboard', isBot: true });
  seedBot();
  const driver = new Driver(clock, options.signingSecret, options.requestUrl, store.ackDeadlineMs);
  const socket = new SocketMode(store, server);
  driver.socket = socket;
  const people = new People(store, driver);
  const ui = uiRoutes(store, people, options.phoneSystemView, options.sipServerView);
  server.on('request', (req, res) => {
    route(store, req, res, socket, ui).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendText(res, 500, `fake-slack failed: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });

  const recent = () =>
    [
      `recent API calls: ${
        store.apiCalls
          .slice(-5)
          .map((c) => `${c.method}${c.status !== 200 ? ` (HTTP ${c.status})` : c.ok ? '' : ` (${c.error})`}`)
          .join(', ') || 'none'
      }`,
      `violations: ${store.violations.join(' | ') || 'none'}`,
    ].join('\n');
  const channelId = (ref: string) => store.resolveChannel(ref)?.id ?? ref;

  return {
    apiUrl: `${identity.baseUrl}/api/`,
    baseUrl: identity.baseUrl,
    botUserId: identity.botUserId,
    botId: identity.botId,
    teamId: identity.teamId,
    appId: identity.appId,
    setRequestUrl: (url) => {
      driver.requestUrl = url;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        socket.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset: () => store.reset(),
    addUser: (u) => store.addUser(u),
    addChannel: (c) => store.addChannel(c),

    slash: (a) => people.slash(a),
    click: (a) => people.click(a),
    submit: (a) => people.submit(a),
    closeView: (a) => people.closeView(a),
    deliverEvent: (event, opts) => people.deliverEvent(event, opts),
    uploadFile: (a) => people.uploadFile(a),
    say: (a) => people.say(a),
    openHome: (user) => people.openHome(user),
    retryEvent: (delivery, opts) => people.retryEvent(delivery, opts),
    sendRaw: (a) => driver.send(a),

    messages: (channel) => structuredClone(store.timeline(channelId(channel))),
    ephemerals: (user, channel) =>
      structuredClone(
        store.ephemerals.filter(
          (e) => e.user === user && (channel === undefined || e.channel === channelId(channel)),
        ),
      ),
    responses: (user) =>
      structuredClone(store.responses.filter((r) => user === undefined || r.user === user)),
    dmChannel: (user) => store.dmChannel(user),
    openViews: (user) => structuredClone(store.stack(user)),
    homeView: (user) => structuredClone(store.homeViews.get(user)),
    apiCalls: (method) =>
      structuredClone(store.apiCalls.filter((c) => method === undefined || c.method === method)),
    failCalls: (fault) => addFault(store, fault),
    holdCalls: (hold) => addHold(store, hold),
    limitRate: (method, limit) => limitRate(store, method, limit),
    fileContent: (fileId) => {
      const file = store.files.get(fileId);
      return file?.completed && file.bytes ? Buffer.from(file.bytes) : undefined;
    },
    fileDownloads: (fileId) => store.downloads.get(fileId) ?? 0,
    socketConnections: () => socket.connections,
    violations: () => [...store.violations],
    waitFor: (probe, opts) => waitFor(probe, opts, recent),
  };
}
