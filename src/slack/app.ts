import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { SlackMode } from '../config.ts';
import { EVENTS_PATH, httpFront } from './http-front.ts';
import { registerListeners } from './register.ts';
import type { Runtime } from './runtime.ts';

export type SlackAppOptions = {
  slack: Exclude<SlackMode, { kind: 'none' }>;
  slackApiUrl: string | undefined;
  port: number;
  logger: Logger;
  runtime: Runtime;
  /** True once the database is migrated and the services are built. */
  ready: () => boolean;
  /** Tests shorten Web API retries so a failing call does not stall them for minutes. */
  clientOptions?: WebClientOptions;
};

export type RunningSlackApp = {
  app: App;
  server: Server;
  port: number;
  /** Socket Mode: opens the WebSocket (and keeps reconnecting); HTTP mode: nothing to do. */
  connect: () => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Starts the HTTP server first (so /healthz answers 503 while the database migrates), then Bolt: in HTTP mode
 * Bolt's receiver handles POST /slack/events on the same server; in Socket Mode the server only serves /healthz.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const clientOptions: WebClientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    ...options.clientOptions,
  };
  const common = {
    token: options.slack.botToken,
    logger: options.logger,
    logLevel: options.logger.getLevel(),
    clientOptions,
    deferInitialization: true,
    // Bolt's default middleware keeps a per-conversation state store that no listener here reads; it cost every
    // request a map lookup and a closure.
    convoStore: false as const,
  };
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (options.slack.kind === 'http') {
    receiver = new HTTPReceiver({
      signingSecret: options.slack.signingSecret,
      endpoints: EVENTS_PATH,
      logger: options.logger,
    });
  } else {
    // Bolt's own Socket Mode set-up would ignore clientOptions, sending apps.connections.open to Slack itself.
    receiver = new SocketModeReceiver({
      appToken: options.slack.appToken,
      logger: options.logger,
      installerOptions: { clientOptions },
    });
  }
  const app = new App({ ...common, receiver });
  registerListeners(app, options.runtime);

  const events = receiver instanceof HTTPReceiver ? receiver.requestListener : undefined;
  const server = createServer(httpFront({ logger: options.logger, ready: options.ready, events }));
  // Idle connections live longer than a load balancer's or Slack's own idle timeout (60 s is common), so the
  // client, not this server, closes them: a server that closes first races a client reusing the connection.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await app.init();
  return {
    app,
    server,
    port,
    connect: async () => {
      if (receiver instanceof SocketModeReceiver) await receiver.client.start();
    },
    stop: async () => {
      if (receiver instanceof SocketModeReceiver) await receiver.client.disconnect().catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
