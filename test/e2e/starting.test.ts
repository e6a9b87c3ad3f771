import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { createLogger } from '../../src/logger.ts';
import { DEFAULT_IMPORT_LIMITS } from '../../src/services/imports/service.ts';
import { Turns } from '../../src/services/imports/turns.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { STARTING } from '../../src/slack/runtime.ts';
import { TEST_ACK_DEADLINE_MS } from '../support/timing.ts';

const TOKEN = 'xoxb-starting-test-token';
const SECRET = 'starting-test-secret';

describe('while the database is still being prepared', () => {
  let slack: FakeSlack;
  let app: RunningSlackApp;

  beforeAll(async () => {
    slack = await startFakeSlack({
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
      botToken: TOKEN,
      signingSecret: SECRET,
    });
    slack.addUser({ id: 'UEARLY0001', name: 'early', realName: 'Early Bird', email: 'early@example.com' });
    slack.addChannel({ id: 'CEARLY0001', name: 'phone-admins' });
    const logger = createLogger('error', [TOKEN, SECRET]);
    app = await startSlackApp({
      slack: { kind: 'http', botToken: TOKEN, signingSecret: SECRET },
      slackApiUrl: slack.apiUrl,
      port: 0,
      logger,
      runtime: {
        deps: () => undefined,
        logger,
        importLimits: DEFAULT_IMPORT_LIMITS,
        importTurns: new Turns(1),
      },
      ready: () => false,
      clientOptions: { retryConfig: { retries: 0 } },
    });
    slack.setRequestUrl(`http://127.0.0.1:${app.port}/slack/events`);
  });

  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
  });

  it('answers the health check with 503', async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'starting' });
  });

  it('acknowledges a command in time and asks the person to try again shortly', async () => {
    const ack = await slack.slash({ user: 'UEARLY0001', channel: 'CEARLY0001', text: 'me' });
    expect(ack.status).toBe(200);
    const reply = await slack.waitFor(() => slack.ephemerals('UEARLY0001').at(-1));
    expect(reply.text).toBe(STARTING);
  });
});
