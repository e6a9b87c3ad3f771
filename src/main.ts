import { ConfigError, loadConfig } from './config.ts';
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
  if (config.slack.kind === 'none') {
    process.stderr.write(
      'No Slack credentials: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP mode), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode). See README.md, "Configuration".\n',
    );
    process.exit(1);
  }
  const app = await startSwitchboard(config);
  const shutdown = (signal: string) => {
    process.stdout.write(`${signal}: shutting down\n`);
    app.stop().then(
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
