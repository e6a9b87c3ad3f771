import type { WebClientOptions } from '@slack/web-api';
import { WebClient } from '@slack/web-api';
import { openDatabase } from '../db/client.ts';
import { type Config, secretsOf } from './config.ts';
import { createLogger } from './logger.ts';
import { phoneSystemFor } from './phone-systems/index.ts';
import type { Deps } from './services/context.ts';
import { scheduleDriftChecks } from './services/drift-schedule.ts';
import { Turns } from './services/imports/turns.ts';
import { type NoticeWorker, startNoticeWorker } from './services/notices.ts';
import { bootstrapAdmins } from './services/people.ts';
import type { PhoneSystem } from './services/phone-system.ts';
import { type Clock, type Ids, randomIds, systemClock } from './services/ports.ts';
import { type SyncWorker, startSyncWorker } from './services/sync-worker.ts';
import { startSlackApp } from './slack/app.ts';
import { describe as describeError } from './slack/deliver.ts';
import { watchInterruptedImports } from './slack/interrupted-imports.ts';
import { backgroundSlack } from './slack/notices.ts';
import type { Rate } from './slack/pacer.ts';
import { slackProfiles } from './slack/profiles.ts';
import { sweepOrphanedSpools } from './slack/spool.ts';
import { syncReplyRefresher } from './slack/sync-replies.ts';

export type Switchboard = {
  port: number;
  stop: () => Promise<void>;
  deps: Deps;
  notices: NoticeWorker;
  /** Running only when a phone system is configured. */
  sync: SyncWorker | undefined;
};

/**
 * Uploaded CSV files read at once in one process (the others wait their turn): reading the largest file the
 * import limits allow takes most of what `npm start` gives the heap, so one at a time keeps the peak of the
 * process that of one file, however many admins upload together.
 */
const FILES_READ_AT_ONCE = 1;

export type StartOptions = {
  clock?: Clock;
  ids?: Ids;
  /** Tests pass `{ retryConfig: { retries: 0 } }` so a failing Web API call fails at once. */
  clientOptions?: WebClientOptions;
  /** postgres.js pool size. */
  maxConnections?: number;
  /** The pace of the background work for Slack (linking, direct messages); Slack's own tiers by default. */
  backgroundRates?: Record<string, Rate>;
  /** How long a job a worker claimed stays its own before another instance may take it over. */
  noticeLeaseMs?: number;
  /**
   * The phone system to keep in step with the database. Without one, no instance reconciles: changes mark the
   * people they touch, and the markings wait.
   */
  phoneSystem?: PhoneSystem;
  /** How long a person a sync worker claimed stays its own before another instance may take them over. */
  syncLeaseMs?: number;
  /** A migrated PGlite data directory an in-memory database starts from (see `openDatabase`). */
  pgliteTemplate?: Blob;
};

/**
 * The composition root: opens the database, starts the HTTP server (health check first), migrates, builds the
 * services and lets Slack requests in. Everything the running app holds is created here.
 */
export async function startSwitchboard(config: Config, options: StartOptions = {}): Promise<Switchboard> {
  if (config.slack.kind === 'none') throw new Error('startSwitchboard needs Slack credentials');
  const logger = createLogger(config.logLevel, secretsOf(config));
  let deps: Deps | undefined;
  let replies: ReturnType<typeof syncReplyRefresher> | undefined;
  const slack = await startSlackApp({
    slack: config.slack,
    slackApiUrl: config.slackApiUrl,
    port: config.port,
    logger,
    runtime: {
      deps: () => deps,
      logger,
      importLimits: config.importLimits,
      importTurns: new Turns(FILES_READ_AT_ONCE),
      refreshSyncReplies: () => replies?.refresh() ?? Promise.resolve(),
    },
    ready: () => deps !== undefined,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    pgliteTemplate: options.pgliteTemplate,
    ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
  });
  try {
    await database.migrate();
  } catch (error) {
    await slack.stop();
    await database.close();
    throw error;
  }
  const client = new WebClient(config.slack.botToken, {
    logger,
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    ...options.clientOptions,
  });
  const clock = options.clock ?? systemClock;
  const background = backgroundSlack(
    config.slack.botToken,
    { logger, ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}) },
    options.backgroundRates,
  );
  // Linking and direct messages about changed lines run in the background, at Slack's pace, from the database.
  const notices = startNoticeWorker({
    db: database.db,
    clock,
    profiles: background.profiles,
    messenger: background.messenger,
    log: logger,
    ...(options.noticeLeaseMs ? { leaseMs: options.noticeLeaseMs } : {}),
  });
  const phoneSystem =
    options.phoneSystem ??
    phoneSystemFor(config.phoneSystem, logger, { embeddedDatabase: database.driver === 'pglite' });
  // The status line under each change follows the sync: a pass over the open ones each time a person settles.
  replies = syncReplyRefresher(() => deps, client, logger);
  const refresher = replies;
  const sync = phoneSystem
    ? startSyncWorker({
        db: database.db,
        clock,
        phoneSystem,
        log: logger,
        onSettled: () => void refresher.refresh(),
        ...(options.syncLeaseMs ? { leaseMs: options.syncLeaseMs } : {}),
      })
    : undefined;
  const built: Deps = {
    db: database.db,
    clock,
    ids: options.ids ?? randomIds,
    profiles: slackProfiles(client),
    configAdmins: new Set(config.adminUserIds),
    ...(config.defaultCountry ? { defaultCountry: config.defaultCountry } : {}),
    leases: database.leases,
    notices,
    ...(phoneSystem && sync ? { phoneSystem, sync } : {}),
  };
  const added = await bootstrapAdmins(built);
  if (added.length > 0) logger.info(`Phone admins from ADMIN_USER_IDS: ${added.join(', ')}`);
  deps = built;
  const stopWatching = watchInterruptedImports(built, client, logger);
  const driftChecks = scheduleDriftChecks(built, config.driftCheckMinutes, logger);
  void sweepOrphanedSpools().then((removed) => {
    if (removed > 0)
      logger.info(`Removed ${removed} export files left by a process that stopped while exporting`);
  });
  // Socket Mode connects only now, so that events never arrive before the services exist, and so that a
  // Slack outage at start-up cannot hold back the migrations. A failed first connection is tried again with a
  // growing pause (the client reconnects by itself only once it has connected).
  let stopped = false;
  const connect = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        await slack.connect();
        return;
      } catch (error) {
        const pauseMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
        logger.warn(
          `Socket Mode connection failed (${describeError(error)}); trying again in ${pauseMs / 1000} s`,
        );
        await new Promise((resolve) => setTimeout(resolve, pauseMs).unref());
      }
    }
  };
  void connect();
  if (phoneSystem) {
    // A wrong credential is one clear line at start (and each person's sync says so), never a crash loop.
    void phoneSystem.connection().then(
      (check) =>
        check.ok
          ? logger.info(`${phoneSystem.name}: connected (${check.detail})`)
          : logger.error(`${phoneSystem.name}: not connected: ${check.reason}`),
      (error: unknown) => logger.error(`${phoneSystem.name}: the connection check failed`, error),
    );
  }
  logger.info(
    `Switchboard is ready on port ${slack.port} (${config.slack.kind === 'http' ? 'HTTP: POST /slack/events' : 'Socket Mode'}, database: ${database.driver})`,
  );
  return {
    port: slack.port,
    deps: built,
    notices,
    sync,
    stop: async () => {
      stopped = true;
      await stopWatching();
      await driftChecks.stop();
      await notices.stop();
      await sync?.stop();
      deps = undefined;
      await slack.stop();
      await database.close();
    },
  };
}
