import { describe, expect, it } from 'vitest';
import { type ImportPlan, planImport } from '../../../src/services/imports/plan.ts';
import type { AccountView } from '../../../src/services/imports/view.ts';
import { growthRatio, LINEAR_GROWTH_BOUND } from '../../support/growth.ts';

/** An account with one site and one calling plan; `numbers` are free numbers of its inventory. */
function account(numbers: readonly string[]): AccountView {
  return {
    siteCodes: false,
    defaultCountry: 'US',
    licensesTotal: 10,
    licensesUsed: 0,
    sites: [
      { id: 1, name: 'Main', siteCode: null, firstExtension: null, country: null, createdAt: new Date(0) },
    ],
    plans: [
      {
        code: 200,
        shortName: 'US/CA Unlimited',
        longName: 'US/CA Unlimited Calling Plan',
        inventory: 50,
        used: 0,
      },
    ],
    taken: new Map(),
    reserved: new Set(),
    directory: new Map(),
    phoneUsers: new Map(),
    phoneUsersByExtension: new Map(),
    numbers: new Map(
      numbers.map((number) => [
        number,
        { phoneUserId: null, isMain: false, siteId: null, site: null, holder: null },
      ]),
    ),
    macs: new Map(),
    mainNumbers: [],
    externalForwards: new Map(),
  };
}

const numbers = Array.from({ length: 5_000 }, (_, index) => `+1415200${String(index).padStart(4, '0')}`);
const macs = Array.from({ length: 5_000 }, (_, index) => `020000${index.toString(16).padStart(6, '0')}`);
const view = account(numbers);

/** A new phone user whose cells are `cells`: one row of an add file. */
function plan(cells: Record<string, string>): ImportPlan {
  return planImport(
    [{ line: 2, cells: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', ...cells } }],
    'add',
    {},
    view,
  );
}

/** How many values the plan reports as named twice in the file. */
function duplicates(result: ImportPlan): number {
  const [row] = result.rows;
  const problems = row?.kind === 'invalid' ? row.problems : [];
  return problems.filter((problem) => problem.error.code === 'IMPORT_DUPLICATE_IN_FILE').length;
}

// Up to 5,000 values: past that, hash tables outgrow the processor's caches and linear work stops looking linear.
describe('planning an import of one long cell', () => {
  it('reads a cell of many numbers, each named twice, in linear time', () => {
    const cells = (count: number) => {
      const some = [...numbers.slice(0, count), ...numbers.slice(0, count)];
      return { callingPlans: 'US/CA Unlimited', phoneNumbers: some.join(';') };
    };
    expect(plan(cells(3)).rows[0]).toMatchObject({
      kind: 'create',
      fields: { numbers: numbers.slice(0, 3) },
    });
    expect(growthRatio(plan, cells(500), cells(5_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });

  it('reads a cell of many desk phones, each named twice, in linear time', () => {
    const cells = (count: number) => {
      const some = [...macs.slice(0, count), ...macs.slice(0, count)];
      return { deskPhoneMac: some.join(';'), deskPhoneModel: some.map(() => 'A20').join(';') };
    };
    expect(duplicates(plan(cells(3)))).toBe(3);
    expect(growthRatio(plan, cells(500), cells(5_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });
});
