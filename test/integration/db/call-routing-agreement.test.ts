import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type CallPlan, type RoutingCaller, routeCall } from '../../../src/domain/call-routing.ts';
import type {
  BusinessHours,
  ClosedHoursAction,
  DayHours,
  Route,
  UnansweredAction,
} from '../../../src/domain/settings.ts';
import { WEEKDAYS } from '../../../src/domain/settings.ts';
import { type CalleeKey, type CallerKey, readCallRouting } from '../../../src/store/call-routing.ts';
import { useTestDatabase } from '../../support/database.ts';

/**
 * `/phone route` and the SIP server answer the same question twice: the plan the store read and `routeCall` give,
 * and the plan `sip_call_plan` + `sip_ring_steps` give (as deploy/kamailio/kamailio.cfg acts on it), for the same
 * rows, caller and instant, must be one plan. Generated cases cover hours (night shifts, 24:00, 24h), zones with
 * DST, actions, ring modes, routes, assistants, blocked lists and callers; named cases pin each disagreement
 * found once, so that it stays fixed.
 */
const database = useTestDatabase();

const CALLEE_EXT = '3001';
const CALLEE_NUMBER = '+33100000001';
const MAC_A = '001A2B3C4D5E';
const MAC_B = '00AABBCCDDEE';
/** A desk phone of a colleague: a route naming it is a route to a phone the callee does not have. */
const MAC_OTHER = '00FFEEDDCCBB';
const COLLEAGUE = '3201';
const INACTIVE_COLLEAGUE = '3202';
const INACTIVE_COLLEAGUE_NUMBER = '+14155559202';
const ASSISTANTS = [
  { extension: '3101', status: 'active' },
  { extension: '3102', status: 'inactive' },
  { extension: '3103', status: 'active' },
] as const;
const FORWARDS = [
  { number: '+14155550123', description: 'Mobile' },
  { number: '+442071234567', description: 'London office' },
] as const;

type Caller = { kind: 'number'; number: string } | { kind: 'extension'; extension: string };

type Case = {
  timeZone: string | null;
  calleeActive: boolean;
  dialled: 'extension' | 'number' | 'nobody';
  hours: BusinessHours;
  closedHours: ClosedHoursAction;
  ringMode: 'simultaneous' | 'sequential';
  routes: Route[];
  forwardNumbers: { number: string; description: string }[];
  unanswered: UnansweredAction;
  assistants: string[];
  blocked: { kind: 'number' | 'prefix'; value: string }[];
  caller: Caller;
  instant: Date;
};

/** What both sides are compared on: what the caller hears and what rings, for how long. */
type Shape =
  | { decision: 'unknown' | 'caller_inactive' | 'inactive'; sipCode: number }
  | { decision: 'blocked'; sipCode: 403; entry: string }
  | { decision: 'closed'; action: string; target: string | null; greetingId: number | null }
  | { decision: 'closed'; action: 'disconnect'; sipCode: 480 }
  | {
      decision: 'ring';
      steps: { seconds: number; targets: string[] }[];
      unanswered: { action: string; greetingId: number | null };
    };

// --- writing the rows ---------------------------------------------------------------------------------------

async function insertPerson(
  tx: Executor,
  extension: string,
  status: string,
  timeZone: string | null,
): Promise<number> {
  const [dir] = await queryRows<{ id: number }>(
    tx,
    sql`insert into directory_users (email, first_name, last_name, timezone)
      values (${`p${extension}@example.com`}, 'P', ${extension}, ${timeZone}) returning id`,
  );
  const [user] = await queryRows<{ id: number }>(
    tx,
    sql`insert into phone_users (directory_user_id, site_id, extension, short_extension, status)
      values (${dir?.id}, (select min(id) from sites), ${extension}, ${extension}, ${status}) returning id`,
  );
  if (!user) throw new Error(`phone user ${extension} was not written`);
  return user.id;
}

