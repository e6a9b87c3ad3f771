import { z } from 'zod';
import { isCountry } from './domain/phone-numbers.ts';

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

/** A SIP server to send calls to, as `sip:host[:port]` (no user part: the Request-URI's user is the call's). */
function sipTarget(example: string) {
  return z
    .string()
    .regex(/^sip:[A-Za-z0-9.-]+(:[0-9]{1,5})?$/, `must be sip:<host>[:<port>] such as ${example}`)
    .transform((uri) => {
      const [host = '', port] = uri.slice('sip:'.length).split(':');
      return { host, port: port === undefined ? 5060 : Number(port) };
    })
    .refine((target) => target.port >= 1 && target.port <= 65535, 'the port must be 1 to 65535')
    .optional();
}

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
  DRIFT_CHECK_MINUTES: optionalText
    .transform((raw) => raw ?? '60')
    .pipe(
      z.string().regex(/^[0-9]{1,5}$/, 'must be a whole number of minutes such as 60, or 0 to turn it off'),
    )
    .transform(Number),
  LOG_LEVEL: optionalText
    .transform((raw) => (raw ?? 'info').toLowerCase())
    .pipe(z.enum(['debug', 'info', 'warn', 'error'], 'must be one of debug, info, warn, error')),
  PHONE_SYSTEM: optionalText
    .transform((raw) => (raw ?? 'none').toLowerCase())
    .pipe(z.enum(['none', 'zoom', 'kamailio'], 'must be none, zoom or kamailio')),
  DEFAULT_COUNTRY: optionalText
    .transform((raw) => (raw ?? 'US').toUpperCase())
    .pipe(z.string().refine(isCountry, 'must be a country code (ISO 3166 alpha-2) such as US or GB')),
  SIP_HOST: optionalText
    .transform((raw) => raw ?? '127.0.0.1')
    .pipe(z.string().regex(/^[A-Za-z0-9.:-]+$/, 'must be an IP address or host name such as 127.0.0.1')),
  SIP_PORT: optionalText
    .transform((raw) => raw ?? '5060')
    .pipe(z.string().regex(/^[0-9]{1,5}$/, 'must be a port number such as 5060'))
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(65535, 'must be at most 65535')),
  SIP_REALM: optionalText
    .transform((raw) => raw ?? 'switchboard')
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9.-]{1,64}$/, 'must be letters, digits, dots or dashes, such as switchboard'),
    ),
  SIP_GATEWAY_URI: optionalText.pipe(sipTarget('sip:10.0.0.5:5060')),
  SIP_VOICEMAIL_URI: optionalText.pipe(sipTarget('sip:10.0.0.6:5060')),
  SIP_BENCH_STATIC_ROUTE: optionalText
    .transform((raw) => raw ?? '0')
    .pipe(z.enum(['0', '1'], 'must be 1 (answer every INVITE with 480 and no SQL, for npm run bench) or 0'))
    .transform((raw) => raw === '1'),
  ZOOM_ACCOUNT_ID: optionalText,
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_API_URL: optionalText
    .transform((raw) => raw ?? 'https://api.zoom.us/v2')
    .pipe(z.url('must be a URL such as https://api.zoom.us/v2')),
  ZOOM_OAUTH_URL: optionalText
    .transform((raw) => raw ?? 'https://zoom.us/oauth/token')
    .pipe(z.url('must be a URL such as https://zoom.us/oauth/token')),
  ZOOM_RATE_PLAN: optionalText
    .transform((raw) => (raw ?? 'business').toLowerCase())
    .pipe(z.enum(['business', 'pro'], 'must be business or pro (the Zoom plan whose rate limits apply)')),
});

export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret: string | undefined }
  | { kind: 'none' };

