import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { type Config, secretsOf } from './config.ts';
import {
  DEMO_ADMIN,
  DEMO_CHANNELS,
  seedDemoAccount,
  seedDemoPhoneSystem,
  seedDemoWorkspace,
} from './local/demo.ts';
import { type FakeSlack, startFakeSlack } from './local/index.ts';
import { type LocalSipServer, localSipServer } from './local/sip-server.ts';
import { startZoomStandIn, type ZoomStandIn } from './local/zoom/index.ts';
import { phoneSystemViewOf } from './local/zoom/phone-system-view.ts';
import { createLogger } from './logger.ts';
import { accountInUse } from './store/account.ts';
import { markEveryLicensed } from './store/phone-sync.ts';
import { sipDeviceOwners } from './store/sip-credentials.ts';
import { type Switchboard, startSwitchboard } from './switchboard.ts';

export type LocalWorkspace = {
  url: string;
  app: Switchboard;
  slack: FakeSlack;
  /** The local phone system, when no real one is configured. */
  zoom: ZoomStandIn | undefined;
  /** The SIP server, with PHONE_SYSTEM=kamailio (running, or why not). */
  sip: LocalSipServer | undefined;
  /** On the first start (and without `empty`): types the demo account's commands; the page shows them arrive. */
  demo: (() => Promise<void>) | undefined;
  stop: () => Promise<void>;
};

/**
 * Switchboard without Slack: the local Slack stand-in (its page in the browser, its Web API for the app) and the
 * app wired to it over signed HTTP, as in Slack (or, for tests of that path, over Socket Mode). Credentials are made up for this run only. The phone account
 * lives in its own embedded database next to PGLITE_DIR (`local-workspace/`), so demo data never mixes with a
 * real account; on its first start it can be filled with a demo account (unless `empty` is set).
 */
export async function startLocalWorkspace(
  config: Config,
  options: { empty: boolean; transport?: 'http' | 'socket'; ackDeadlineMs?: number },
): Promise<LocalWorkspace> {
  const botToken = `xoxb-local-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const socketMode = options.transport === 'socket';
  const appToken = `xapp-1-local-${randomBytes(12).toString('hex')}`;
  // Without a phone system of its own, the workspace drives the local Zoom Phone, whose people are the demo's.
  const zoom = config.phoneSystem.kind === 'none' ? await startLocalZoom() : undefined;
  // The page names whose device each registration is, from the app's database once the app runs.
  let started: Switchboard | undefined;
  const sip =
    config.phoneSystem.kind === 'kamailio'
      ? localSipServer(config, async (usernames) =>
          started ? sipDeviceOwners(started.deps.db, usernames) : new Map(),
        )
      : undefined;
  let slack: FakeSlack;
  try {
    slack = await startFakeSlack({
      botToken,
      signingSecret,
      port: config.localSlackPort,
      ackDeadlineMs: options.ackDeadlineMs,
      ...(socketMode ? { appToken } : {}),
      // The page reads the local phone system through this alone, so a newcomer sees each change land there.
      ...(zoom ? { phoneSystemView: () => phoneSystemViewOf(zoom.snapshot()) } : {}),
      ...(sip ? { sipServerView: sip.view } : {}),
    });
  } catch (error) {
    await zoom?.stop();
    throw error;
  }
  seedDemoWorkspace(slack);
  // Before the app, so that the app finds its phone system answering when it checks on start.
  await sip?.start(createLogger(config.logLevel, secretsOf(config), 'sip'));
  let app: Switchboard;
  try {
    app = await startSwitchboard({
      ...config,
      phoneSystem: zoom
        ? {
            kind: 'zoom',
            apiUrl: zoom.apiUrl,
            oauthUrl: zoom.oauthUrl,
            accountId: zoom.accountId,
            clientId: zoom.clientId,
            clientSecret: zoom.clientSecret,
            ratePlan: 'business',
          }
        : config.phoneSystem,
      slack: socketMode
        ? { kind: 'socket', botToken, appToken, signingSecret: undefined }
        : { kind: 'http', botToken, signingSecret },
      slackApiUrl: slack.apiUrl,
      pgliteDir: join(dirname(config.pgliteDir), 'local-workspace'),
      adminUserIds: [...new Set([...config.adminUserIds, DEMO_ADMIN])],
    });
  } catch (error) {
    await sip?.stop();
    await slack.stop();
    await zoom?.stop();
    throw error;
  }
  started = app;
  if (zoom) {
    // The local phone system starts empty each time: every line the saved account holds is put back in it.
    await app.deps.db.transaction((tx) => markEveryLicensed(tx, new Date()));
    app.sync?.wake();
  }
  if (socketMode) await slack.waitFor(() => slack.socketConnections() > 0, { timeoutMs: 15_000 });
  else slack.setRequestUrl(`http://127.0.0.1:${app.port}/slack/events`);
  const firstStart = !options.empty && !(await accountInUse(app.deps.db));
  return {
    url: `${slack.baseUrl}/#${DEMO_CHANNELS.admins}`,
    app,
    slack,
    zoom,
    sip,
    demo: firstStart ? () => seedDemoAccount(slack) : undefined,
    stop: async () => {
      await sip?.stop();
      await app.stop();
      await slack.stop();
      await zoom?.stop();
    },
  };
}

/** How long the local phone system takes to create a line, as a real one does after a license is given. */
const LOCAL_LINE_CREATION_MS = 3000;

async function startLocalZoom(): Promise<ZoomStandIn> {
  const zoom = await startZoomStandIn({ creationDelayMs: LOCAL_LINE_CREATION_MS });
  seedDemoPhoneSystem(zoom);
  return zoom;
}
