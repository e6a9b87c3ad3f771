import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { directoryUsers } from '../../db/schema/index.ts';
import type { Ephemeral } from '../../src/local/index.ts';
import { startZoomStandIn, type ZoomStandIn } from '../../src/local/zoom/index.ts';
import { zoomPhoneSystem } from '../../src/phone-systems/zoom/adapter.ts';
import { createZoomClient } from '../../src/phone-systems/zoom/client.ts';
import type { PhoneSystem } from '../../src/services/phone-system.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { openHome } from '../support/home.ts';
import { deniedAttempts, mention, phoneCommands, type Reply } from '../support/phone.ts';
import { colleagueEmail, syncRowOf, useLocalZoom } from '../support/zoom.ts';

/**
 * What admins see of the phone system in Slack: `/phone sync`, the sync line of a card, the Home tab, and the Retry
 * buttons, against the local Zoom stand-in driven through the Zoom adapter (a fresh Zoom account per test).
 */
const MALLORY = 'UNOTADMIN1';
const UNKNOWN_NUMBER = '+14155550199';
const emailOf = colleagueEmail;

type Button = { action_id: string; text: string; value?: string };

/** The buttons of a message, in order. */
function buttonsOf(reply: Reply): Button[] {
  const blocks = (reply.message as Ephemeral).blocks as {
    type: string;
    accessory?: { type: string; action_id: string; text: { text: string }; value?: string };
    elements?: { type: string; action_id: string; text: { text: string }; value?: string }[];
  }[];
  return blocks.flatMap((block) =>
    [block.accessory, ...(block.type === 'actions' ? (block.elements ?? []) : [])]
      .filter((el) => el?.type === 'button')
      .map((el) => ({
        action_id: el?.action_id ?? '',
        text: el?.text.text ?? '',
        ...(el?.value === undefined ? {} : { value: el.value }),
      })),
  );
}