async function writeCase(tx: Executor, c: Case): Promise<void> {
  const colleague = await insertPerson(tx, COLLEAGUE, 'active', 'UTC');
  const inactive = await insertPerson(tx, INACTIVE_COLLEAGUE, 'inactive', 'UTC');
  await tx.execute(sql`insert into phone_numbers (number, phone_user_id)
    values (${INACTIVE_COLLEAGUE_NUMBER}, ${inactive})`);
  await tx.execute(
    sql`insert into desk_phones (phone_user_id, mac, model) values (${colleague}, ${MAC_OTHER}, 'Other')`,
  );
  const assistantIds = new Map<string, number>();
  for (const a of ASSISTANTS)
    assistantIds.set(a.extension, await insertPerson(tx, a.extension, a.status, 'UTC'));
  if (c.dialled === 'nobody') return;
  const id = await insertPerson(tx, CALLEE_EXT, c.calleeActive ? 'active' : 'inactive', c.timeZone);
  await tx.execute(sql`insert into phone_numbers (number, phone_user_id) values (${CALLEE_NUMBER}, ${id})`);
  await tx.execute(sql`insert into desk_phones (phone_user_id, mac, model)
    values (${id}, ${MAC_A}, 'Model A'), (${id}, ${MAC_B}, 'Model B')`);
  // The SIP usernames the product gives: the extension for the apps, the MAC for a desk phone.
  const hash = 'a'.repeat(32);
  await tx.execute(sql`insert into sip_credentials (phone_user_id, desk_phone_id, username, realm, ha1, ha1b)
    select ${id}::integer, null::integer, ${CALLEE_EXT}::text, 'switchboard', ${hash}::text, ${hash}::text
    union all select d.phone_user_id, d.id, d.mac, 'switchboard', ${hash}::text, ${hash}::text
      from desk_phones d where d.phone_user_id = ${id}::integer`);
  for (const extension of c.assistants) {
    await tx.execute(
      sql`insert into delegations (owner_id, assistant_id) values (${id}, ${assistantIds.get(extension)})`,
    );
  }
  for (const entry of c.blocked) {
    await tx.execute(
      sql`insert into blocked_numbers (phone_user_id, kind, value) values (${id}, ${entry.kind}, ${entry.value})`,
    );
  }
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  await tx.execute(sql`update phone_user_settings set
      business_hours = ${json(c.hours)}, closed_hours = ${json(c.closedHours)}, ring_mode = ${c.ringMode},
      routes = ${json(c.routes)}, forward_numbers = ${json(c.forwardNumbers)}, unanswered = ${json(c.unanswered)}
    where phone_user_id = ${id}`);
}

// --- the two plans ------------------------------------------------------------------------------------------

function calleeKeyOf(c: Case): CalleeKey {
  return c.dialled === 'number'
    ? { by: 'number', number: CALLEE_NUMBER }
    : { by: 'extension', extension: CALLEE_EXT };
}

function dialledOf(c: Case): string {
  return c.dialled === 'number' ? CALLEE_NUMBER : CALLEE_EXT;
}

/** The plan `/phone route` explains: the same store read and the same model. */
async function typescriptPlan(tx: Executor, c: Case): Promise<CallPlan> {
  const callerKey: CallerKey =
    c.caller.kind === 'number'
      ? { by: 'number', number: c.caller.number }
      : { by: 'extension', extension: c.caller.extension };
  const read = await readCallRouting(tx, calleeKeyOf(c), callerKey, 'U-nobody');
  const line = read.caller
    ? { extension: read.caller.extension, name: read.caller.name, active: read.caller.active }
    : undefined;
  const caller: RoutingCaller =
    c.caller.kind === 'number'
      ? { kind: 'number', number: c.caller.number, line }
      : { kind: 'extension', extension: c.caller.extension, line };
  return routeCall({ callee: read.callee, caller }, c.instant);
}

