import { describe, expect, it } from 'vitest';
import type { DesiredLine } from '../../../../src/domain/desired-line.ts';
import type { BusinessHours } from '../../../../src/domain/settings.ts';
import {
  loggableCall,
  planReconcile,
  type ZoomCall,
  type ZoomContext,
  type ZoomPlan,
  type ZoomSnapshot,
} from '../../../../src/phone-systems/zoom/plan/index.ts';
import {
  ADA_ID,
  aContext,
  aLine,
  aPhoneUser,
  applyAll,
  createdByZoom,
  desired,
  inSyncSnapshot,
  PIN,
  unlicensedSnapshot,
} from '../../../support/zoom-plan.ts';
import { requestProblems } from '../../../support/zoom-requests.ts';

const nineToFive = { type: 'interval', from: '09:00', to: '17:00' } as const;
const WEEKDAYS_NINE_TO_FIVE: BusinessHours = {
  kind: 'weekly',
  days: {
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: { type: '24h' },
    sat: { type: 'closed' },
    sun: { type: 'closed' },
  },
};

type Calls = Extract<ZoomPlan, { kind: 'calls' }>;

function callsOf(plan: ZoomPlan): Calls {
  if (plan.kind !== 'calls') throw new Error(`expected calls, got ${plan.kind}: ${plan.reason}`);
  return plan;
}

const labels = (calls: ZoomCall[]) => calls.map((call) => call.label);

/**
 * Runs the plan's calls on the stand-in, lets Zoom create the line when the plan waits for it, and plans again
 * until nothing is left; returns the snapshot Zoom ends with and how many rounds of calls it took.
 */
function converge(line: DesiredLine, snapshot: ZoomSnapshot, context: ZoomContext) {
  const rounds: ZoomCall[][] = [];
  let current = snapshot;
  for (let round = 0; round < 4; round++) {
    const next = planReconcile(line, current, context);
    if (next.kind === 'wait' && next.code === 'PHONE_USER_NOT_CREATED') {
      current = createdByZoom(current);
      continue;
    }
    const plan = callsOf(next);
    if (plan.calls.length === 0) return { last: current, rounds: rounds.length };
    rounds.push(plan.calls);
    current = applyAll(current, context, plan.calls);
  }
  throw new Error(`still planning calls after 4 rounds: ${JSON.stringify(rounds.map(labels))}`);
}

type Scenario = {
  name: string;
  line: DesiredLine;
  snapshot: ZoomSnapshot;
  context?: ZoomContext;
  calls: ZoomCall['label'][];
  check?: (plan: Calls) => void;
};

const withPhoneUser = (overrides: Parameters<typeof aPhoneUser>[0]): ZoomSnapshot => ({
  ...inSyncSnapshot(),
  phoneUser: aPhoneUser(overrides),
});

const withSettings = (overrides: Partial<NonNullable<ZoomSnapshot['settings']>>): ZoomSnapshot => {
  const snapshot = inSyncSnapshot();
  return {
    ...snapshot,
    settings: { ...(snapshot.settings as NonNullable<ZoomSnapshot['settings']>), ...overrides },
  };
};

