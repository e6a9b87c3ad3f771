import { retryPolicies } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Config } from '../../src/config.ts';
import { type FakeSlack, startFakeSlack } from '../../src/local/index.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../src/services/imports/service.ts';
import { bootstrapAdmins } from '../../src/services/people.ts';
import type { PhoneSystem } from '../../src/services/phone-system.ts';
import type { Clock } from '../../src/services/ports.ts';
import type { Rate } from '../../src/slack/pacer.ts';
import { type Switchboard, startSwitchboard } from '../../src/switchboard.ts';
import { createScratchDatabase, resetDatabase, testDatabaseUrl } from './database.ts';
import { pgliteTemplate } from './pglite-template.ts';
import { TEST_ACK_DEADLINE_MS } from './timing.ts';

export const BOT_TOKEN = 'xoxb-0000000000-e2e-test-token';
export const SIGNING_SECRET = 'e2e-signing-secret-4f7c2a9d';
export const APP_TOKEN = 'xapp-1-A0LOCALAPP-e2e-app-token';

export const ADMIN_ID = 'UADMIN0001';
export const CHANNEL = 'CPHONEADM1';

/** The workspace every end-to-end test starts from: an admin, a non-admin and a dozen colleagues. */
function seedWorkspace(slack: FakeSlack) {
  slack.addUser({
    id: ADMIN_ID,
    name: 'ada',
    realName: 'Ada Lovelace',
    email: 'ada@example.com',
    tz: 'Europe/London',
  });
  slack.addUser({
    id: 'UNOTADMIN1',
    name: 'mallory',
    realName: 'Mallory Jones',
    email: 'mallory@example.com',
    tz: 'America/Chicago',
  });
  for (let i = 1; i <= 12; i++) {
    const id = `UCOLL${String(i).padStart(5, '0')}`;
    slack.addUser({
      id,
      name: `colleague${i}`,
      realName: `Colleague ${i} Smith`,
      email: `colleague${i}@example.com`,
      tz: 'America/New_York',
    });
  }
  slack.addUser({ id: 'UNOEMAIL01', name: 'ghost', realName: 'No Email' });
  slack.addUser({ id: 'UBOTUSER01', name: 'deploybot', realName: 'Deploy Bot', isBot: true });
  slack.addChannel({ id: CHANNEL, name: 'phone-admins' });
}

export const colleague = (i: number) => `UCOLL${String(i).padStart(5, '0')}`;

export type SwitchboardOptions = {
  /** ADMIN_USER_IDS of the app; by default the seeded admin alone. */
  adminUserIds?: string[];
  /** How Slack reaches the app: signed HTTP requests (the default) or envelopes on a Socket Mode connection. */
  transport?: 'http' | 'socket';
  /** Where the app finds its PostgreSQL database, given the test's own (to put something in between). */
  databaseUrl?: (url: string) => string | Promise<string>;
  /**
   * Web API calls retried as the app retries them in production (Retry-After honoured), with web-api's fast policy
   * instead of pauses of seconds between attempts. Off by default, so that a call that fails fails at once.
   */
  retrySlackCalls?: boolean;
  /** IMPORT_MAX_MB and IMPORT_MAX_ROWS of the app, small so that a test of the limits is quick. */
  importLimits?: ImportLimits;
  /** The phone system the app keeps in step with its database; none by default (markings then wait). */
  phoneSystem?: PhoneSystem;
  /** The app's clock; the system clock by default. A test moves it to make a pause that is long in real time due. */
  clock?: Clock;
  /** The pace of the app's background Slack work; Slack's tiers by default (the stand-in limits nothing). */
  backgroundRates?: Record<string, Rate>;
  /**
   * `false`: the file resets the account itself (with `reset()`), e.g. only when a test changed what the next one
   * needs. The background workers are still waited for, and Slack's journal cleared, before each test.
   */
  resetEachTest?: boolean;
};

