import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../../src/local/block-kit-validator.ts';
import {
  groupByRequest,
  type HistoryEntry,
  predicate,
  sentence,
  slackTime,
} from '../../../src/slack/blocks/history-sentences.ts';
import { historyMessage } from '../../../src/slack/blocks/results.ts';
import { ACTIONS } from '../../../src/slack/ids.ts';

const ADA = 'U0ADA';
const grace = { name: 'Grace Hopper', email: 'grace@example.com', slackUserId: 'U0GRACE' };
const card = (extension: string, more: Partial<Record<string, unknown>> = {}) => ({
  site: 'Main',
  extension,
  status: 'active',
  plans: ['US/CA Unlimited'],
  numbers: [],
  ...more,
});

let nextId = 1;
function anEntry(
  action: string,
  before: unknown,
  after: unknown,
  more: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    id: nextId++,
    requestId: '00000000-0000-0000-0000-000000000001',
    at: new Date('2026-12-06T09:30:00Z'),
    actor: ADA,
    action,
    targetType: 'user',
    targetId: '7',
    targetLabel: grace.email,
    before,
    after,
    target: grace,
    ...more,
  };
}

describe('history sentences', () => {
  it.each([
    [
      'an extension change',
      anEntry('extension.changed', card('1001'), card('7777')),
      'changed the extension of <@U0GRACE> from `1001` to `7777`',
    ],
    [
      'a plan added',
      anEntry('plan.added', card('1001', { plans: [] }), card('1001', { plans: ['Intl'] })),
      'gave <@U0GRACE> the calling plan `Intl`',
    ],
    [
      'a plan removed',
      anEntry('plan.removed', card('1001', { plans: ['A', 'Intl'] }), card('1001', { plans: ['A'] })),
      'removed the calling plan `Intl` from <@U0GRACE>',
    ],
    [
      'a number assigned',
      anEntry('number.assigned', card('1001'), card('1001', { numbers: ['+14155550100'] })),
      'gave <@U0GRACE> the number `+14155550100`',
    ],
    [
      'a number released',
      anEntry('number.released', card('1001', { numbers: ['+14155550100'] }), card('1001')),
      'took the number `+14155550100` from <@U0GRACE>',
    ],
    [
      'an activation',
      anEntry('user.activated', card('1'), card('1')),
      'activated the phone line of <@U0GRACE>',
    ],
    [
      'a deactivation',
      anEntry('user.deactivated', card('1'), card('1')),
      'deactivated the phone line of <@U0GRACE>',
    ],
    [
      'a move to another site',
      anEntry('site.moved', card('1'), card('1', { site: 'Paris' })),
      'moved <@U0GRACE> from the site `Main` to `Paris`',
    ],
    [
      'a license given',
      anEntry('license.assigned', null, card('1000')),
      'gave <@U0GRACE> a phone license: extension `1000` at `Main`',
    ],
    [
      'a license removed',
      anEntry('license.removed', card('1000'), null),
      'removed the phone license of <@U0GRACE>',
    ],
    [
      'someone added to the directory',
      anEntry('directory_user.created', null, { email: grace.email }),
      'added <@U0GRACE> to the directory',
    ],
    [
      'a chat account linked',
      anEntry('directory_user.linked', { slackUserId: null }, { slackUserId: 'U0GRACE' }),
      'linked <@U0GRACE> to their Slack account',
    ],
    [
      'an admin made',
      anEntry(
        'admin.added',
        { admin: false },
        { admin: true },
        { targetType: 'admin', targetId: 'U0GRACE', target: null },
      ),
      'made <@U0GRACE> a phone admin',
    ],
    [
      'an admin removed',
      anEntry(
        'admin.removed',
        { admin: true },
        { admin: false },
        { targetType: 'admin', targetId: 'U0GRACE', target: null },
      ),
      'removed <@U0GRACE> from the phone admins',
    ],
    [
      'a PIN looked at',
      anEntry('voicemail_pin.shown', null, null),
      'looked at the voicemail PIN of <@U0GRACE>',
    ],
    [
      'a refusal',
      anEntry('denied', null, null, {
        targetType: 'command',
        targetId: 'list',
        targetLabel: 'list',
        target: null,
      }),
      'was refused `/phone list`',
    ],
    [
      'the license total set',
      anEntry('licenses.total_set', { total: 10 }, { total: 50 }, { targetType: 'account', target: null }),
      'set the purchased license total from `10` to `50`',
    ],
    [
      'a plan count set',
      anEntry(
        'plan.inventory_set',
        { inventory: 0 },
        { inventory: 5 },
        { targetType: 'plan', targetLabel: 'Intl', target: null },
      ),
      'set the count of Intl licenses from `0` to `5`',
    ],
    [
      'numbers added',
      anEntry(
        'numbers.added',
        null,
        { numbers: ['+14155550100', '+14155550101'], site: null },
        { targetType: 'account', target: null },
      ),
      'added `+14155550100` and `+14155550101` to the number inventory',
    ],
    [
      'a number removed',
      anEntry('numbers.removed', { number: '+14155550100', site: null }, null, {
        targetType: 'account',
        target: null,
      }),
      'removed `+14155550100` from the number inventory',
    ],
    [
      'an extension reserved',
      anEntry('reserved.added', null, { extension: '911' }, { targetType: 'account', target: null }),
      'reserved the extension `911`',
    ],
    [
      'a reservation released',
      anEntry('reserved.removed', { extension: '911' }, null, { targetType: 'account', target: null }),
      'released the reserved extension `911`',
    ],
    [
      'a site created',
      anEntry(
        'site.created',
        null,
        { name: 'Paris' },
        { targetType: 'site', targetLabel: 'Paris', target: null },
      ),
      'created the site Paris',
    ],
    [
      'settings copied',
      anEntry('settings.copied_to', null, { to: ['a@example.com'], fields: [] }),
      'copied the settings of <@U0GRACE> to `a@example.com`',
    ],
    [
      'a settings change, field by field',
      anEntry(
        'settings.changed',
        { holdMusic: 'default', callerIdName: 'Old' },
        { holdMusic: 'jazz', callerIdName: 'Old' },
      ),
      'changed the hold music of <@U0GRACE> from `default` to `jazz`',
    ],
    [
      'a setting turned on',
      anEntry('voicemail_settings.changed', { voicemailEnabled: false }, { voicemailEnabled: true }),
      'changed the voicemail enabled of <@U0GRACE> from off to on',
    ],
    [
      'a schedule, named and not spelled out',
      anEntry('business_hours.changed', { businessHours: { mon: [] } }, { businessHours: { mon: [1] } }),
      'changed the business hours of <@U0GRACE>',
    ],
    [
      'an action without a sentence of its own',
      anEntry('call_queue.created', null, null, { targetType: 'queue', targetLabel: 'Sales', target: null }),
      'made a change (call queue created) for Sales',
    ],
  ])('says %s in words', (_, entry, expected) => {
    expect(predicate(entry)).toBe(expected);
    expect(sentence(entry)).toBe(`<@${ADA}> ${expected}`);
    expect(sentence(entry)).not.toContain('{');
  });

  it('says who joined or left a call queue, and who became or stopped being its manager', () => {
    const queue = (member: boolean, manager: boolean) => ({ queue: 'Sales', member, manager });
    const said = (before: unknown, after: unknown) =>
      predicate(anEntry('call_queue.membership', before, after));
    expect(said(queue(false, false), queue(true, true))).toBe(
      'added <@U0GRACE> to the call queue `Sales` as a manager',
    );
    expect(said(queue(false, false), queue(true, false))).toBe('added <@U0GRACE> to the call queue `Sales`');
    expect(said(queue(true, false), queue(false, false))).toBe(
      'removed <@U0GRACE> from the call queue `Sales`',
    );
    expect(said(queue(true, false), queue(true, true))).toBe(
      'made <@U0GRACE> a manager of the call queue `Sales`',
    );
    expect(said(queue(true, true), queue(true, false))).toBe(
      'made <@U0GRACE> no longer a manager of the call queue `Sales`',
    );
  });

  it('says the voicemail PIN changed and nothing more', () => {
    const entry = anEntry(
      'settings.changed',
      { voicemailPin: '(hidden)', holdMusic: 'a' },
      { voicemailPin: '(hidden)', holdMusic: 'a' },
    );
    expect(sentence(entry)).toBe(`<@${ADA}> changed the voicemail PIN of <@U0GRACE>`);
    expect(sentence(entry)).not.toContain('hidden');
  });

  it("never quotes a PIN from a drift check's row either, where the field is written out", () => {
    const entry = anEntry(
      'drift.taken',
      { 'voicemail PIN': 'set', 'business hours': '24/7' },
      { 'voicemail PIN': 'another PIN', 'business hours': 'mon-fri 09:00-17:00' },
    );
    expect(predicate(entry)).toBe(
      'changed the voicemail PIN of <@U0GRACE> and the business hours from `24/7` to `mon-fri 09:00-17:00`',
    );
  });

  it('names a process that made a change, and someone without a chat account by name and email', () => {
    const entry = anEntry('extension.changed', card('1'), card('2'), {
      actor: 'csv import',
      target: { name: 'Grace <b>', email: 'g@example.com', slackUserId: null },
    });
    expect(sentence(entry)).toBe(
      'csv import changed the extension of Grace &lt;b&gt; (g@example.com) from `1` to `2`',
    );
  });

  it('escapes and shortens values someone typed', () => {
    const entry = anEntry(
      'settings.changed',
      { callerIdName: 'a' },
      { callerIdName: `<!channel>${'x'.repeat(200)}` },
    );
    const text = sentence(entry);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text.length).toBeLessThan(160);
  });

  it("writes times with Slack's date formatting, with UTC as the fallback", () => {
    expect(slackTime(new Date('2026-12-06T09:30:15Z'))).toBe(
      '<!date^1796549415^{date_short_pretty} {time}|2026-12-06 09:30 UTC>',
    );
  });

  it('groups the rows of one request together, newest request first', () => {
    const a = anEntry('plan.added', null, null, { requestId: 'a' });
    const b1 = anEntry('license.assigned', null, card('1'), { requestId: 'b' });
    const b2 = anEntry('directory_user.created', null, null, { requestId: 'b' });
    expect(groupByRequest([a, b1, b2]).map((g) => [g.requestId, g.entries.length])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('history message', () => {
  const cursor = (before: number) => `h:recent:${before}`;

  it('shows one section per request with its time and actor, and a More button for older entries', () => {
    const first = anEntry('extension.changed', card('1001'), card('7777'), { id: 30, requestId: 'r2' });
    const second = anEntry('license.assigned', null, card('1001'), { id: 20, requestId: 'r1' });
    const third = anEntry('directory_user.created', null, null, { id: 19, requestId: 'r1' });
    const message = historyMessage(grace, [first, second, third], true, cursor);
    expect(checkMessage(message, { maxText: 4_000 })).toBeUndefined();
    const texts = message.blocks.map((block) => JSON.stringify(block));
    expect(texts[1]).toContain('<!date^');
    expect(texts[1]).toContain('changed the extension of <@U0GRACE> from `1001` to `7777`');
    expect(texts[2]).toContain('gave <@U0GRACE> a phone license');
    expect(texts[2]).toContain('added <@U0GRACE> to the directory');
    expect(message.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ action_id: ACTIONS.historyMore, value: 'h:recent:19' }],
    });
  });

  it('offers no More button on the last page', () => {
    const message = historyMessage('recent', [anEntry('license.removed', null, null)], false, cursor);
    expect(message.blocks.some((block) => block.type === 'actions')).toBe(false);
  });

  it('stops within Slack limits and offers the rest behind More', () => {
    const long = 'n'.repeat(2_000);
    const entries = Array.from({ length: 60 }, (_, i) =>
      anEntry(
        'settings.changed',
        { a: 'x' },
        { a: 'y' },
        { id: 100 - i, requestId: `r${i}`, targetLabel: long, target: null },
      ),
    );
    const message = historyMessage('recent', entries, false, cursor);
    expect(checkMessage(message, { maxText: 4_000 })).toBeUndefined();
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions' });
  });
});