const scenarios: Scenario[] = [
  {
    name: 'gives a new license by turning the Zoom Phone feature on, and asks to plan again after',
    line: desired(),
    snapshot: unlicensedSnapshot(),
    calls: ['user.phone_feature'],
    check: (plan) => {
      expect(plan.calls[0]?.body).toEqual({ feature: { zoom_phone: true } });
      expect(plan.calls[0]?.params.path).toEqual({ userId: ADA_ID });
      expect(plan.complete).toBe(false);
    },
  },
  {
    name: 'sets the complete extension, then plans, then numbers, then settings on a line Zoom just created',
    line: desired(),
    snapshot: createdByZoom(inSyncSnapshot()),
    calls: [
      'phone_user.update',
      'calling_plans.add',
      'phone_numbers.add',
      'settings.update',
      'settings.voicemail_pin',
    ],
    check: (plan) => {
      expect(plan.calls[0]?.body).toEqual({ extension_number: '1101' });
      expect(plan.calls[1]?.body).toEqual({ calling_plans: [{ type: 200 }] });
      expect(plan.calls[2]?.body).toEqual({ phone_numbers: [{ id: 'num-1' }] });
      expect(plan.calls[3]?.body).toEqual({ area_code: '415' });
      expect(plan.calls[4]?.body).toEqual({ desk_phone: { pin_code: PIN } });
      expect(plan.complete).toBe(true);
    },
  },
  {
    name: 'makes no call when Zoom already holds the line',
    line: desired(),
    snapshot: inSyncSnapshot(),
    calls: [],
    check: (plan) => expect(plan).toEqual({ kind: 'calls', calls: [], complete: true, notes: [] }),
  },
  {
    name: 'adds the new calling plan before removing the old one',
    line: desired(aLine({ plans: [{ code: 100, name: 'US/CA Metered' }] })),
    snapshot: inSyncSnapshot(),
    calls: ['calling_plans.add', 'calling_plans.remove'],
    check: (plan) => {
      expect(plan.calls[0]?.body).toEqual({ calling_plans: [{ type: 100 }] });
      expect(plan.calls[1]?.params.path).toEqual({ userId: ADA_ID, planType: '200' });
      expect(plan.calls.map((call) => call.purpose)).toEqual([
        'add calling plan 100',
        'remove calling plan 200',
      ]);
    },
  },
  {
    name: 'removes the old number before adding the new one',
    line: desired(aLine({ numbers: ['+14155550102'] })),
    snapshot: inSyncSnapshot(),
    calls: ['phone_numbers.remove', 'phone_numbers.add'],
    check: (plan) => {
      expect(plan.calls[0]?.params.path).toEqual({ userId: ADA_ID, phoneNumberId: 'num-1' });
      expect(plan.calls[1]?.body).toEqual({ phone_numbers: [{ id: 'num-2' }] });
    },
  },
  {
    name: 'keeps a full set of ten numbers under the limit by removing before adding',
    line: desired(aLine({ numbers: ['+14155550102'] })),
    snapshot: withPhoneUser({
      numbers: Array.from({ length: 10 }, (_, index) => ({
        id: `old-${index}`,
        number: `+1415555090${index}`,
      })),
    }),
    calls: [...Array.from({ length: 10 }, () => 'phone_numbers.remove' as const), 'phone_numbers.add'],
  },
  {
    name: 'takes the license away when the line is removed',
    line: desired(null),
    snapshot: inSyncSnapshot(),
    calls: ['user.phone_feature'],
    check: (plan) => expect(plan.calls[0]?.body).toEqual({ feature: { zoom_phone: false } }),
  },
  {
    name: 'does nothing for a removed line that Zoom never had',
    line: desired(null),
    snapshot: unlicensedSnapshot(),
    calls: [],
  },
  {
    name: 'does nothing for a removed line of a person Zoom does not know',
    line: desired(null),
    snapshot: { user: null, phoneUser: null, settings: null, personalAddresses: [], blockedRules: [] },
    calls: [],
  },
  {
    name: 'moves the person to another site and sets the extension there in one request',
    line: desired(aLine({ site: { name: 'east', code: '2' }, extension: '2101' })),
    snapshot: inSyncSnapshot(),
    calls: ['phone_user.update', 'phone_user.update'],
    check: (plan) => {
      expect(plan.calls[0]?.body).toEqual({ site_id: 'site-east', extension_number: '2101' });
      expect(plan.calls[1]?.body).toEqual({ emergency_address_id: 'addr-east' });
    },
  },
  {
    name: 'deactivates an inactive line',
    line: desired(aLine({ status: 'inactive' })),
    snapshot: inSyncSnapshot(),
    calls: ['phone_user.activation'],
    check: (plan) =>
      expect(plan.calls[0]?.body).toEqual({
        batch_type: 'activate',
        activation_status: 'deactivate',
        user_ids: [ADA_ID],
      }),
  },
  {
    name: 'activates a line after its plans are in place',
    line: desired(aLine({ plans: [{ code: 100, name: 'US/CA Metered' }] })),
    snapshot: withPhoneUser({ status: 'deactivate' }),
    calls: ['calling_plans.add', 'calling_plans.remove', 'phone_user.activation'],
  },
  {
    name: 'puts a caller-ID number on the allowed list before choosing it',
    line: desired(
      aLine({ settings: { ...aLine().settings, callerId: { kind: 'number', number: '+14155550104' } } }),
    ),
    snapshot: inSyncSnapshot(),
    calls: ['caller_id_numbers.add', 'settings.update'],
    check: (plan) => {
      expect(plan.calls[0]?.body).toEqual({ phone_number_ids: ['num-4'] });
      expect(plan.calls[1]?.body).toEqual({ outbound_caller_id: '+14155550104' });
    },
  },
  {
    name: "chooses the person's own number as caller ID without listing it",
    line: desired(
      aLine({ settings: { ...aLine().settings, callerId: { kind: 'number', number: '+14155550101' } } }),
    ),
    snapshot: inSyncSnapshot(),
    calls: ['settings.update'],
  },
  {
    name: 'hides the caller ID with an empty number',
    line: desired(),
    snapshot: withSettings({ outboundCallerNumber: '+14155550101' }),
    calls: ['settings.update'],
    check: (plan) => expect(plan.calls[0]?.body).toEqual({ outbound_caller_id: '' }),
  },
  {
    name: 'turns hold music off with "0" and sets the language in the same request',
    line: desired(
      aLine({ settings: { ...aLine().settings, holdMusic: { kind: 'none' }, language: 'de-DE' } }),
    ),
    snapshot: inSyncSnapshot(),
    calls: ['settings.update'],
    check: (plan) =>
      expect(plan.calls[0]?.body).toEqual({ audio_prompt_language: 'de-DE', music_on_hold_id: '0' }),
  },
  {
    name: 'leaves uploaded hold music alone and says so',
    line: desired(aLine({ settings: { ...aLine().settings, holdMusic: { kind: 'audio', audioId: 7 } } })),
    snapshot: withSettings({ musicOnHoldId: '0' }),
    calls: [],
    check: (plan) => expect(plan.notes).toEqual([expect.stringContaining('hold music')]),
  },
  {
    name: 'changes the voicemail PIN without naming it',
    line: desired(aLine({ settings: { ...aLine().settings, voicemailPin: '907261' } })),
    snapshot: inSyncSnapshot(),
    calls: ['settings.voicemail_pin'],
    check: (plan) => {
      expect(plan.calls[0]?.params.path).toEqual({ userId: ADA_ID, settingType: 'desk_phone' });
      expect(plan.calls[0]?.purpose).toBe('set the voicemail PIN');
    },
  },
  {
    name: 'removes an assistant before adding another, by extension id',
    line: desired(aLine({ assistants: ['Grace@example.com'] })),
    snapshot: withSettings({ assistantExtensionIds: ['ext-alan'] }),
    calls: ['delegation.remove', 'delegation.add'],
    check: (plan) => {
      expect(plan.calls[0]?.params.query).toEqual({ assistant_extension_id: 'ext-alan' });
      expect(plan.calls[1]?.body).toEqual({ delegation_assistant_extension_id: 'ext-grace' });
    },
  },
  {
    name: 'notes an assistant who has no Zoom Phone line instead of failing',
    line: desired(aLine({ assistants: ['nobody@example.com'] })),
    snapshot: inSyncSnapshot(),
    calls: [],
    check: (plan) => expect(plan.notes).toEqual([expect.stringContaining('nobody@example.com')]),
  },
  {
    name: 'creates a personal emergency address first and assigns it on the next plan',
    line: desired(
      aLine({
        emergencyAddress: {
          line1: '9 Elm St',
          line2: 'Apt 2',
          city: 'Oakland',
          state: 'CA',
          postalCode: '94607',
          country: 'US',
        },
      }),
    ),
    snapshot: inSyncSnapshot(),
    calls: ['emergency_address.create'],
    check: (plan) => {
      expect(plan.complete).toBe(false);
      expect(plan.calls[0]?.body).toEqual({
        address_line1: '9 Elm St',
        address_line2: 'Apt 2',
        city: 'Oakland',
        state_code: 'CA',
        zip: '94607',
        country: 'US',
        user_id: ADA_ID,
      });
    },
  },
  {
    name: "goes back to the site's emergency address when the personal one is removed",
    line: desired(),
    snapshot: withPhoneUser({ emergencyAddress: { ...aPhoneUser().emergencyAddress!, id: 'addr-own' } }),
    calls: ['phone_user.update'],
    check: (plan) => expect(plan.calls[0]?.body).toEqual({ emergency_address_id: 'addr-main' }),
  },
  {
    name: 'names the parts it does not send yet',
    line: desired(
      aLine({
        deskPhones: [{ mac: '00:11:22:33:44:55', model: 'VVX 450' }],
        settings: { ...aLine().settings, ringMode: 'sequential' },
      }),
    ),
    snapshot: inSyncSnapshot(),
    calls: [],
    check: (plan) => {
      expect(plan.notes.map((note) => note.split(' ')[0])).toEqual(['Call', 'The']);
      expect(plan.notes[1]).toContain('001122334455 (VVX 450)');
    },
  },
  {
    name: 'blocks a number and a prefix on the extension',
    line: desired(
      aLine({
        blocked: [
          { kind: 'number', value: '+14155550999' },
          { kind: 'prefix', value: '+1900' },
        ],
      }),
    ),
    snapshot: inSyncSnapshot(),
    calls: ['blocked.add', 'blocked.add'],
    check: (plan) => {
      expect(plan.calls[0]?.params.path).toEqual({ extensionId: 'ext-ada' });
      expect(plan.calls.map((call) => call.body)).toEqual([
        { match_type: 'phoneNumber', blocked_number: '+14155550999', type: 'block_for_other_reasons' },
        { match_type: 'prefix', blocked_number: '+1900', type: 'block_for_other_reasons' },
      ]);
    },
  },
  {
    name: 'removes a block rule Switchboard no longer names before adding the new one',
    line: desired(aLine({ blocked: [{ kind: 'prefix', value: '+1415555' }] })),
    snapshot: {
      ...inSyncSnapshot(),
      blockedRules: [
        { id: 'rule-a', matchType: 'phoneNumber', value: '+14155550999' },
        { id: 'rule-b', matchType: 'prefix', value: '+1 900' },
      ],
    },
    calls: ['blocked.remove', 'blocked.remove', 'blocked.add'],
    check: (plan) => expect(plan.calls[0]?.params.query).toEqual({ blocked_rule_id: 'rule-a' }),
  },
  {
    name: 'assigns a desk phone the account already has, matched by MAC in any spelling',
    line: desired(aLine({ deskPhones: [{ mac: '00-A0-C9-11-22-33', model: 'Yealink T54W' }] })),
    snapshot: inSyncSnapshot(),
    calls: ['desk_phone.assign'],
    check: (plan) => {
      expect(plan.calls[0]?.params.path).toEqual({ deviceId: 'dev-spare' });
      expect(plan.calls[0]?.body).toEqual({ assignee_extension_ids: ['ext-ada'] });
    },
  },
  {
    name: 'adds a new desk phone to the account with the brand its model starts with',
    line: desired(aLine({ deskPhones: [{ mac: '80:5e:c0:01:02:03', model: 'Polycom VVX 450' }] })),
    snapshot: inSyncSnapshot(),
    calls: ['desk_phone.create'],
    check: (plan) =>
      expect(plan.calls[0]?.body).toEqual({
        display_name: 'Ada Lovelace',
        mac_address: '805EC0010203',
        type: 'poly',
        model: 'Polycom VVX 450',
        assignee_extension_ids: ['ext-ada'],
        site_id: 'site-main',
      }),
  },
  {
    name: 'takes a desk phone off the extension, without deleting it, before assigning others',
    line: desired(
      aLine({
        deskPhones: [
          { mac: '00A0C9112233', model: 'Yealink T54W' },
          { mac: '805EC0010203', model: 'Yealink T46U' },
          { mac: '805EC0010204', model: 'Yealink T46U' },
        ],
      }),
    ),
    snapshot: withSettings({
      deskPhones: [
        { id: 'dev-old', mac: '00:11:22:33:44:55' },
        { id: 'dev-a', mac: '805ec0010203' },
        { id: 'dev-b', mac: 'aa:bb:cc:dd:ee:00' },
      ],
    }),
    calls: ['desk_phone.unassign', 'desk_phone.unassign', 'desk_phone.assign', 'desk_phone.create'],
    check: (plan) =>
      expect(plan.calls[0]?.params.path).toEqual({ deviceId: 'dev-old', extensionId: 'ext-ada' }),
  },
  {
    name: 'sets weekly business hours, days numbered from Sunday',
    line: desired(aLine({ settings: { ...aLine().settings, businessHours: WEEKDAYS_NINE_TO_FIVE } })),
    snapshot: inSyncSnapshot(),
    calls: ['settings.update'],
    check: (plan) =>
      expect(plan.calls[0]?.body).toEqual({
        business_hours_settings: {
          business_hour_type: 2,
          business_hours: [
            { weekday: 1, type: 0 },
            { weekday: 2, type: 2, from: '09:00', to: '17:00' },
            { weekday: 3, type: 2, from: '09:00', to: '17:00' },
            { weekday: 4, type: 2, from: '09:00', to: '17:00' },
            { weekday: 5, type: 2, from: '09:00', to: '17:00' },
            { weekday: 6, type: 1 },
            { weekday: 7, type: 0 },
          ],
        },
      }),
  },
  {
    name: 'opens around the clock again',
    line: desired(),
    snapshot: withSettings({
      businessHours: {
        business_hour_type: 2,
        business_hours: [{ weekday: 2, type: 2, from: '9:00', to: '17:00' }],
      },
    }),
    calls: ['settings.update'],
    check: (plan) =>
      expect(plan.calls[0]?.body).toEqual({ business_hours_settings: { business_hour_type: 1 } }),
  },
  {
    name: 'takes 9:00 from Zoom as the 09:00 it was sent, and days Zoom leaves out as closed',
    line: desired(aLine({ settings: { ...aLine().settings, businessHours: WEEKDAYS_NINE_TO_FIVE } })),
    snapshot: withSettings({
      businessHours: {
        business_hour_type: 2,
        business_hours: [
          { weekday: 2, type: 2, from: '9:00', to: '17:00' },
          { weekday: 3, type: 2, from: '9:00', to: '17:00' },
          { weekday: 4, type: 2, from: '9:00', to: '17:00' },
          { weekday: 5, type: 2, from: '9:00', to: '17:00' },
          { weekday: 6, type: 1, from: '00:00', to: '00:00' },
        ],
      },
    }),
    calls: [],
  },
];

