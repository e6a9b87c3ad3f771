import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/config.ts';

const http = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'secret' };

describe('configuration', () => {
  it('runs on the embedded database with defaults when only Slack credentials are given', () => {
    const config = loadConfig(http);
    expect(config).toMatchObject({
      slack: { kind: 'http', botToken: 'xoxb-1-abc', signingSecret: 'secret' },
      databaseUrl: undefined,
      pgliteDir: '.data/pglite',
      port: 3000,
      logLevel: 'info',
      adminUserIds: [],
    });
  });

  it('says there are no Slack credentials when none are set', () => {
    expect(loadConfig({}).slack).toEqual({ kind: 'none' });
  });

  it('puts the local Slack workspace on port 3001 unless LOCAL_SLACK_PORT says otherwise', () => {
    expect(loadConfig({}).localSlackPort).toBe(3001);
    expect(loadConfig({ LOCAL_SLACK_PORT: '4001' }).localSlackPort).toBe(4001);
  });

  it('reads numbers without + in the US unless DEFAULT_COUNTRY names another country', () => {
    expect(loadConfig({}).defaultCountry).toBe('US');
    expect(loadConfig({ DEFAULT_COUNTRY: 'gb' }).defaultCountry).toBe('GB');
    expect(() => loadConfig({ DEFAULT_COUNTRY: 'XX' })).toThrow(/^DEFAULT_COUNTRY: must be a country code/);
    expect(() => loadConfig({ DEFAULT_COUNTRY: 'United Kingdom' })).toThrow(/^DEFAULT_COUNTRY:/);
  });

  it('uses Socket Mode when an app token is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A' }).slack.kind).toBe('socket');
  });

  it('reads admins, port, log level, API URL and database URL', () => {
    const config = loadConfig({
      ...http,
      ADMIN_USER_IDS: ' U012AB , W99ZZ ',
      PORT: '8080',
      LOG_LEVEL: 'DEBUG',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(config).toMatchObject({
      adminUserIds: ['U012AB', 'W99ZZ'],
      port: 8080,
      logLevel: 'debug',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      databaseUrl: 'postgres://u@h/db',
    });
  });

  it('drives no phone system unless PHONE_SYSTEM says zoom', () => {
    expect(loadConfig(http).phoneSystem).toEqual({ kind: 'none' });
  });

  it("reads Zoom's credentials, URLs and rate plan, and counts the client secret among the secrets", () => {
    const zoom = {
      PHONE_SYSTEM: 'zoom',
      ZOOM_ACCOUNT_ID: 'acct',
      ZOOM_CLIENT_ID: 'cid',
      ZOOM_CLIENT_SECRET: 'csecret',
    };
    const config = loadConfig({ ...http, ...zoom });
    expect(config.phoneSystem).toEqual({
      kind: 'zoom',
      accountId: 'acct',
      clientId: 'cid',
      clientSecret: 'csecret',
      apiUrl: 'https://api.zoom.us/v2',
      oauthUrl: 'https://zoom.us/oauth/token',
      ratePlan: 'business',
    });
    expect(secretsOf(config)).toContain('csecret');
    expect(
      loadConfig({
        ...zoom,
        ZOOM_API_URL: 'http://127.0.0.1:9998/v2',
        ZOOM_OAUTH_URL: 'http://127.0.0.1:9998/oauth/token',
        ZOOM_RATE_PLAN: 'Pro',
      }).phoneSystem,
    ).toMatchObject({
      apiUrl: 'http://127.0.0.1:9998/v2',
      oauthUrl: 'http://127.0.0.1:9998/oauth/token',
      ratePlan: 'pro',
    });
  });

  it('reads the SIP server: where it listens, its realm, the gateway and the voicemail server', () => {
    expect(loadConfig({ PHONE_SYSTEM: 'kamailio' }).phoneSystem).toEqual({
      kind: 'kamailio',
      host: '127.0.0.1',
      port: 5060,
      realm: 'switchboard',
      gateway: undefined,
      voicemail: undefined,
      benchStaticRoute: false,
    });
    expect(
      loadConfig({
        PHONE_SYSTEM: 'Kamailio',
        SIP_HOST: '10.0.0.2',
        SIP_PORT: '5070',
        SIP_REALM: 'sip.example.com',
        SIP_GATEWAY_URI: 'sip:10.0.0.5:5080',
        SIP_VOICEMAIL_URI: 'sip:media.example.com',
        SIP_BENCH_STATIC_ROUTE: '1',
      }).phoneSystem,
    ).toEqual({
      kind: 'kamailio',
      host: '10.0.0.2',
      port: 5070,
      realm: 'sip.example.com',
      gateway: { host: '10.0.0.5', port: 5080 },
      voicemail: { host: 'media.example.com', port: 5060 },
      benchStaticRoute: true,
    });
  });

  it.each([
    [{ PHONE_SYSTEM: 'teams' }, /^PHONE_SYSTEM: must be none, zoom or kamailio/],
    [{ SIP_PORT: 'sip' }, /^SIP_PORT: must be a port number/],
    [{ SIP_PORT: '0' }, /^SIP_PORT: must be at least 1/],
    [{ SIP_PORT: '65536' }, /^SIP_PORT: must be at most 65535/],
    [{ SIP_HOST: 'a host' }, /^SIP_HOST: /],
    [{ SIP_REALM: 'my realm' }, /^SIP_REALM: /],
    [{ SIP_BENCH_STATIC_ROUTE: 'yes' }, /^SIP_BENCH_STATIC_ROUTE: must be 1 .* or 0/],
    [
      { SIP_GATEWAY_URI: 'http://10.0.0.5' },
      /^SIP_GATEWAY_URI: must be sip:<host>\[:<port>\] such as sip:10.0.0.5:5060/,
    ],
    [{ SIP_GATEWAY_URI: 'sip:+14155550100@10.0.0.5' }, /^SIP_GATEWAY_URI: /],
    [{ SIP_VOICEMAIL_URI: 'sip:10.0.0.6:99999' }, /^SIP_VOICEMAIL_URI: the port must be 1 to 65535/],
    [
      { PHONE_SYSTEM: 'zoom', ZOOM_CLIENT_ID: 'c', ZOOM_CLIENT_SECRET: 's' },
      /^ZOOM_ACCOUNT_ID: required when PHONE_SYSTEM=zoom/,
    ],
    [
      { PHONE_SYSTEM: 'zoom', ZOOM_ACCOUNT_ID: 'a', ZOOM_CLIENT_SECRET: 's' },
      /^ZOOM_CLIENT_ID: required when PHONE_SYSTEM=zoom/,
    ],
    [
      { PHONE_SYSTEM: 'zoom', ZOOM_ACCOUNT_ID: 'a', ZOOM_CLIENT_ID: 'c', ZOOM_CLIENT_SECRET: ' ' },
      /^ZOOM_CLIENT_SECRET: required when PHONE_SYSTEM=zoom/,
    ],
    [{ ZOOM_API_URL: 'api.zoom.us' }, /^ZOOM_API_URL: /],
    [{ ZOOM_OAUTH_URL: 'zoom' }, /^ZOOM_OAUTH_URL: /],
    [{ ZOOM_RATE_PLAN: 'enterprise' }, /^ZOOM_RATE_PLAN: /],
    [{ ...http, PORT: 'eighty' }, /^PORT: /],
    [{ ...http, PORT: '70000' }, /^PORT: /],
    [{ LOCAL_SLACK_PORT: 'three' }, /^LOCAL_SLACK_PORT: /],
    [{ ...http, LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ ...http, DATABASE_URL: 'mysql://x' }, /^DATABASE_URL: /],
    [{ ...http, SLACK_API_URL: 'not a url' }, /^SLACK_API_URL: /],
    [{ ...http, ADMIN_USER_IDS: 'ada' }, /^ADMIN_USER_IDS: /],
    [{ ...http, SLACK_BOT_TOKEN: 'xoxp-user-token' }, /^SLACK_BOT_TOKEN: /],
    [{ SLACK_SIGNING_SECRET: 'secret' }, /^SLACK_BOT_TOKEN: /],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET: /],
  ])('stops with one line naming the variable for %o', (env, pattern) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(pattern);
  });
});