describe('with Zoom Phone connected', () => {
  /** How far Zoom's clock runs ahead of real time: moves a line Zoom is still creating past its delay. */
  let ahead = 0;
  const local = useLocalZoom({
    numbers: ['+14155550100', '+14155550101'],
    options: () => {
      ahead = 0;
      return { clock: { now: () => Date.now() + ahead } };
    },
  });
  const sb = useSwitchboard({ phoneSystem: local.phoneSystem });
  const { phone, phoneReply, phoneChange, setupAccount, license, clickOn } = phoneCommands(sb);

  afterEach(() => {
    expect(sb.slack.violations()).toEqual([]);
  });

  const stateOf = async (email: string) => (await syncRowOf(sb, email))?.state;

  /** Colleague 4 licensed with a number Switchboard has and the Zoom account does not: Zoom refuses the line. */
  async function refusedNumber(): Promise<void> {
    await phoneChange(`numbers add ${UNKNOWN_NUMBER}`);
    await license([colleague(4)], 'plan:200');
    await phoneChange(`number add ${mention(colleague(4))} ${UNKNOWN_NUMBER}`);
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(4))).toBe('failed');
  }

  it('shows the connection and everyone in sync, on /phone sync, the card and the Home tab', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)], 'plan:200');
    await sb.app.sync?.idle();

    const sync = await phone('sync');
    expect(sync.where).toBe('ephemeral');
    expect(sync.text).toContain('*Zoom Phone*: :white_check_mark: connected (');
    expect(sync.text).toContain('*In sync*\n2\n*Being applied*\n0\n*Refused*\n0');
    expect(sync.text).not.toContain('Waiting longest');
    expect(buttonsOf(sync)).toEqual([]);

    const card = await phone(`show ${mention(colleague(1))}`);
    expect(card.text).toContain('In sync with Zoom Phone');
    expect(buttonsOf(card).map((b) => b.action_id)).not.toContain(ACTIONS.syncRetryOne);
    expect(await phoneReply('me', colleague(2))).toContain('In sync with Zoom Phone');

    const home = await openHome(sb, ADMIN_ID);
    expect(home).toContain('*Phone system: Zoom Phone*\n2 in sync · 0 being applied · none refused');
  });

  it('shows a refused number with its reason on /phone sync and the card, and Retry after the fix brings it in sync', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await refusedNumber();

    const sync = await phone('sync');
    expect(sync.text).toContain('*In sync*\n1\n*Being applied*\n0\n*Refused*\n1');
    expect(sync.text).toContain('*Zoom Phone refused 1 person*. Fix the cause, then retry.');
    const line = sync.text.split('\n').find((l) => l.startsWith(`${mention(colleague(4))}: `));
    expect(line).toContain(UNKNOWN_NUMBER);
    expect(line).toMatch(/_\(since \d{4}-\d\d-\d\d \d\d:\d\d UTC\)_$/);
    const [person] = await sb.app.deps.db
      .select({ id: directoryUsers.id })
      .from(directoryUsers)
      .where(eq(directoryUsers.email, emailOf(4)));
    expect(buttonsOf(sync)).toEqual([
      { action_id: ACTIONS.syncRetryOne, text: 'Retry', value: `u:${person?.id}` },
      { action_id: ACTIONS.syncRetryAll, text: 'Retry all failed', value: 'all' },
    ]);

    const card = await phone(`show ${mention(colleague(4))}`);
    expect(card.text).toContain(':warning: Zoom Phone refused: ');
    expect(card.text.split('\n').find((l) => l.includes('Zoom Phone refused'))).toContain(UNKNOWN_NUMBER);
    expect(buttonsOf(card).filter((b) => b.action_id === ACTIONS.syncRetryOne)).toEqual([
      { action_id: ACTIONS.syncRetryOne, text: 'Retry', value: `u:${person?.id}` },
    ]);
    // The person sees why on their own card; only an admin is offered the retry.
    const own = await phone('me', colleague(4));
    expect(own.text).toContain(':warning: Zoom Phone refused: ');
    expect(buttonsOf(own).map((b) => b.action_id)).not.toContain(ACTIONS.syncRetryOne);
    expect(await openHome(sb, ADMIN_ID)).toContain(
      ':warning: 1 person refused: `/phone sync` shows why, with Retry buttons.',
    );

    local.zoom.seedNumbers([UNKNOWN_NUMBER]);
    expect(await clickOn(sync, ACTIONS.syncRetryOne)).toBe(
      'Trying 1 person again with Zoom Phone. `/phone sync` shows how it goes.',
    );
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(4))).toBe('in_sync');
    expect(local.zoom.snapshot().phoneUsers.flatMap((p) => p.numbers)).toContain(UNKNOWN_NUMBER);
    expect((await phone('sync')).text).toContain('*In sync*\n2\n*Being applied*\n0\n*Refused*\n0');
    expect(await phoneReply(`show ${mention(colleague(4))}`)).toContain('In sync with Zoom Phone');
    // A second click on the old answer finds nobody left to retry.
    expect(await clickOn(sync, ACTIONS.syncRetryOne)).toContain('Nothing to try again');
  });

  it('retries every refused person with one button, and from the card', async () => {
    await setupAccount();
    await phoneChange(`numbers add +14155550198..${UNKNOWN_NUMBER}`);
    await license([colleague(3), colleague(4)], 'plan:200');
    await phoneChange(`number add ${mention(colleague(3))} +14155550198`);
    await phoneChange(`number add ${mention(colleague(4))} ${UNKNOWN_NUMBER}`);
    await sb.app.sync?.idle();
    const sync = await phone('sync');
    expect(sync.text).toContain('*Zoom Phone refused 2 people*. Longest refused first.');

    // Retried before the cause is fixed: refused again, with the same reason.
    const card = await phone(`show ${mention(colleague(3))}`);
    expect(await clickOn(card, ACTIONS.syncRetryOne)).toBe(
      'Trying 1 person again with Zoom Phone. `/phone sync` shows how it goes.',
    );
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(3))).toBe('failed');

    local.zoom.seedNumbers([UNKNOWN_NUMBER, '+14155550198']);
    expect(await clickOn(sync, ACTIONS.syncRetryAll)).toBe(
      'Trying 2 people again with Zoom Phone. `/phone sync` shows how it goes.',
    );
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(3))).toBe('in_sync');
    expect(await stateOf(emailOf(4))).toBe('in_sync');
  });

  it('retries every refused person with /phone sync retry, for an admin without the message at hand', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await refusedNumber();
    expect(await phoneReply('sync retry', MALLORY)).toContain(':warning: Only phone admins can use');

    local.zoom.seedNumbers([UNKNOWN_NUMBER]);
    expect(await phoneReply('sync retry')).toBe(
      'Trying 1 person again with Zoom Phone. `/phone sync` shows how it goes.',
    );
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(4))).toBe('in_sync');
    expect(await phoneReply('sync retry')).toContain('Nothing to try again');
  });

  it('shows a line Zoom is still creating as being applied, with who has waited longest and why', async () => {
    await setupAccount();
    local.zoom.setCreationDelay(3_600_000);
    await license([colleague(1)], 'plan:200');
    await sb.app.sync?.idle();
    expect(await stateOf(emailOf(1))).toBe('pending');

    const sync = await phone('sync');
    expect(sync.text).toContain('*In sync*\n0\n*Being applied*\n1\n*Refused*\n0');
    expect(sync.text).toMatch(
      new RegExp(
        `Waiting longest: <@${colleague(1)}>, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(.+\\)\\.`,
      ),
    );
    expect(buttonsOf(sync)).toEqual([]);
    expect(await phoneReply(`show ${mention(colleague(1))}`)).toMatch(
      /\nBeing applied to Zoom Phone… \(.+\)\n/,
    );
    expect(await openHome(sb, ADMIN_ID)).toContain('0 in sync · 1 being applied · none refused');

    ahead = 3_600_000;
    await vi.waitFor(async () => expect(await stateOf(emailOf(1))).toBe('in_sync'), { timeout: 60_000 });
    expect(await phoneReply(`show ${mention(colleague(1))}`)).toContain('In sync with Zoom Phone');
  });

  it('answers in time when Zoom does not answer the connection check, with the counts', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await sb.app.sync?.idle();
    const hang = local.zoom.hangNext(1, 'GET /phone/calling_plans');
    try {
      const sync = await phone('sync');
      expect(sync.text).toContain('*Zoom Phone*: :hourglass: checking the connection took too long');
      expect(sync.text).toContain('*In sync*\n1');
    } finally {
      hang?.release();
    }
  });

  it('refuses /phone sync to a non-admin, and records the attempt', async () => {
    await setupAccount();
    const before = await deniedAttempts(sb.app.deps.db);
    expect(await phoneReply('sync', MALLORY)).toBe(
      `:warning: Only phone admins can use \`/phone sync\`. Ask <@${ADMIN_ID}> if you need access. Anyone can use \`/phone me\` and \`/phone help\`.`,
    );
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([...before, { actor: MALLORY, command: 'sync' }]);
  });
});