function shapeOfTypescript(plan: CallPlan): Shape {
  switch (plan.kind) {
    case 'refused':
      switch (plan.reason) {
        case 'unknown':
          return { decision: 'unknown', sipCode: plan.sipCode };
        case 'caller_deactivated':
          return { decision: 'caller_inactive', sipCode: plan.sipCode };
        case 'deactivated':
          return { decision: 'inactive', sipCode: plan.sipCode };
        case 'blocked':
          return {
            decision: 'blocked',
            sipCode: plan.sipCode,
            entry: `${plan.entry.kind}:${plan.entry.value}`,
          };
      }
      throw new Error('unreachable');
    case 'closed': {
      const action = plan.action;
      switch (action.kind) {
        case 'voicemail':
          return {
            decision: 'closed',
            action: 'voicemail',
            target: CALLEE_EXT,
            greetingId: action.greetingId,
          };
        case 'message':
          return {
            decision: 'closed',
            action: 'message',
            target: action.audioId === null ? null : String(action.audioId),
            greetingId: null,
          };
        case 'forward':
          return { decision: 'closed', action: 'forward', target: action.number, greetingId: null };
        case 'disconnect':
          return { decision: 'closed', action: 'disconnect', sipCode: action.sipCode };
      }
      throw new Error('unreachable');
    }
    case 'ring':
      return {
        decision: 'ring',
        steps: plan.steps.map((step) => ({
          seconds: step.seconds,
          targets: step.targets.map((target) => {
            switch (target.kind) {
              case 'apps':
                return `apps:${target.extension}`;
              case 'desk_phone':
                return `desk_phone:${target.mac}`;
              case 'forward':
                return `forward:${target.number}`;
              case 'assistant':
                return `assistant:${target.extension}`;
            }
            throw new Error('unreachable');
          }),
        })),
        unanswered:
          plan.unanswered.kind === 'voicemail'
            ? { action: 'voicemail', greetingId: plan.unanswered.greetingId }
            : { action: 'disconnect', greetingId: null },
      };
  }
}

type SqlPlanRow = {
  action: string;
  target: string | null;
  detail: string | null;
  unanswered: string | null;
  greeting_id: number | null;
  phone_user_id: number | null;
};

/** The plan the SIP server acts on, read as kamailio.cfg reads it (route[INVITE], route[TO_FORWARD]). */
async function sqlShape(tx: Executor, c: Case, callerValue: string): Promise<Shape> {
  const [plan] = await queryRows<SqlPlanRow>(
    tx,
    sql`select action, target, detail, unanswered, greeting_id, phone_user_id
      from sip_call_plan(${dialledOf(c)}, ${callerValue}, ${c.instant.toISOString()}::timestamptz)`,
  );
  if (!plan) throw new Error('sip_call_plan returned no row');
  switch (plan.action) {
    case 'unknown':
      return { decision: 'unknown', sipCode: 404 };
    case 'caller_inactive':
      return { decision: 'caller_inactive', sipCode: 403 };
    case 'inactive':
      return { decision: 'inactive', sipCode: 480 };
    case 'blocked':
      return { decision: 'blocked', sipCode: 403, entry: plan.detail ?? '' };
    case 'closed_disconnect':
      return { decision: 'closed', action: 'disconnect', sipCode: 480 };
    case 'closed_voicemail':
      return { decision: 'closed', action: 'voicemail', target: plan.target, greetingId: plan.greeting_id };
    case 'closed_message':
      return { decision: 'closed', action: 'message', target: plan.target, greetingId: null };
    case 'closed_forward':
      // route[TO_FORWARD]: no number to forward to is a 480.
      return plan.target === null
        ? { decision: 'closed', action: 'disconnect', sipCode: 480 }
        : { decision: 'closed', action: 'forward', target: plan.target, greetingId: null };
    case 'ring': {
      const rows = await queryRows<{ step: number; ring_seconds: number; kind: string; target: string }>(
        tx,
        sql`select step, ring_seconds, kind, target from sip_ring_steps(${plan.phone_user_id}::integer)`,
      );
      const steps: { seconds: number; targets: string[] }[] = [];
      const maxStep = Math.max(0, ...rows.map((row) => row.step));
      // kamailio.cfg walks steps 1..max(step), each for the ring time of its rows.
      for (let step = 1; step <= maxStep; step++) {
        const of = rows.filter((row) => row.step === step);
        steps.push({
          seconds: of[0]?.ring_seconds ?? Number.NaN,
          targets: of.map((row) => `${row.kind}:${row.target}`),
        });
      }
      return {
        decision: 'ring',
        steps,
        unanswered: {
          action: plan.unanswered ?? '',
          greetingId: plan.unanswered === 'voicemail' ? plan.greeting_id : null,
        },
      };
    }
    default:
      throw new Error(`sip_call_plan gave an action kamailio.cfg does not know: ${plan.action}`);
  }
}