/** The phone system Switchboard drives; `none` keeps every change in Switchboard's own database. */
export type PhoneSystemConfig =
  | { kind: 'none' }
  | ({ kind: 'kamailio' } & SipConfig)
  | {
      kind: 'zoom';
      accountId: string;
      clientId: string;
      clientSecret: string;
      apiUrl: string;
      oauthUrl: string;
      ratePlan: 'business' | 'pro';
    };

/** A SIP server reached over UDP. */
export type SipTarget = { host: string; port: number };

/**
 * The SIP server that routes the account's calls from Switchboard's tables (PHONE_SYSTEM=kamailio): where it
 * listens, the digest realm device passwords are hashed with, the gateway (trunk) numbers outside the account are
 * reached through, and the media server that answers voicemail and plays messages.
 */
export type SipConfig = {
  host: string;
  port: number;
  realm: string;
  gateway: SipTarget | undefined;
  voicemail: SipTarget | undefined;
  /** The benchmark's baseline: every INVITE answered 480 by a static route, without reading the tables. */
  benchStaticRoute?: boolean;
};

export type Config = {
  slack: SlackMode;
  phoneSystem: PhoneSystemConfig;
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
  /** How often the phone system is compared with Switchboard, in minutes; 0: only on `/phone drift`. */
  driftCheckMinutes: number;
  /** The country (ISO 3166 alpha-2) a number typed without + is read in, for a site that names none. */
  defaultCountry?: string;
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
    phoneSystem: phoneSystem(v),
    slackApiUrl: v.SLACK_API_URL,
    databaseUrl: v.DATABASE_URL,
    pgliteDir: v.PGLITE_DIR,
    adminUserIds: v.ADMIN_USER_IDS,
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
    importLimits: { maxBytes: v.IMPORT_MAX_MB * 1024 * 1024, maxRows: v.IMPORT_MAX_ROWS },
    localSlackPort: v.LOCAL_SLACK_PORT,
    driftCheckMinutes: v.DRIFT_CHECK_MINUTES,
    defaultCountry: v.DEFAULT_COUNTRY,
  };
}

/** What the logger must never write: the Slack tokens, the signing secret and the phone system's client secret. */
export function secretsOf(config: Config): string[] {
  const { slack, phoneSystem } = config;
  return [
    slack.kind === 'none' ? undefined : slack.botToken,
    slack.kind === 'none' ? undefined : slack.signingSecret,
    slack.kind === 'socket' ? slack.appToken : undefined,
    phoneSystem.kind === 'zoom' ? phoneSystem.clientSecret : undefined,
  ].filter((secret): secret is string => secret !== undefined);
}

function phoneSystem(v: z.infer<typeof schema>): PhoneSystemConfig {
  if (v.PHONE_SYSTEM === 'none') return { kind: 'none' };
  if (v.PHONE_SYSTEM === 'kamailio') {
    return {
      kind: 'kamailio',
      host: v.SIP_HOST,
      port: v.SIP_PORT,
      realm: v.SIP_REALM,
      gateway: v.SIP_GATEWAY_URI,
      voicemail: v.SIP_VOICEMAIL_URI,
      benchStaticRoute: v.SIP_BENCH_STATIC_ROUTE,
    };
  }
  const required = (variable: 'ZOOM_ACCOUNT_ID' | 'ZOOM_CLIENT_ID' | 'ZOOM_CLIENT_SECRET') => {
    const value = v[variable];
    if (value === undefined) {
      throw new ConfigError(
        `${variable}: required when PHONE_SYSTEM=zoom (from the Server-to-Server OAuth app in the Zoom App Marketplace)`,
      );
    }
    return value;
  };
  return {
    kind: 'zoom',
    accountId: required('ZOOM_ACCOUNT_ID'),
    clientId: required('ZOOM_CLIENT_ID'),
    clientSecret: required('ZOOM_CLIENT_SECRET'),
    apiUrl: v.ZOOM_API_URL,
    oauthUrl: v.ZOOM_OAUTH_URL,
    ratePlan: v.ZOOM_RATE_PLAN,
  };
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