/**
 * The real app over HTTP against the local Slack stand-in, one per test file, on PGlite or on a fresh Postgres
 * database. Before each test: the account is reset to the seed (plus the admins of ADMIN_USER_IDS) and Slack's
 * journal is cleared.
 */
export function useSwitchboard(options: SwitchboardOptions = {}) {
  const state: { slack?: FakeSlack; app?: Switchboard; drop?: () => Promise<void> } = {};

  beforeAll(async () => {
    const socketMode = options.transport === 'socket';
    state.slack = await startFakeSlack({
      ackDeadlineMs: TEST_ACK_DEADLINE_MS,
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      ...(socketMode ? { appToken: APP_TOKEN } : {}),
    });
    seedWorkspace(state.slack);
    const scratch = testDatabaseUrl ? await createScratchDatabase(testDatabaseUrl) : undefined;
    state.drop = scratch?.drop;
    const config: Config = {
      slack: socketMode
        ? { kind: 'socket', botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: undefined }
        : { kind: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET },
      phoneSystem: { kind: 'none' },
      slackApiUrl: state.slack.apiUrl,
      databaseUrl: scratch && options.databaseUrl ? await options.databaseUrl(scratch.url) : scratch?.url,
      pgliteDir: 'memory://',
      adminUserIds: options.adminUserIds ?? [ADMIN_ID],
      port: 0,
      logLevel: 'error',
      importLimits: options.importLimits ?? DEFAULT_IMPORT_LIMITS,
      localSlackPort: 0,
      driftCheckMinutes: 0,
    };
    const retryConfig = options.retrySlackCalls ? retryPolicies.rapidRetryPolicy : { retries: 0 };
    state.app = await startSwitchboard(config, {
      clientOptions: { retryConfig },
      ...(options.phoneSystem ? { phoneSystem: options.phoneSystem } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.backgroundRates ? { backgroundRates: options.backgroundRates } : {}),
      ...(scratch ? {} : { pgliteTemplate: pgliteTemplate(inject('pgliteTemplate')) }),
    });
    if (socketMode) {
      const slack = state.slack;
      await slack.waitFor(() => slack.socketConnections() > 0, { timeoutMs: 30_000 });
    } else {
      state.slack.setRequestUrl(`http://127.0.0.1:${state.app.port}/slack/events`);
    }
  });

  /** The account back to the seed (plus the admins of ADMIN_USER_IDS), and Slack's journal cleared. */
  const reset = async () => {
    if (!state.app || !state.slack) return;
    // The direct messages the last test's changes left to send go before the reset, not into this test.
    await state.app.notices.idle();
    await state.app.sync?.idle();
    await resetDatabase(state.app.deps.db);
    await bootstrapAdmins(state.app.deps);
    state.slack.reset();
  };

  beforeEach(async () => {
    if (options.resetEachTest !== false) return reset();
    await state.app?.notices.idle();
    await state.app?.sync?.idle();
    state.slack?.reset();
  });

  afterAll(async () => {
    await state.app?.stop();
    await state.slack?.stop();
    await state.drop?.();
  });

  return {
    get slack(): FakeSlack {
      if (!state.slack) throw new Error('started in beforeAll');
      return state.slack;
    },
    get app(): Switchboard {
      if (!state.app) throw new Error('started in beforeAll');
      return state.app;
    },
    reset,
  };
}

/** What a person sees: the plain text of a message's blocks (section texts and fields), joined by newlines. */
export function visibleText(message: { text: string; blocks?: unknown[] }): string {
  if (!message.blocks || message.blocks.length === 0) return message.text;
  const parts: string[] = [];
  for (const block of message.blocks as {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { text?: string | { text: string } }[];
  }[]) {
    if (block.text?.text) parts.push(block.text.text);
    for (const field of block.fields ?? []) parts.push(field.text);
    if (block.type === 'context' || block.type === 'actions') {
      for (const el of block.elements ?? []) {
        const t = typeof el.text === 'string' ? el.text : el.text?.text;
        if (t) parts.push(t);
      }
    }
  }
  return parts.join('\n');
}