function callerValue(caller: Caller): string {
  return caller.kind === 'number' ? caller.number : caller.extension;
}

class Rollback extends Error {}

/** Both plans for one case, on rows written in a transaction that is rolled back. */
async function bothPlans(c: Case): Promise<{ typescript: Shape; sip: Shape }> {
  let result: { typescript: Shape; sip: Shape } | undefined;
  try {
    await database.db.transaction(async (tx) => {
      await writeCase(tx, c);
      result = {
        typescript: shapeOfTypescript(await typescriptPlan(tx, c)),
        sip: await sqlShape(tx, c, callerValue(c.caller)),
      };
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!result) throw new Error('the case was not planned');
  return result;
}

// --- generated cases ----------------------------------------------------------------------------------------

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Times near the edges that matter (midnight, whole hours) more often than uniform minutes would give. */
const clock = fc.oneof(
  fc.constantFrom(0, 60, 360, 540, 1020, 1320, 1380, 1410, 1439),
  fc.integer({ min: 0, max: 1439 }),
);

const dayHours: fc.Arbitrary<DayHours> = fc.oneof(
  fc.constant<DayHours>({ type: 'closed' }),
  fc.constant<DayHours>({ type: '24h' }),
  fc
    .tuple(clock, fc.oneof(clock, fc.constant(1440)))
    .map(([from, to]): DayHours => ({ type: 'interval', from: hhmm(from), to: hhmm(to) })),
);

const hours: fc.Arbitrary<BusinessHours> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<BusinessHours>({ kind: 'always' }) },
  {
    weight: 5,
    arbitrary: fc.tuple(...WEEKDAYS.map(() => dayHours)).map(
      (days): BusinessHours => ({
        kind: 'weekly',
        days: Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]])) as Record<
          (typeof WEEKDAYS)[number],
          DayHours
        >,
      }),
    ),
  },
);

const id = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 50 }));

const closedHours: fc.Arbitrary<ClosedHoursAction> = fc.oneof(
  id.map((greetingId): ClosedHoursAction => ({ action: 'voicemail', greetingId })),
  id.map((audioId): ClosedHoursAction => ({ action: 'message', audioId })),
  fc.constant<ClosedHoursAction>({ action: 'forward' }),
  fc.constant<ClosedHoursAction>({ action: 'disconnect' }),
);

const seconds = fc.integer({ min: 5, max: 120 });
const route: fc.Arbitrary<Route> = fc.oneof(
  fc.record({ kind: fc.constant('apps' as const), enabled: fc.boolean(), ringSeconds: seconds }),
  fc.record({
    kind: fc.constant('desk_phone' as const),
    mac: fc.constantFrom(MAC_A, MAC_B, MAC_OTHER),
    enabled: fc.boolean(),
    ringSeconds: seconds,
  }),
  fc.record({
    kind: fc.constant('forward' as const),
    number: fc.constantFrom(...FORWARDS.map((f) => f.number)),
    enabled: fc.boolean(),
    ringSeconds: seconds,
  }),
);

const BLOCKABLE = [
  { kind: 'number', value: '+14155550166' },
  { kind: 'number', value: INACTIVE_COLLEAGUE_NUMBER },
  { kind: 'number', value: '14155550100' },
  { kind: 'prefix', value: '1900' },
  { kind: 'prefix', value: '+19005' },
  { kind: 'prefix', value: '1415555' },
  { kind: 'prefix', value: '+44' },
  { kind: 'prefix', value: '4420' },
  { kind: 'prefix', value: '3201' },
] as const;

