import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/domain/changes.ts';
import { lineChangesByPerson, noticeItems } from '../../../src/domain/notices.ts';

const ada = { directoryUserId: 1, email: 'ada@example.com' };
const bob = { directoryUserId: 2, email: 'bob@example.com' };

const names = {
  plan: (code: number) => (code === 200 ? 'US/CA Unlimited' : String(code)),
  person: (id: number) => ({ name: id === 1 ? 'Ada' : 'Bob', email: '', slackUserId: null }),
  extension: '1500',
};

describe('who hears of a request', () => {
  it('groups a request by person, a delegation counting for both sides, and leaves out settings but the PIN', () => {
    const changes: Change[] = [
      { kind: 'phone_user.extension_changed', user: ada, from: '1000', to: '1500' },
      { kind: 'phone_user.number_assigned', user: ada, number: '+14155550100' },
      { kind: 'phone_user.settings_changed', user: ada, settings: { language: 'fr-CA' } },
      { kind: 'phone_user.settings_changed', user: bob, settings: { voicemailPin: '(hidden)' } },
      { kind: 'phone_user.assistant_added', user: ada, assistant: bob },
      { kind: 'site.created', site: 'Boston', siteCode: null, firstExtension: null },
    ];
    const byPerson = lineChangesByPerson(changes);
    expect([...byPerson.keys()]).toEqual([1, 2]);
    expect(byPerson.get(1)?.map((c) => c.kind)).toEqual([
      'phone_user.extension_changed',
      'phone_user.number_assigned',
      'phone_user.assistant_added',
    ]);
    expect(byPerson.get(2)?.map((c) => c.kind)).toEqual([
      'phone_user.settings_changed',
      'phone_user.assistant_added',
    ]);
  });

  it('folds numbers and plans into one item each, and a new line carries its own numbers', () => {
    const assigned = noticeItems(
      1,
      [
        { kind: 'phone_user.assigned', user: ada, site: 'Main', extension: '1000', plans: [200] },
        { kind: 'phone_user.number_assigned', user: ada, number: '+14155550100' },
        { kind: 'phone_user.number_assigned', user: ada, number: '+14155550101' },
      ],
      names,
    );
    expect(assigned).toEqual([
      {
        what: 'assigned',
        extension: '1000',
        site: 'Main',
        plans: ['US/CA Unlimited'],
        numbers: ['+14155550100', '+14155550101'],
      },
    ]);
    const changed = noticeItems(
      2,
      [
        { kind: 'phone_user.plan_removed', user: bob, plan: 200 },
        { kind: 'phone_user.number_released', user: bob, number: '+14155550100' },
        { kind: 'phone_user.assistant_removed', user: ada, assistant: bob },
        { kind: 'phone_user.removed', user: bob, extension: '1001', releasedNumbers: [] },
      ],
      names,
    );
    expect(changed.map((item) => item.what)).toEqual([
      'removed',
      'assisting_removed',
      'numbers_released',
      'plans_removed',
    ]);
  });
});
