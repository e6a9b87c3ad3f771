import { ConfigError, loadConfig, secretsOf } from './config.ts';
import { startLocalWorkspace } from './local-workspace.ts';
import { createLogger } from './logger.ts';
import { guardProcess } from './process-guards.ts';
import { discardAllSync } from './slack/spool.ts';
import { startSwitchboard } from './switchboard.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let app: { stop: () => Promise<void> } | undefined;
  guardProcess({
    logger: createLogger(config.logLevel, secretsOf(config)),
    stop: () => app?.stop,
    cleanUp: discardAllSync,
  });
  if (config.slack.kind === 'none') {
    // No Slack credentials: run against the local Slack workspace, in the browser.
    const local = await startLocalWorkspace(config, { empty: process.argv.includes('--empty') });
    app = local;
    process.stdout.write(
      [
        'No Slack credentials: Switchboard runs against a local Slack workspace.',
        `Open ${local.url} and type /phone help.`,
        'For a real workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see README.md, "Configuration").',
        '',
      ].join('\n'),
    );
    if (local.demo) {
      process.stdout.write(
        'First start: setting up a demo account (`npm start -- --empty` starts without one)…\n',
      );
      await local.demo();
      process.stdout.write('The demo account is ready.\n');
    }
  } else {
    app = await startSwitchboard(config);
  }
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    (app?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Switchboard could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
