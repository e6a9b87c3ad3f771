import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/domain/changes.ts';
import {
  linesTouched,
  MAX_UNREACHABLE_PAUSE_MS,
  touchesNoLine,
  unreachablePauseMs,
} from '../../../src/domain/phone-sync.ts';

const ada = { directoryUserId: 1, email: 'ada@example.com' };
const bob = { directoryUserId: 2, email: 'bob@example.com' };
const carol = { directoryUserId: 3, email: 'carol@example.com' };
const address = {
  line1: '1 Main St',
  line2: null,
  city: 'SF',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

describe('the lines a batch of changes touches', () => {
  it('names the person changed, an assistant and an operator, each once', () => {
    const changes: Change[] = [
      { kind: 'phone_user.plan_added', user: ada, plan: 200 },
      { kind: 'phone_user.assistant_added', user: ada, assistant: bob },
      { kind: 'auto_receptionist.operator_changed', receptionist: 'Front desk', operator: carol },
      { kind: 'directory_user.deleted', user: bob },
    ];
    expect(linesTouched(changes)).toEqual({ people: [ada, bob, carol], sites: [], everyone: false });
  });

  it('takes in every member of a site whose code changed, and everyone when site codes are turned on', () => {
    expect(
      linesTouched([{ kind: 'site.changed', site: 'Main', siteCode: '1', firstExtension: null }]),
    ).toEqual({ people: [], sites: ['Main'], everyone: false });
    expect(linesTouched([{ kind: 'account.site_codes_changed', enabled: true }])).toMatchObject({
      everyone: true,
    });
  });

  it('touches no line for numbers, plans, reservations and a site default address', () => {
    const changes: Change[] = [
      { kind: 'numbers.added', numbers: ['+14155550100'], site: null },
      { kind: 'plan.inventory_changed', plan: 200, inventory: 5 },
      { kind: 'reserved.added', extension: '1500' },
      { kind: 'site.emergency_address_changed', site: 'Main', address },
      { kind: 'auto_receptionist.operator_changed', receptionist: 'Front desk', operator: null },
    ];
    expect(touchesNoLine(linesTouched(changes))).toBe(true);
  });
});

describe('the pause after the phone system could not be reached', () => {
  it('doubles from a second and stops growing at five minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(unreachablePauseMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000,
    ]);
    expect(MAX_UNREACHABLE_PAUSE_MS).toBe(300_000);
  });
});
