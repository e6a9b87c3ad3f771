import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type Logger, LogLevel, type types } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { ManualClock } from '../../../src/local/clock.ts';
import { startFakeSlack } from '../../../src/local/fake-slack.ts';
import type { FakeSlack } from '../../../src/local/types.ts';
import { TEST_ACK_DEADLINE_MS } from '../../support/timing.ts';

export const BOT_TOKEN = 'xoxb-test-local-token';
export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const ADA = 'U0ADA0001';
export const GRACE = 'U0GRACE01';
export const ADMINS = 'C0ADMINS1';

/** Bolt's log lines, kept in memory so that tests stay quiet and can assert on what the app reported. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (...msg: unknown[]) =>
      lines.push(`${level} ${msg.map(String).join(' ')}`);
  return {
    lines,
    debug: () => {},
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export type Harness = {
  fake: FakeSlack;
  app: App;
  clock: ManualClock;
  logs: string[];
  /** A WebClient wired like the app's own, for calling the fake directly. */
  client: WebClient;
  stop(): Promise<void>;
};

/** A real Bolt app on HTTPReceiver, talking to a fresh fake Slack seeded with two people and one channel. */
export async function startHarness(options: { ackDeadlineMs?: number } = {}): Promise<Harness> {
  const clock = new ManualClock();
  const fake = await startFakeSlack({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    clock,
    ackDeadlineMs: options.ackDeadlineMs ?? TEST_ACK_DEADLINE_MS,
  });
  fake.addUser({
    id: ADA,
    name: 'ada',
    realName: 'Ada Lovelace',
    email: 'ada@example.com',
    tz: 'Europe/London',
  });
  fake.addUser({ id: GRACE, name: 'grace', realName: 'Grace Brewster Hopper', email: 'grace@example.com' });
  fake.addChannel({ id: ADMINS, name: 'phone-admins' });
  const logger = memoryLogger();
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
  const app = new App({ signingSecret: SIGNING_SECRET, token: BOT_TOKEN, logger, clientOptions });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  fake.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  return {
    fake,
    app,
    clock,
    logs: logger.lines,
    client: new WebClient(BOT_TOKEN, clientOptions),
    stop: async () => {
      await app.stop();
      await fake.stop();
    },
  };
}

/** A promise the test resolves by hand, to hold a listener at a precise point. */
export function gate(): { wait: Promise<void>; open(): void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

export const modal = (blocks: unknown[], extra: Partial<types.ModalView> = {}): types.ModalView => ({
  type: 'modal',
  callback_id: 'test_modal',
  title: { type: 'plain_text', text: 'Test' },
  submit: { type: 'plain_text', text: 'Save' },
  // Tests also send blocks Slack would refuse, so they are not held to the SDK's block types.
  blocks: blocks as types.KnownBlock[],
  ...extra,
});

export const textInput = (blockId: string, actionId = 'value', optional = false) => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: { type: 'plain_text', text: blockId },
  element: { type: 'plain_text_input', action_id: actionId },
});

export const buttons = (blockId: string, ...actionIds: string[]) => ({
  type: 'actions',
  block_id: blockId,
  elements: actionIds.map((id) => ({
    type: 'button',
    action_id: id,
    text: { type: 'plain_text', text: id },
    value: id,
  })),
});
