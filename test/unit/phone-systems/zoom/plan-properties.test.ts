import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../../src/domain/settings.ts';
import {
  planReconcile,
  type ZoomCall,
  type ZoomSnapshot,
} from '../../../../src/phone-systems/zoom/plan/index.ts';
import {
  aContext,
  aLine,
  aPhoneUser,
  applyAll,
  desired,
  inSyncSnapshot,
  siteAddress,
} from '../../../support/zoom-plan.ts';
import { requestProblems } from '../../../support/zoom-requests.ts';

/**
 * For any line and any state Zoom may hold it in, within the account of `aContext()`: every request is one the
 * documents accept, the order is one Zoom accepts (the stand-in throws otherwise), and after the calls the next
 * plan has nothing left to do.
 */

const NUMBERS = ['+14155550101', '+14155550102', '+14155550103', '+14155550104'];
const SECRET_PIN = '739146';
const nineToFive = { type: 'interval', from: '09:00', to: '17:00' } as const;
const WEEKLY: BusinessHours = {
  kind: 'weekly',
  days: {
    mon: nineToFive,
    tue: nineToFive,
    wed: { type: '24h' },
    thu: nineToFive,
    fri: nineToFive,
    sat: { type: 'closed' },
    sun: { type: 'closed' },
  },
};
const ELM = {
  line1: '9 Elm St',
  line2: null,
  city: 'Oakland',
  state: 'CA',
  postalCode: '94607',
  country: 'US',
};

const someOf = <T>(items: T[], minLength = 0) => fc.subarray(items, { minLength });

const lineArb = fc
  .record({
    site: fc.constantFrom({ name: 'Main', code: '1', prefix: '1' }, { name: 'East', code: '2', prefix: '2' }),
    short: fc.constantFrom('101', '102', '250'),
    status: fc.constantFrom('active' as const, 'inactive' as const),
    plans: someOf([200, 100], 1),
    numbers: someOf(NUMBERS),
    callerId: fc.option(fc.constantFrom(...NUMBERS), { nil: null }),
    holdMusic: fc.constantFrom({ kind: 'default' as const }, { kind: 'none' as const }),
    language: fc.constantFrom('en-US', 'de-DE', 'ja-JP'),
    areaCode: fc.constantFrom('415', '212', null),
    assistants: someOf(['grace@example.com', 'alan@example.com']),
    address: fc.boolean(),
    weekly: fc.boolean(),
    deskPhones: someOf(['00:A0:C9:11:22:33', '805EC0010203', 'aa-bb-cc-dd-ee-00']),
    blocked: someOf([
      { kind: 'number' as const, value: '+14155550999' },
      { kind: 'prefix' as const, value: '+1900' },
    ]),
  })
  .map((picked) =>
    aLine({
      status: picked.status,
      site: { name: picked.site.name, code: picked.site.code },
      extension: `${picked.site.prefix}${picked.short}`,
      shortExtension: picked.short,
      plans: picked.plans.map((code) => ({ code, name: `plan ${code}` })),
      numbers: picked.numbers,
      assistants: picked.assistants,
      blocked: picked.blocked,
      deskPhones: picked.deskPhones.map((mac) => ({ mac, model: 'Yealink T54W' })),
      emergencyAddress: picked.address ? ELM : null,
      settings: {
        ...aLine().settings,
        callerId: picked.callerId === null ? { kind: 'hidden' } : { kind: 'number', number: picked.callerId },
        holdMusic: picked.holdMusic,
        language: picked.language,
        areaCode: picked.areaCode,
        businessHours: picked.weekly ? WEEKLY : { kind: 'always' },
        voicemailPin: SECRET_PIN,
      },
    }),
  );

const snapshotArb = fc
  .record({
    site: fc.constantFrom('site-main', 'site-east'),
    extension: fc.constantFrom('1101', '1057', '2101'),
    status: fc.constantFrom('activate' as const, 'deactivate' as const),
    plans: someOf([200, 100, 3000], 1),
    numbers: someOf(NUMBERS.map((number, index) => ({ id: `num-${index + 1}`, number }))),
    caller: fc.constantFrom('', '+14155550101', '+14155550104'),
    music: fc.constantFrom('', '0', null),
    language: fc.constantFrom('en-US', 'de-DE'),
    areaCode: fc.constantFrom('415', null),
    pin: fc.constantFrom(SECRET_PIN, null, '000000'),
    assistants: someOf(['ext-grace', 'ext-alan']),
    address: fc.constantFrom('addr-main', 'addr-east', 'addr-own'),
    deskPhones: someOf([
      { id: 'dev-x', mac: '805ec0010203' },
      { id: 'dev-y', mac: 'AA:BB:CC:DD:EE:00' },
      { id: 'dev-z', mac: '001122334455' },
    ]),
    blockedRules: someOf([
      { id: 'rule-a', matchType: 'phoneNumber', value: '+14155550999' },
      { id: 'rule-b', matchType: 'prefix', value: '+1900' },
      { id: 'rule-c', matchType: 'phoneNumber', value: '+1900' },
    ]),
  })
  .map((picked): ZoomSnapshot => {
    const snapshot = inSyncSnapshot();
    const settings = snapshot.settings as NonNullable<ZoomSnapshot['settings']>;
    return {
      ...snapshot,
      blockedRules: picked.blockedRules,
      phoneUser: aPhoneUser({
        siteId: picked.site,
        extensionNumber: picked.extension,
        status: picked.status,
        planTypes: picked.plans,
        numbers: picked.numbers,
        emergencyAddress: siteAddress(picked.address),
      }),
      settings: {
        ...settings,
        outboundCallerNumber: picked.caller,
        musicOnHoldId: picked.music,
        audioPromptLanguage: picked.language,
        areaCode: picked.areaCode,
        pinCode: picked.pin,
        assistantExtensionIds: picked.assistants,
        deskPhones: picked.deskPhones,
      },
    };
  });

const indexes = (calls: ZoomCall[], label: ZoomCall['label']) =>
  calls.flatMap((call, index) => (call.label === label ? [index] : []));

describe('planReconcile, for any line and any state of Zoom', () => {
  it('sends valid requests in an order Zoom accepts, and leaves nothing to do', () => {
    const context = aContext();
    fc.assert(
      fc.property(lineArb, snapshotArb, (line, snapshot) => {
        let current = snapshot;
        for (let round = 0; round < 2; round++) {
          const plan = planReconcile(desired(line), current, context);
          if (plan.kind !== 'calls') throw new Error(`${plan.kind}: ${plan.reason}`);
          for (const call of plan.calls) {
            expect(requestProblems(call)).toEqual([]);
            expect(call.purpose).not.toContain(SECRET_PIN);
          }
          const adds = indexes(plan.calls, 'calling_plans.add');
          const removes = indexes(plan.calls, 'calling_plans.remove');
          expect(Math.max(-1, ...adds)).toBeLessThan(Math.min(Infinity, ...removes));
          const numberAdds = indexes(plan.calls, 'phone_numbers.add');
          const numberRemoves = indexes(plan.calls, 'phone_numbers.remove');
          expect(Math.max(-1, ...numberRemoves)).toBeLessThan(Math.min(Infinity, ...numberAdds));
          if (plan.calls.length === 0) return;
          current = applyAll(current, context, plan.calls);
          if (plan.complete) break;
        }
        expect(planReconcile(desired(line), current, context)).toMatchObject({ kind: 'calls', calls: [] });
      }),
      { numRuns: 300 },
    );
  });
});