describe('planReconcile', () => {
  it.each(scenarios)('$name', ({ line, snapshot, context = aContext(), calls, check }) => {
    const plan = callsOf(planReconcile(line, snapshot, context));
    expect(labels(plan.calls)).toEqual(calls);
    check?.(plan);
  });

  it.each(scenarios)(
    'sends only requests the Zoom documents accept: $name',
    ({ line, snapshot, context = aContext() }) => {
      for (const call of callsOf(planReconcile(line, snapshot, context)).calls) {
        expect(requestProblems(call), `${call.method} ${call.path}`).toEqual([]);
      }
    },
  );

  it.each(scenarios)(
    'has nothing left to do once its calls are made: $name',
    ({ line, snapshot, context = aContext() }) => {
      const first = callsOf(planReconcile(line, snapshot, context));
      const { last, rounds } = converge(line, snapshot, context);
      // A complete plan is done in one round; a first step (license, new address) needs exactly one more.
      expect(rounds).toBe(first.calls.length === 0 ? 0 : first.complete ? 1 : 2);
      expect(planReconcile(line, last, context)).toMatchObject({ kind: 'calls', calls: [], complete: true });
    },
  );

  it('never puts the voicemail PIN in a purpose, whatever the PIN', () => {
    for (const pin of [PIN, '907261', '000000']) {
      for (const scenario of scenarios) {
        const line = scenario.line.line
          ? desired(
              aLine({
                ...scenario.line.line,
                settings: { ...scenario.line.line.settings, voicemailPin: pin },
              }),
            )
          : scenario.line;
        const plan = planReconcile(line, scenario.snapshot, aContext());
        const purposes = plan.kind === 'calls' ? plan.calls.map((call) => call.purpose) : [plan.reason];
        expect(JSON.stringify(purposes), scenario.name).not.toContain(pin);
      }
    }
  });

  it('takes a new person from no license to a complete line, waiting while Zoom creates it', () => {
    const context = aContext();
    const line = desired(aLine({ assistants: ['grace@example.com'] }));
    const first = callsOf(planReconcile(line, unlicensedSnapshot(), context));
    const licensed = applyAll(unlicensedSnapshot(), context, first.calls);
    expect(planReconcile(line, licensed, context)).toEqual({
      kind: 'wait',
      code: 'PHONE_USER_NOT_CREATED',
      reason: expect.stringContaining('ada@example.com'),
    });
    const created = createdByZoom(licensed);
    const second = callsOf(planReconcile(line, created, context));
    expect(labels(second.calls)).toEqual([
      'phone_user.update',
      'calling_plans.add',
      'phone_numbers.add',
      'settings.update',
      'settings.voicemail_pin',
      'delegation.add',
    ]);
    const done = applyAll(created, context, second.calls);
    expect(callsOf(planReconcile(line, done, context)).calls).toEqual([]);
  });

  it('waits while a wanted number is still on someone else', () => {
    const context = aContext();
    context.numbers['+14155550102'] = { id: 'num-2', number: '+14155550102', assigneeIds: ['zu-bob'] };
    const plan = planReconcile(desired(aLine({ numbers: ['+14155550102'] })), inSyncSnapshot(), context);
    expect(plan).toMatchObject({ kind: 'wait', code: 'NUMBER_HELD_ELSEWHERE' });
    expect(plan.kind === 'wait' && plan.reason).toContain('+14155550102');
  });

  it('does not wait for a number Zoom shows on this person under their extension id', () => {
    const context = aContext();
    context.numbers['+14155550101'] = { id: 'num-1', number: '+14155550101', assigneeIds: ['ext-ada'] };
    expect(callsOf(planReconcile(desired(), inSyncSnapshot(), context)).calls).toEqual([]);
  });

  it('keeps the plans Zoom has when the line names none, as Zoom keeps at least one', () => {
    const plan = callsOf(planReconcile(desired(aLine({ plans: [] })), inSyncSnapshot(), aContext()));
    expect(plan.calls).toEqual([]);
  });

  it("leaves an adopted line's settings as Zoom holds them, and still brings its line in step", () => {
    const fresh = createdByZoom(inSyncSnapshot());
    const managed = callsOf(planReconcile(desired(), fresh, aContext())).calls.map((call) => call.label);
    const adopted = aLine({ settingsInPhoneSystem: true, extension: '1999' });
    const labels = callsOf(planReconcile(desired(adopted), fresh, aContext())).calls.map(
      (call) => call.label,
    );
    const lineLabels = new Set([
      'user.phone_feature',
      'phone_user.update',
      'phone_user.activation',
      'calling_plans.add',
      'calling_plans.remove',
      'phone_numbers.add',
      'phone_numbers.remove',
    ]);
    expect(managed.some((label) => !lineLabels.has(label))).toBe(true);
    expect(labels.filter((label) => !lineLabels.has(label))).toEqual([]);
    expect(labels).toContain('phone_user.update');
  });

  it('gives every call a loggable form, without the body that holds the PIN', () => {
    const plan = callsOf(planReconcile(desired(), createdByZoom(inSyncSnapshot()), aContext()));
    const logged = plan.calls.map(loggableCall);
    expect(JSON.stringify(logged)).not.toContain(PIN);
    expect(logged.find((call) => call.label === 'settings.voicemail_pin')).not.toHaveProperty('body');
    expect(logged.find((call) => call.label === 'calling_plans.add')?.body).toEqual({
      calling_plans: [{ type: 200 }],
    });
  });
});
