import { describe, expect, it } from 'vitest';
import { checkMessage, LIMITS } from '../../../src/local/block-kit-validator.ts';
import type { SyncFailure, SyncStatus } from '../../../src/services/phone-sync.ts';
import { cardSyncBlocks, FAILURES_LISTED, syncStatusMessage } from '../../../src/slack/blocks/phone-sync.ts';
import { ACTIONS } from '../../../src/slack/ids.ts';

const AT = new Date('2026-12-06T03:24:59Z');

/** A refusal with the longest reason a phone system might give, for someone with no chat account. */
const aFailure = (i: number): SyncFailure => ({
  directoryUserId: 1000 + i,
  email: `someone.${i}@example.com`,
  slackUserId: null,
  code: '400',
  message: 'No',
  reason: `The number +1415555${String(i).padStart(4, '0')} <is> not known & ${'very '.repeat(400)}`,
  failedAt: AT,
});

const status = (failed: number): SyncStatus => ({
  kind: 'configured',
  system: 'Phone <Co> & Sons',
  connection: { ok: true, account: 'a', detail: 'reachable' },
  overview: {
    pending: 1,
    failed,
    inSync: 7,
    oldestPending: {
      directoryUserId: 5,
      email: 'ada@example.com',
      slackUserId: 'U0ADA',
      since: AT,
      reason: 'Still being created',
    },
    failures: Array.from({ length: Math.min(failed, FAILURES_LISTED) }, (_, i) => aFailure(i)),
  },
});

const buttons = (blocks: unknown[]) =>
  (blocks as { accessory?: { action_id: string }; elements?: { action_id?: string }[] }[]).flatMap((b) =>
    [b.accessory?.action_id, ...(b.elements ?? []).map((e) => e.action_id)].filter(Boolean),
  );

describe('the /phone sync answer', () => {
  it('says changes wait in Switchboard while a phone system it sends to is down, and are in place for one that reads them', () => {
    const down = (changes?: 'wait' | 'in place'): SyncStatus => {
      const configured = status(0);
      if (configured.kind !== 'configured') throw new Error('configured');
      return {
        ...configured,
        connection: { ok: false, reason: 'Nothing answers.', ...(changes ? { changes } : {}) },
      };
    };
    expect(JSON.stringify(syncStatusMessage(down()).blocks)).toContain(
      'not connected: Nothing answers. Changes wait in Switchboard until it is.',
    );
    const reads = JSON.stringify(syncStatusMessage(down('in place')).blocks);
    expect(reads).toContain('Changes are kept here, where it reads them: each applies once it runs.');
    expect(reads).not.toContain('Changes wait');
  });

  it('lists the first ten of many refusals, each with a Retry, and says how many there are', () => {
    const message = syncStatusMessage(status(250));
    expect(checkMessage(message, { maxText: LIMITS.messageText })).toBeUndefined();
    expect(buttons(message.blocks)).toEqual([
      ...Array(FAILURES_LISTED).fill(ACTIONS.syncRetryOne),
      ACTIONS.syncRetryAll,
    ]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(
      'refused 250 people*. Longest refused first. Fix the cause, then retry. The first 10',
    );
    expect(text).toContain('Waiting longest: <@U0ADA>, since 2026-12-06 03:24 UTC (Still being created).');
    expect(text).toContain('someone.0@example.com: The number +14155550000 &lt;is&gt; not known &amp; very');
    // The phone system's name and reasons are its words, not markup.
    expect(text).toContain('*Phone &lt;Co&gt; &amp; Sons*');
    expect(text).not.toContain('<is>');
  });

  it('offers no button when nobody is refused', () => {
    const message = syncStatusMessage(status(0));
    expect(buttons(message.blocks)).toEqual([]);
    expect(message.text).toBe('Phone <Co> & Sons: 7 in sync, 1 being applied, 0 refused');
  });
});

describe('the sync line of a card', () => {
  const card = { directoryUserId: 42 };
  const failed = { state: 'failed' as const, ...aFailure(1) };

  it('offers Retry to an admin and only the reason to anyone else', () => {
    const forAdmin = cardSyncBlocks(card, { system: 'Zoom Phone', sync: failed, canRetry: true });
    expect(buttons(forAdmin)).toEqual([ACTIONS.syncRetryOne]);
    expect(JSON.stringify(forAdmin)).toContain('"value":"u:42"');
    const forOwner = cardSyncBlocks(card, { system: 'Zoom Phone', sync: failed, canRetry: false });
    expect(buttons(forOwner)).toEqual([]);
    expect(JSON.stringify(forOwner)).toContain(':warning: Zoom Phone refused: The number');
  });

  it('says nothing without a phone system, or for someone no change has named', () => {
    expect(cardSyncBlocks(card, undefined)).toEqual([]);
    expect(cardSyncBlocks(card, { system: 'Zoom Phone', sync: { state: 'never' }, canRetry: true })).toEqual(
      [],
    );
  });
});
