import { describe, expect, it } from 'vitest';
import type { DesiredLine } from '../../../../src/domain/desired-line.ts';
import {
  planReconcile,
  type RefusalCode,
  type ZoomSnapshot,
} from '../../../../src/phone-systems/zoom/plan/index.ts';
import { aContext, aLine, desired, inSyncSnapshot, unlicensedSnapshot } from '../../../support/zoom-plan.ts';

type Case = {
  name: string;
  line: DesiredLine;
  snapshot?: ZoomSnapshot;
  code: RefusalCode;
  /** Words the admin must read: the value at fault and what to do. */
  says: string[];
};

const cases: Case[] = [
  {
    name: 'refuses a person Zoom has no user for, naming the email',
    line: desired(),
    snapshot: { user: null, phoneUser: null, settings: null, personalAddresses: [], blockedRules: [] },
    code: 'ZOOM_USER_MISSING',
    says: ['ada@example.com', 'Add them to the Zoom account'],
  },
  {
    name: 'refuses a person who has not accepted the invitation to the Zoom account',
    line: desired(),
    snapshot: {
      ...unlicensedSnapshot(),
      user: { id: 'zu-ada', email: 'ada@example.com', status: 'pending', phoneFeature: false },
    },
    code: 'ZOOM_USER_NOT_ACTIVE',
    says: ['ada@example.com has not yet accepted the invitation', 'accept it'],
  },
  {
    name: 'refuses a person deactivated in Zoom',
    line: desired(),
    snapshot: {
      ...unlicensedSnapshot(),
      user: { id: 'zu-ada', email: 'ada@example.com', status: 'inactive', phoneFeature: false },
    },
    code: 'ZOOM_USER_NOT_ACTIVE',
    says: ['is deactivated in the Zoom account', 'activate them in Zoom'],
  },
  {
    name: 'refuses a site Zoom Phone does not have, before giving any license',
    line: desired(aLine({ site: { name: 'Lisbon', code: null } })),
    snapshot: unlicensedSnapshot(),
    code: 'SITE_UNKNOWN',
    says: ['"Lisbon"', 'Create that site in Zoom Phone'],
  },
  {
    name: 'refuses a site whose code differs in Zoom, since the extension would be wrong',
    line: desired(aLine({ site: { name: 'Main', code: '7' } })),
    code: 'SITE_CODE_DIFFERS',
    says: ['site code 1', '7 in Switchboard'],
  },
  {
    name: 'refuses a calling plan the account does not have, naming it and its code',
    line: desired(aLine({ plans: [{ code: 9999, name: 'Global Select' }] })),
    code: 'PLAN_UNKNOWN',
    says: ['Global Select (code 9999)', 'subscribe'],
  },
  {
    name: 'refuses a calling plan with none left to assign',
    line: desired(aLine({ plans: [{ code: 3000, name: 'ZP Pro' }] })),
    code: 'PLAN_NONE_LEFT',
    says: ['ZP Pro', 'buy more'],
  },
  {
    name: 'refuses a direct number the account does not own',
    line: desired(aLine({ numbers: ['+14155550199'] })),
    code: 'NUMBER_UNKNOWN',
    says: ['+14155550199', 'Add the number to Zoom Phone'],
  },
  {
    name: 'refuses a caller ID that is no number of the account, before giving any license',
    line: desired(
      aLine({ settings: { ...aLine().settings, callerId: { kind: 'number', number: '+14155550177' } } }),
    ),
    snapshot: unlicensedSnapshot(),
    code: 'NUMBER_UNKNOWN',
    says: ['caller ID +14155550177 of ada@example.com'],
  },
  {
    name: 'refuses more direct numbers than Zoom Phone gives one person',
    line: desired(aLine({ numbers: Array.from({ length: 11 }, (_, index) => `+1415555011${index}`) })),
    code: 'TOO_MANY_NUMBERS',
    says: ['11 direct numbers', 'at most 10'],
  },
];

describe('planReconcile refusals', () => {
  it.each(cases)('$name', ({ line, snapshot = inSyncSnapshot(), code, says }) => {
    const plan = planReconcile(line, snapshot, aContext());
    expect(plan).toMatchObject({ kind: 'refuse', code });
    for (const words of says) expect(plan.kind === 'refuse' && plan.reason).toContain(words);
    expect(plan.kind === 'refuse' && plan.reason).toMatch(/then sync again\.$/);
  });

  it('keeps a plan that the person already holds even when none is left in the account', () => {
    const snapshot = inSyncSnapshot();
    const phoneUser = snapshot.phoneUser ? { ...snapshot.phoneUser, planTypes: [3000] } : null;
    const plan = planReconcile(
      desired(aLine({ plans: [{ code: 3000, name: 'ZP Pro' }] })),
      { ...snapshot, phoneUser },
      aContext(),
    );
    expect(plan).toEqual({ kind: 'calls', calls: [], complete: true, notes: [] });
  });
});