const caller: fc.Arbitrary<Caller> = fc.oneof(
  fc
    .constantFrom(
      '+14155550100',
      '+14155550166',
      '+19005550111',
      '+442071234567',
      '+32012345678',
      INACTIVE_COLLEAGUE_NUMBER,
      CALLEE_NUMBER,
    )
    .map((number): Caller => ({ kind: 'number', number })),
  fc
    .constantFrom(COLLEAGUE, INACTIVE_COLLEAGUE, '3101', '3102', CALLEE_EXT, '3999')
    .map((extension): Caller => ({ kind: 'extension', extension })),
);

/** DST changes of the zones generated (2026), and plain midnights, to be approached within a day. */
const EDGES = [
  '2026-03-29T01:00:00Z', // Europe/Paris springs forward
  '2026-10-25T01:00:00Z', // Europe/Paris falls back
  '2026-03-08T07:00:00Z', // America/New_York springs forward
  '2026-11-01T06:00:00Z', // America/New_York falls back
  '2026-04-04T15:00:00Z', // Australia/Lord_Howe ends its half-hour DST
  '2026-10-03T15:30:00Z', // Australia/Lord_Howe starts it
  '2026-04-04T14:00:00Z', // Pacific/Auckland falls back
  '2026-12-07T00:00:00Z', // a Monday, midnight UTC
  '2026-12-13T23:00:00Z', // Sunday to Monday in Paris
].map((iso) => Date.parse(iso));

const instant: fc.Arbitrary<Date> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...EDGES),
      fc.integer({ min: -26 * 60, max: 26 * 60 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(([edge, minutes, second]) => new Date(edge + minutes * 60_000 + second * 1000)),
  fc
    .integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000)),
);

const timeZone = fc.constantFrom(
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Asia/Kolkata',
  null,
  'Mars/Olympus',
  '',
  'CET',
  'EET',
  'CEST',
  'PST',
  'IST',
  'UTC+3',
  'EST5EDT',
  'Etc/GMT-14',
  'Etc/GMT+5',
  'GMT0',
  'europe/paris',
  'Zulu',
  'MST7MDT',
  'Pacific/Port_Moresby',
);

const aCase: fc.Arbitrary<Case> = fc.record({
  timeZone,
  calleeActive: fc.constantFrom(true, true, false),
  dialled: fc.constantFrom('extension', 'extension', 'number', 'nobody'),
  hours,
  closedHours,
  ringMode: fc.constantFrom('simultaneous', 'sequential'),
  routes: fc.array(route, { maxLength: 4 }),
  forwardNumbers: fc.subarray([...FORWARDS]).map((list) => list.map((f) => ({ ...f }))),
  unanswered: fc.oneof(
    id.map((greetingId): UnansweredAction => ({ action: 'voicemail', greetingId })),
    fc.constant<UnansweredAction>({ action: 'disconnect' }),
  ),
  assistants: fc.subarray(ASSISTANTS.map((a) => a.extension)),
  blocked: fc.subarray([...BLOCKABLE]).map((list) => list.map((entry) => ({ ...entry }))),
  caller,
  instant,
});

describe('/phone route and the SIP server agree on generated cases', () => {
  it('give the same plan for settings, caller and instant drawn at random', async () => {
    await fc.assert(
      fc.asyncProperty(aCase, async (c) => {
        const { typescript, sip } = await bothPlans(c);
        expect(sip).toEqual(typescript);
      }),
      { numRuns: Number(process.env.AGREEMENT_RUNS ?? 150) },
    );
  }, 120_000);
});

// --- named cases --------------------------------------------------------------------------------------------

const WEEK_CLOSED = Object.fromEntries(WEEKDAYS.map((day) => [day, { type: 'closed' }])) as Record<
  (typeof WEEKDAYS)[number],
  DayHours
>;
const weekly = (days: Partial<Record<(typeof WEEKDAYS)[number], DayHours>>): BusinessHours => ({
  kind: 'weekly',
  days: { ...WEEK_CLOSED, ...days },
});