describe('with no phone system configured', () => {
  const sb = useSwitchboard();
  const { phoneReply, setupAccount, license } = phoneCommands(sb);

  afterEach(() => {
    expect(sb.slack.violations()).toEqual([]);
  });

  it('says in one line that changes stay in Switchboard and how to connect one, and cards say nothing of it', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    expect(await phoneReply('sync')).toBe(
      'No phone system is connected: changes stay in Switchboard and reach no phone system. To connect one, set `PHONE_SYSTEM` and its credentials (see Configuration in the README), then restart the app.',
    );
    const card = await phoneReply(`show ${mention(colleague(1))}`);
    expect(card).toContain('*Extension*');
    expect(card).not.toMatch(/in sync|being applied|refused/i);
  });
});

describe('with Zoom Phone credentials it refuses', () => {
  // The account's client secret was regenerated in Zoom and the app still has the old one.
  const state: { zoom?: ZoomStandIn; target?: PhoneSystem } = {};
  const phoneSystem: PhoneSystem = {
    name: 'Zoom Phone',
    reconcile: async (desired) => {
      if (!state.target) throw new Error('no Zoom account yet');
      return state.target.reconcile(desired);
    },
    connection: async () => state.target?.connection() ?? { ok: false, reason: 'no Zoom account yet' },
  };
  const sb = useSwitchboard({ phoneSystem });
  const { phone, setupAccount, license } = phoneCommands(sb);

  beforeAll(async () => {
    const zoom = await startZoomStandIn();
    const quiet = { debug: () => {}, warn: () => {} };
    const client = createZoomClient({
      apiUrl: zoom.apiUrl,
      oauthUrl: zoom.oauthUrl,
      accountId: zoom.accountId,
      clientId: zoom.clientId,
      clientSecret: 'the-secret-before-it-was-regenerated',
      ratePlan: 'business',
      logger: quiet,
    });
    state.zoom = zoom;
    state.target = zoomPhoneSystem({ client, logger: quiet, creationPollMs: 100 });
  });

  afterAll(async () => {
    await state.zoom?.stop();
  });

  it('says so in a red line on the Home tab and on /phone sync, and keeps the changes waiting', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    const home = await openHome(sb, ADMIN_ID);
    expect(home).toContain(
      "*Phone system: Zoom Phone*\n:red_circle: *Not connected*: Zoom refused the app's credentials",
    );
    expect(home).toContain('Changes wait in Switchboard until it is');
    expect(home).not.toContain('the-secret-before-it-was-regenerated');
    const sync = await phone('sync');
    expect(sync.text).toContain("*Zoom Phone*: :warning: not connected: Zoom refused the app's credentials");
    expect(await syncRowOf(sb, colleagueEmail(1))).toMatchObject({ state: 'pending' });
  });
});
