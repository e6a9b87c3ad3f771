import { z } from 'zod';

const slackUserIds = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'each id must look like U0123ABCD')));

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const schema = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(z.url('must be a URL such as https://slack.com/api/').optional()),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  PGLITE_DIR: optionalText.transform((dir) => dir ?? '.data/pglite'),
  ADMIN_USER_IDS: optionalText.transform((raw) => raw ?? '').pipe(slackUserIds),
  PORT: optionalText
    .transform((raw) => raw ?? '3000')
    .pipe(z.string().regex(/^[0-9]{1,5}$/, 'must be a port number such as 3000'))
    .transform(Number)
    .pipe(z.number().max(65535, 'must be at most 65535')),
  IMPORT_MAX_MB: optionalText
    .transform((raw) => raw ?? '20')
    .pipe(z.string().regex(/^[0-9]{1,4}$/, 'must be a whole number of megabytes such as 20'))
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1')),
  IMPORT_MAX_ROWS: optionalText
    .transform((raw) => raw ?? '100000')
    .pipe(z.string().regex(/^[0-9]{1,7}$/, 'must be a whole number of rows such as 100000'))
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1')),
  LOCAL_SLACK_PORT: optionalText
    .transform((raw) => raw ?? '3001')
    .pipe(z.string().regex(/^[0-9]{1,5}$/, 'must be a port number such as 3001'))
    .transform(Number)
    .pipe(z.number().max(65535, 'must be at most 65535')),
  LOG_LEVEL: optionalText
    .transform((raw) => (raw ?? 'info').toLowerCase())
    .pipe(z.enum(['debug', 'info', 'warn', 'error'], 'must be one of debug, info, warn, error')),
});

export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret: string | undefined }
  | { kind: 'none' };

export type Config = {
  slack: SlackMode;
  slackApiUrl: string | undefined;
  databaseUrl: string | undefined;
  pgliteDir: string;
  adminUserIds: string[];
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The largest CSV file, in bytes and in rows, that an import reads. */
  importLimits: { maxBytes: number; maxRows: number };
  /** Without Slack credentials: the port of the local Slack workspace (its page and its Web API). */
  localSlackPort: number;
};

export class ConfigError extends Error {}

/** Reads the environment once. A wrong value throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  const v = parsed.data;
  return {
    slack: slackMode(v.SLACK_BOT_TOKEN, v.SLACK_SIGNING_SECRET, v.SLACK_APP_TOKEN),
    slackApiUrl: v.SLACK_API_URL,
    databaseUrl: v.DATABASE_URL,
    pgliteDir: v.PGLITE_DIR,
    adminUserIds: v.ADMIN_USER_IDS,
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
    importLimits: { maxBytes: v.IMPORT_MAX_MB * 1024 * 1024, maxRows: v.IMPORT_MAX_ROWS },
    localSlackPort: v.LOCAL_SLACK_PORT,
  };
}

/** What the logger must never write: the tokens and the signing secret. */
export function secretsOf(config: Config): string[] {
  const { slack } = config;
  if (slack.kind === 'none') return [];
  return [slack.botToken, slack.signingSecret, slack.kind === 'socket' ? slack.appToken : undefined].filter(
    (secret): secret is string => secret !== undefined,
  );
}

function slackMode(botToken?: string, signingSecret?: string, appToken?: string): SlackMode {
  if (!botToken && !signingSecret && !appToken) return { kind: 'none' };
  if (!botToken)
    throw new ConfigError('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  if (appToken) return { kind: 'socket', botToken, appToken, signingSecret };
  if (!signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  return { kind: 'http', botToken, signingSecret };
}