function named(overrides: Partial<Case>): Case {
  return {
    timeZone: 'Europe/Paris',
    calleeActive: true,
    dialled: 'extension',
    hours: { kind: 'always' },
    closedHours: { action: 'voicemail', greetingId: null },
    ringMode: 'simultaneous',
    routes: [{ kind: 'apps', enabled: true, ringSeconds: 20 }],
    forwardNumbers: [{ ...FORWARDS[0] }],
    unanswered: { action: 'voicemail', greetingId: null },
    assistants: [],
    blocked: [],
    caller: { kind: 'number', number: '+14155550100' },
    instant: new Date('2026-12-07T12:00:00Z'),
    ...overrides,
  };
}

const NOON = weekly({ mon: { type: 'interval', from: '12:00', to: '13:00' } });
const NIGHT = weekly({ sun: { type: 'interval', from: '22:00', to: '06:00' } });

const NAMED: [string, Case, Shape['decision']][] = [
  ['nobody has the extension', named({ dialled: 'nobody' }), 'unknown'],
  [
    'an inactive colleague calls a deactivated callee',
    named({ calleeActive: false, caller: { kind: 'extension', extension: INACTIVE_COLLEAGUE } }),
    'caller_inactive',
  ],
  [
    'an inactive colleague calls from their direct number',
    named({ caller: { kind: 'number', number: INACTIVE_COLLEAGUE_NUMBER } }),
    'caller_inactive',
  ],
  [
    'a deactivated callee is refused before the blocked list',
    named({ calleeActive: false, blocked: [{ kind: 'number', value: '+14155550100' }] }),
    'inactive',
  ],
  [
    'an exact number wins over a prefix',
    named({
      blocked: [
        { kind: 'prefix', value: '1415' },
        { kind: 'number', value: '+14155550100' },
      ],
    }),
    'blocked',
  ],
  [
    'the longest prefix is named, counted in digits and not with its +',
    named({
      blocked: [
        { kind: 'prefix', value: '+1900' },
        { kind: 'prefix', value: '19005' },
      ],
      caller: { kind: 'number', number: '+19005550111' },
    }),
    'blocked',
  ],
  [
    'a colleague on extension 3201 is not matched by the prefix 3201',
    named({
      blocked: [{ kind: 'prefix', value: '3201' }],
      caller: { kind: 'extension', extension: COLLEAGUE },
    }),
    'ring',
  ],
  [
    'Sunday 22:00-06:00 keeps Monday 05:59 open across the week (Paris)',
    named({ hours: NIGHT, instant: new Date('2026-12-07T04:59:00Z') }),
    'ring',
  ],
  [
    'Sunday 22:00-06:00 is closed Monday 06:00 (Paris)',
    named({ hours: NIGHT, instant: new Date('2026-12-07T05:00:00Z') }),
    'closed',
  ],
  [
    '18:00-24:00 is open at 23:59:59 and closed at midnight',
    named({
      timeZone: 'UTC',
      hours: weekly({ mon: { type: 'interval', from: '18:00', to: '24:00' } }),
      instant: new Date('2026-12-07T23:59:59Z'),
    }),
    'ring',
  ],
  [
    '18:00-24:00 on Monday is closed at Tuesday 00:00',
    named({
      timeZone: 'UTC',
      hours: weekly({ mon: { type: 'interval', from: '18:00', to: '24:00' } }),
      instant: new Date('2026-12-08T00:00:00Z'),
    }),
    'closed',
  ],
  [
    'the hour Paris springs over (02:00-03:00 local does not exist) reads 03:00',
    named({
      hours: weekly({ sun: { type: 'interval', from: '03:00', to: '04:00' } }),
      instant: new Date('2026-03-29T01:00:00Z'),
    }),
    'ring',
  ],
  [
    'the hour New York repeats, second time round, is still 01:xx',
    named({
      timeZone: 'America/New_York',
      hours: weekly({ sun: { type: 'interval', from: '01:00', to: '02:00' } }),
      instant: new Date('2026-11-01T06:30:00Z'),
    }),
    'ring',
  ],
  [
    'no time zone reads the hours in UTC',
    named({
      timeZone: null,
      hours: weekly({ mon: { type: 'interval', from: '09:00', to: '17:00' } }),
      instant: new Date('2026-12-07T16:30:00Z'),
    }),
    'ring',
  ],
  // Mondays 12:00-13:00 in summer: the two sides once read CET, CEST, UTC+3, PST and IST differently.
  [
    'CET is the zone with its summer time, not the fixed UTC+1 abbreviation',
    named({ timeZone: 'CET', hours: NOON, instant: new Date('2026-07-06T10:30:00Z') }),
    'ring',
  ],
  [
    'cet, in lower case, is the same zone',
    named({ timeZone: 'cet', hours: NOON, instant: new Date('2026-07-06T10:30:00Z') }),
    'ring',
  ],
  [
    'CEST is an abbreviation and no zone: the hours are read in UTC',
    named({ timeZone: 'CEST', hours: NOON, instant: new Date('2026-07-06T10:30:00Z') }),
    'closed',
  ],
  [
    'UTC+3 is no zone (PostgreSQL would read it as the POSIX rule UTC-3): UTC',
    named({ timeZone: 'UTC+3', hours: NOON, instant: new Date('2026-07-06T15:30:00Z') }),
    'closed',
  ],
  [
    'PST is no zone of the tz database (ICU would read Los Angeles with DST): UTC',
    named({ timeZone: 'PST', hours: NOON, instant: new Date('2026-07-06T19:30:00Z') }),
    'closed',
  ],
  [
    'IST is no zone of the tz database (India for ICU, Israel for PostgreSQL): UTC',
    named({ timeZone: 'IST', hours: NOON, instant: new Date('2026-07-06T06:45:00Z') }),
    'closed',
  ],
  [
    'Etc/GMT-14 is UTC+14, a real zone with a sign in its name',
    named({ timeZone: 'Etc/GMT-14', hours: NOON, instant: new Date('2026-07-05T22:30:00Z') }),
    'ring',
  ],
  [
    'closed hours forward with no forward number left is a 480',
    named({ hours: weekly({}), closedHours: { action: 'forward' }, forwardNumbers: [] }),
    'closed',
  ],
  [
    'a closed message with the default audio',
    named({ hours: weekly({}), closedHours: { action: 'message', audioId: null } }),
    'closed',
  ],
  [
    'sequential: each route for its own time, assistants with the first, a disabled route skipped',
    named({
      ringMode: 'sequential',
      routes: [
        { kind: 'forward', number: FORWARDS[1].number, enabled: true, ringSeconds: 15 },
        { kind: 'apps', enabled: false, ringSeconds: 40 },
        { kind: 'desk_phone', mac: MAC_B, enabled: true, ringSeconds: 25 },
      ],
      assistants: ['3101', '3102', '3103'],
    }),
    'ring',
  ],
  [
    'simultaneous: one step for the longest ring time',
    named({
      routes: [
        { kind: 'apps', enabled: true, ringSeconds: 20 },
        { kind: 'desk_phone', mac: MAC_A, enabled: true, ringSeconds: 45 },
        { kind: 'forward', number: FORWARDS[0].number, enabled: true, ringSeconds: 30 },
      ],
      assistants: ['3103'],
      unanswered: { action: 'disconnect' },
    }),
    'ring',
  ],
  [
    'no enabled route: straight to the unanswered action, no assistant rings',
    named({ routes: [{ kind: 'apps', enabled: false, ringSeconds: 20 }], assistants: ['3101'] }),
    'ring',
  ],
  [
    'a direct number reaches its holder',
    named({ dialled: 'number', unanswered: { action: 'voicemail', greetingId: 7 } }),
    'ring',
  ],
];

describe('/phone route and the SIP server agree on named cases', () => {
  it.each(NAMED)('%s', async (_name, c, decision) => {
    const { typescript, sip } = await bothPlans(c);
    expect(typescript.decision).toBe(decision);
    expect(sip).toEqual(typescript);
  });
});
