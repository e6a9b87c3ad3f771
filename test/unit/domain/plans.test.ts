import { describe, expect, it } from 'vitest';
import { matchPlan } from '../../../src/domain/plans.ts';

const catalog = [
  { code: 200, shortName: 'US/CA Unlimited', longName: 'United States/Canada Unlimited Calling Plan' },
  { code: 1000, shortName: 'Global Select', longName: 'Global Select Calling Plan' },
  { code: 3000, shortName: 'Pro', longName: 'Pro Calling Plan' },
];

describe('matchPlan', () => {
  it('finds a plan by its code', () => {
    expect(matchPlan('200', catalog)?.code).toBe(200);
    expect(matchPlan(' 3000 ', catalog)?.code).toBe(3000);
  });

  it('finds a plan by its short name or its long name', () => {
    expect(matchPlan('Global Select', catalog)?.code).toBe(1000);
    expect(matchPlan('United States/Canada Unlimited Calling Plan', catalog)?.code).toBe(200);
  });

  it('ignores case and extra spaces', () => {
    expect(matchPlan('us/ca unlimited', catalog)?.code).toBe(200);
    expect(matchPlan('  GLOBAL   select  ', catalog)?.code).toBe(1000);
    expect(matchPlan('pro calling\tplan', catalog)?.code).toBe(3000);
  });

  it('finds nothing for an unknown name, a part of a name or empty input', () => {
    for (const input of ['Platinum', 'Global', '20', '0200', '', '   ']) {
      expect(matchPlan(input, catalog), JSON.stringify(input)).toBeUndefined();
    }
  });

  it('returns the catalog entry itself, with whatever else it carries', () => {
    const withInventory = catalog.map((plan) => ({ ...plan, inventory: 7 }));
    expect(matchPlan('pro', withInventory)).toBe(withInventory[2]);
  });
});
