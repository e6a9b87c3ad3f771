import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/services/imports/service.ts';
import { type Switchboard, startSwitchboard } from '../../src/switchboard.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';

describe('Socket Mode', () => {
  let slack: FakeSlack;
  let app: Switchboard;

  beforeAll(async () => {
    slack = await startFakeSlack({
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
      botToken: 'xoxb-socket-test-token',
      signingSecret: 'unused-in-socket-mode',
    });
    app = await startSwitchboard(
      {
        slack: {
          kind: 'socket',
          botToken: 'xoxb-socket-test-token',
          appToken: 'xapp-1-A0-socket',
          signingSecret: undefined,
        },
        phoneSystem: { kind: 'none' },
        slackApiUrl: slack.apiUrl,
        databaseUrl: undefined,
        pgliteDir: 'memory://',
        adminUserIds: [],
        port: 0,
        logLevel: 'error',
        importLimits: DEFAULT_IMPORT_LIMITS,
        localSlackPort: 0,
        driftCheckMinutes: 0,
      },
      { clientOptions: { retryConfig: { retries: 0 } } },
    );
  });

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
  });

  it('asks SLACK_API_URL, not Slack itself, for the WebSocket address', async () => {
    await slack.waitFor(() => slack.apiCalls('apps.connections.open').length > 0);
    expect(slack.apiCalls('auth.test').length).toBeGreaterThan(0);
  });

  it('answers the health check once the database is ready, whatever the WebSocket does', async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(response.status).toBe(200);
  });
});
