import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockingEntry,
  type CallPlan,
  isOpen,
  type RoutingCallee,
  type RoutingCaller,
  routeCall,
} from '../../../src/domain/call-routing.ts';
import {
  type BusinessHours,
  type DayHours,
  type Route,
  WEEKDAYS,
  type Weekday,
} from '../../../src/domain/settings.ts';
import { localTimeAt, nextLocalMoment } from '../../../src/domain/zoned-time.ts';

const closed: DayHours = { type: 'closed' };
const open = (from: string, to: string): DayHours => ({ type: 'interval', from, to });

function weekly(days: Partial<Record<Weekday, DayHours>>): BusinessHours {
  return {
    kind: 'weekly',
    days: {
      mon: closed,
      tue: closed,
      wed: closed,
      thu: closed,
      fri: closed,
      sat: closed,
      sun: closed,
      ...days,
    },
  };
}

const MAC = '001A2B3C4D5E';
const apps = (ringSeconds = 20, enabled = true): Route => ({ kind: 'apps', enabled, ringSeconds });
const desk = (ringSeconds = 20, enabled = true): Route => ({
  kind: 'desk_phone',
  mac: MAC,
  enabled,
  ringSeconds,
});
const forward = (ringSeconds = 30, enabled = true): Route => ({
  kind: 'forward',
  number: '+14155550123',
  enabled,
  ringSeconds,
});

/** Ada: active, in Paris, open always, rings her apps for 20 s, then voicemail. */
function aCallee(overrides: Partial<RoutingCallee> = {}): RoutingCallee {
  return {
    extension: '1001',
    active: true,
    timeZone: 'Europe/Paris',
    businessHours: { kind: 'always' },
    closedHours: { action: 'voicemail', greetingId: null },
    ringMode: 'simultaneous',
    routes: [apps()],
    forwardNumbers: [{ number: '+14155550123', description: 'Mobile' }],
    unanswered: { action: 'voicemail', greetingId: null },
    deskPhones: [{ mac: MAC, model: 'Polycom VVX 450' }],
    assistants: [],
    blocked: [],
    ...overrides,
  };
}

const anyone: RoutingCaller = { kind: 'anyone' };
const from = (number: string): RoutingCaller => ({ kind: 'number', number, line: undefined });

// 2026-12-07 is a Monday. Paris is UTC+1 in winter, UTC+2 in summer.
const MONDAY_10_PARIS = new Date('2026-12-07T09:00:00Z');

describe('routeCall: refusals, in the order of the contract', () => {
  it('refuses a call to an extension or number no phone user has with 404, whoever calls', () => {
    expect(routeCall({ callee: undefined, caller: anyone }, MONDAY_10_PARIS)).toEqual({
      kind: 'refused',
      reason: 'unknown',
      sipCode: 404,
    });
    const inactiveCaller: RoutingCaller = {
      kind: 'extension',
      extension: '1002',
      line: { extension: '1002', name: 'Bob', active: false },
    };
    expect(routeCall({ callee: undefined, caller: inactiveCaller }, MONDAY_10_PARIS)).toMatchObject({
      reason: 'unknown',
    });
  });

  it('refuses a deactivated caller with 403 before looking at the callee', () => {
    const caller: RoutingCaller = {
      kind: 'extension',
      extension: '1002',
      line: { extension: '1002', name: 'Bob', active: false },
    };
    expect(routeCall({ callee: aCallee({ active: false }), caller }, MONDAY_10_PARIS)).toEqual({
      kind: 'refused',
      reason: 'caller_deactivated',
      sipCode: 403,
    });
  });

  it('refuses a deactivated caller who calls from their direct number too', () => {
    const caller: RoutingCaller = {
      kind: 'number',
      number: '+14155550999',
      line: { extension: '1002', name: 'Bob', active: false },
    };
    expect(routeCall({ callee: aCallee(), caller }, MONDAY_10_PARIS)).toMatchObject({
      reason: 'caller_deactivated',
    });
  });

  it('lets an active phone user of the account call', () => {
    const caller: RoutingCaller = {
      kind: 'extension',
      extension: '1002',
      line: { extension: '1002', name: 'Bob', active: true },
    };
    expect(routeCall({ callee: aCallee(), caller }, MONDAY_10_PARIS).kind).toBe('ring');
  });

  it('refuses a call to a deactivated callee with 480, before checking the blocked list', () => {
    const callee = aCallee({ active: false, blocked: [{ kind: 'number', value: '+19005550100' }] });
    expect(routeCall({ callee, caller: from('+19005550100') }, MONDAY_10_PARIS)).toEqual({
      kind: 'refused',
      reason: 'deactivated',
      sipCode: 480,
    });
  });

  it('refuses a blocked number with 403 and names the entry', () => {
    const entry = { kind: 'number', value: '+19005550100' } as const;
    expect(
      routeCall({ callee: aCallee({ blocked: [entry] }), caller: from('+19005550100') }, MONDAY_10_PARIS),
    ).toEqual({ kind: 'refused', reason: 'blocked', sipCode: 403, entry });
  });

  it('refuses a number that starts with a blocked prefix, written with or without +', () => {
    for (const value of ['1900', '+1900']) {
      const entry = { kind: 'prefix', value } as const;
      expect(
        routeCall({ callee: aCallee({ blocked: [entry] }), caller: from('+19005550100') }, MONDAY_10_PARIS),
      ).toMatchObject({ reason: 'blocked', entry });
    }
  });

  it('blocks before closed hours: a blocked caller is refused even when the line is closed', () => {
    const callee = aCallee({ businessHours: weekly({}), blocked: [{ kind: 'prefix', value: '1900' }] });
    expect(routeCall({ callee, caller: from('+19005550100') }, MONDAY_10_PARIS)).toMatchObject({
      reason: 'blocked',
    });
  });

  it('lets through a number that only resembles a blocked one', () => {
    const callee = aCallee({
      blocked: [
        { kind: 'number', value: '+19005550100' },
        { kind: 'prefix', value: '1900' },
      ],
    });
    expect(routeCall({ callee, caller: from('+14155550100') }, MONDAY_10_PARIS).kind).toBe('ring');
    expect(routeCall({ callee, caller: from('+19015550100') }, MONDAY_10_PARIS).kind).toBe('ring');
  });

  it('checks no blocked list for a caller known only by extension or not known at all', () => {
    const callee = aCallee({ blocked: [{ kind: 'prefix', value: '10' }] });
    const internal: RoutingCaller = { kind: 'extension', extension: '1002', line: undefined };
    expect(routeCall({ callee, caller: internal }, MONDAY_10_PARIS).kind).toBe('ring');
    expect(routeCall({ callee, caller: anyone }, MONDAY_10_PARIS).kind).toBe('ring');
  });
});

describe('blockingEntry', () => {
  it('names the number itself before any prefix it starts with, then the longest prefix', () => {
    const blocked = [
      { kind: 'prefix', value: '1900' },
      { kind: 'prefix', value: '+1900555' },
      { kind: 'number', value: '+19005550100' },
    ] as const;
    expect(blockingEntry(blocked, '+19005550100')).toEqual({ kind: 'number', value: '+19005550100' });
    expect(blockingEntry(blocked, '+19005550101')).toEqual({ kind: 'prefix', value: '+1900555' });
    expect(blockingEntry(blocked, '+19001110101')).toEqual({ kind: 'prefix', value: '1900' });
    expect(blockingEntry(blocked, '+14155550100')).toBeUndefined();
  });

  it('never matches a number entry by prefix', () => {
    expect(blockingEntry([{ kind: 'number', value: '+1900555' }], '+19005550100')).toBeUndefined();
  });
});

describe('routeCall: closed hours', () => {
  const nineToFive = weekly({ mon: open('09:00', '17:00'), tue: open('09:00', '17:00') });

  it('reads the hours in the callee’s zone: 10:00 in Paris is open, the same instant in New York is closed', () => {
    expect(
      routeCall({ callee: aCallee({ businessHours: nineToFive }), caller: anyone }, MONDAY_10_PARIS).kind,
    ).toBe('ring');
    const newYork = aCallee({ businessHours: nineToFive, timeZone: 'America/New_York' });
    expect(routeCall({ callee: newYork, caller: anyone }, MONDAY_10_PARIS)).toMatchObject({
      kind: 'closed',
      at: { zone: 'America/New_York', day: 'mon', minutes: 4 * 60 },
    });
  });

  it('reads the hours as UTC when the callee has no known zone', () => {
    for (const timeZone of [null, 'Mars/Olympus']) {
      const callee = aCallee({ businessHours: nineToFive, timeZone });
      expect(routeCall({ callee, caller: anyone }, new Date('2026-12-07T08:59:00Z'))).toMatchObject({
        kind: 'closed',
        at: { zone: 'UTC' },
      });
      expect(routeCall({ callee, caller: anyone }, new Date('2026-12-07T09:00:00Z')).kind).toBe('ring');
    }
  });

  it('opens at the start of an interval and closes at its end', () => {
    const callee = aCallee({ businessHours: nineToFive, timeZone: 'UTC' });
    const at = (time: string) =>
      routeCall({ callee, caller: anyone }, new Date(`2026-12-07T${time}:00Z`)).kind;
    expect([at('08:59'), at('09:00'), at('16:59'), at('17:00')]).toEqual([
      'closed',
      'ring',
      'ring',
      'closed',
    ]);
  });

  it.each<[string, ClosedCase]>([
    [
      'voicemail',
      { action: { action: 'voicemail', greetingId: 7 }, plan: { kind: 'voicemail', greetingId: 7 } },
    ],
    ['a message', { action: { action: 'message', audioId: 3 }, plan: { kind: 'message', audioId: 3 } }],
    ['a disconnect', { action: { action: 'disconnect' }, plan: { kind: 'disconnect', sipCode: 480 } }],
    [
      'the first forward number',
      {
        action: { action: 'forward' },
        plan: { kind: 'forward', number: '+14155550123', description: 'Mobile' },
      },
    ],
  ])('takes the closed-hours action: %s', (_name, { action, plan }) => {
    const callee = aCallee({
      businessHours: weekly({}),
      closedHours: action,
      forwardNumbers: [
        { number: '+14155550123', description: 'Mobile' },
        { number: '+14155550124', description: 'Home' },
      ],
    });
    expect(routeCall({ callee, caller: anyone }, MONDAY_10_PARIS)).toEqual({
      kind: 'closed',
      action: plan,
      at: { zone: 'Europe/Paris', date: '2026-12-07', day: 'mon', minutes: 600 },
    });
  });

  it('disconnects with 480 when closed hours forward but no forward number is left', () => {
    const callee = aCallee({
      businessHours: weekly({}),
      closedHours: { action: 'forward' },
      forwardNumbers: [],
    });
    expect(routeCall({ callee, caller: anyone }, MONDAY_10_PARIS)).toMatchObject({
      kind: 'closed',
      action: { kind: 'disconnect', sipCode: 480, noForwardNumber: true },
    });
  });
});

type ClosedCase = {
  action: RoutingCallee['closedHours'];
  plan: Extract<CallPlan, { kind: 'closed' }>['action'];
};

describe('isOpen', () => {
  const nightShift = weekly({ mon: open('22:00', '06:00') });
  const at = (day: Weekday, time: string) => {
    const [h, m] = time.split(':');
    return { day, minutes: Number(h) * 60 + Number(m) };
  };

  it('keeps a night shift open past midnight into the next day', () => {
    expect(isOpen(nightShift, at('mon', '21:59'))).toBe(false);
    expect(isOpen(nightShift, at('mon', '22:00'))).toBe(true);
    expect(isOpen(nightShift, at('mon', '23:59'))).toBe(true);
    expect(isOpen(nightShift, at('tue', '00:00'))).toBe(true);
    expect(isOpen(nightShift, at('tue', '03:00'))).toBe(true);
    expect(isOpen(nightShift, at('tue', '05:59'))).toBe(true);
    expect(isOpen(nightShift, at('tue', '06:00'))).toBe(false);
  });

  it('does not open the morning of the shift’s own day', () => {
    expect(isOpen(nightShift, at('mon', '03:00'))).toBe(false);
  });

  it('carries Sunday’s night shift into Monday', () => {
    const sunday = weekly({ sun: open('20:00', '02:00') });
    expect(isOpen(sunday, at('mon', '01:59'))).toBe(true);
    expect(isOpen(sunday, at('mon', '02:00'))).toBe(false);
  });

  it('reads an end of 24:00 (and 00:00, as the text form stores it) as midnight, not the next day', () => {
    for (const end of ['24:00', '00:00']) {
      const evening = weekly({ mon: open('18:00', end) });
      expect(isOpen(evening, at('mon', '17:59'))).toBe(false);
      expect(isOpen(evening, at('mon', '23:59'))).toBe(true);
      expect(isOpen(evening, at('tue', '00:00'))).toBe(false);
    }
  });

  it('opens the whole of a 24h day and nothing of a closed one', () => {
    const hours = weekly({ wed: { type: '24h' } });
    expect(isOpen(hours, at('wed', '00:00'))).toBe(true);
    expect(isOpen(hours, at('wed', '23:59'))).toBe(true);
    expect(isOpen(hours, at('thu', '00:00'))).toBe(false);
    expect(isOpen(hours, at('tue', '23:59'))).toBe(false);
  });

  it('is always open with hours that are always open', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WEEKDAYS), fc.integer({ min: 0, max: 1439 }), (day, minutes) =>
        isOpen({ kind: 'always' }, { day, minutes }),
      ),
    );
  });

  it('opens a day interval exactly at the minutes from its start up to its end, and nothing the next day', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 0, max: 1438 }),
        fc.integer({ min: 1, max: 1439 }),
        fc.integer({ min: 0, max: 2 * 1440 - 1 }),
        (day, start, length, probe) => {
          const end = start + length;
          if (end > 1440) return;
          const hhmm = (m: number) =>
            m === 1440
              ? '24:00'
              : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const hours = weekly({ [day]: open(hhmm(start), hhmm(end)) });
          const next = WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % 7] as Weekday;
          const probeDay = probe < 1440 ? day : next;
          const expected = probe >= start && probe < end;
          expect(isOpen(hours, { day: probeDay, minutes: probe % 1440 })).toBe(expected);
        },
      ),
    );
  });

  it('opens a night shift from its start to its end the next day, and at no other minute of the two days', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 1, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 2 * 1440 - 1 }),
        (day, start, endRaw, probe) => {
          const end = endRaw % (start + 1) === start ? 0 : endRaw % (start + 1);
          const hhmm = (m: number) =>
            `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const hours = weekly({ [day]: open(hhmm(start), hhmm(end)) });
          const next = WEEKDAYS[(WEEKDAYS.indexOf(day) + 1) % 7] as Weekday;
          const expected = probe >= start && probe < 1440 + end;
          const probeDay = probe < 1440 ? day : next;
          expect(isOpen(hours, { day: probeDay, minutes: probe % 1440 })).toBe(expected);
        },
      ),
    );
  });
});

describe('routeCall: ring steps', () => {
  const ring = (callee: RoutingCallee) => {
    const plan = routeCall({ callee, caller: anyone }, MONDAY_10_PARIS);
    if (plan.kind !== 'ring') throw new Error(`expected a ring plan, got ${plan.kind}`);
    return plan;
  };

  it('rings every enabled route together in simultaneous mode, for the longest ring time', () => {
    const plan = ring(aCallee({ routes: [apps(20), desk(40), forward(30, false)] }));
    expect(plan.steps).toEqual([
      {
        targets: [
          { kind: 'apps', extension: '1001' },
          { kind: 'desk_phone', mac: MAC, model: 'Polycom VVX 450' },
        ],
        seconds: 40,
      },
    ]);
    expect(plan.unanswered).toEqual({ kind: 'voicemail', greetingId: null });
  });

  it('rings each enabled route in turn in sequential mode, in the user’s order, each for its own time', () => {
    const plan = ring(
      aCallee({ ringMode: 'sequential', routes: [forward(30), apps(20, false), desk(15), apps(25)] }),
    );
    expect(plan.steps).toEqual([
      { targets: [{ kind: 'forward', number: '+14155550123', description: 'Mobile' }], seconds: 30 },
      { targets: [{ kind: 'desk_phone', mac: MAC, model: 'Polycom VVX 450' }], seconds: 15 },
      { targets: [{ kind: 'apps', extension: '1001' }], seconds: 25 },
    ]);
  });

  it('rings the active assistants with the first step only, in either mode', () => {
    const assistants = [
      { extension: '1003', name: 'Carol', active: true },
      { extension: '1004', name: 'Dan', active: false },
    ];
    const sequential = ring(aCallee({ ringMode: 'sequential', routes: [apps(20), desk(20)], assistants }));
    expect(sequential.steps.map((step) => step.targets.map((target) => target.kind))).toEqual([
      ['apps', 'assistant'],
      ['desk_phone'],
    ]);
    expect(sequential.steps[0]?.targets[1]).toEqual({ kind: 'assistant', extension: '1003', name: 'Carol' });
    const simultaneous = ring(aCallee({ routes: [apps(20), desk(20)], assistants }));
    expect(simultaneous.steps[0]?.targets.map((target) => target.kind)).toEqual([
      'apps',
      'desk_phone',
      'assistant',
    ]);
  });

  it('lists a desk phone route whose phone is gone, without a model: the SIP server finds nothing to ring there', () => {
    const plan = ring(aCallee({ routes: [apps(), desk()], deskPhones: [] }));
    expect(plan.steps[0]?.targets[1]).toEqual({ kind: 'desk_phone', mac: MAC, model: undefined });
  });

  it('disconnects with 480 after the last step when the unanswered action is disconnect', () => {
    expect(ring(aCallee({ unanswered: { action: 'disconnect' } })).unanswered).toEqual({
      kind: 'disconnect',
      sipCode: 480,
    });
  });

  it('goes straight to the unanswered action when no route is enabled', () => {
    const plan = ring(
      aCallee({ routes: [apps(20, false)], assistants: [{ extension: '1003', name: 'C', active: true }] }),
    );
    expect(plan.steps).toEqual([]);
  });

  it('never rings a disabled route and always rings for a time a route was given', () => {
    const route = fc.oneof(
      fc.record({
        kind: fc.constant('apps' as const),
        enabled: fc.boolean(),
        ringSeconds: fc.integer({ min: 10, max: 60 }),
      }),
      fc.record({
        kind: fc.constant('desk_phone' as const),
        mac: fc.constant(MAC),
        enabled: fc.boolean(),
        ringSeconds: fc.integer({ min: 10, max: 60 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(route, { maxLength: 4 }),
        fc.constantFrom('simultaneous', 'sequential'),
        (routes, ringMode) => {
          const plan = ring(aCallee({ routes, ringMode: ringMode as 'simultaneous' | 'sequential' }));
          const enabled = routes.filter((r) => r.enabled);
          const rung = plan.steps.flatMap((step) => step.targets).length;
          expect(rung).toBe(enabled.length);
          for (const step of plan.steps) expect(enabled.map((r) => r.ringSeconds)).toContain(step.seconds);
          expect(plan.steps.length).toBe(
            ringMode === 'sequential' ? enabled.length : Math.min(1, enabled.length),
          );
        },
      ),
    );
  });
});

describe('local time in a zone', () => {
  it('shows the callee’s wall clock across a change to summer time', () => {
    // Paris moves from 02:00 to 03:00 on Sunday 2026-03-29 (01:00 UTC).
    expect(localTimeAt(new Date('2026-03-29T00:59:00Z'), 'Europe/Paris')).toMatchObject({
      day: 'sun',
      minutes: 119,
    });
    expect(localTimeAt(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toMatchObject({
      day: 'sun',
      minutes: 180,
    });
  });

  it('opens a 09:00 line at 09:00 local time on both sides of a change of clocks', () => {
    const callee = aCallee({
      businessHours: weekly({ mon: open('09:00', '17:00') }),
      timeZone: 'America/New_York',
    });
    // New York is UTC-4 on Monday 2026-10-26 and UTC-5 on Monday 2026-11-02 (clocks went back on 2026-11-01).
    expect(routeCall({ callee, caller: anyone }, new Date('2026-10-26T12:59:00Z')).kind).toBe('closed');
    expect(routeCall({ callee, caller: anyone }, new Date('2026-10-26T13:00:00Z')).kind).toBe('ring');
    expect(routeCall({ callee, caller: anyone }, new Date('2026-11-02T13:00:00Z')).kind).toBe('closed');
    expect(routeCall({ callee, caller: anyone }, new Date('2026-11-02T14:00:00Z')).kind).toBe('ring');
  });

  it('keeps a night shift open through the night the clocks change', () => {
    const callee = aCallee({
      businessHours: weekly({ sat: open('22:00', '06:00') }),
      timeZone: 'Europe/Paris',
    });
    // Sunday 2026-03-29: 05:59 in Paris is 03:59 UTC (summer time), 06:00 is 04:00 UTC.
    expect(routeCall({ callee, caller: anyone }, new Date('2026-03-29T03:59:00Z')).kind).toBe('ring');
    expect(routeCall({ callee, caller: anyone }, new Date('2026-03-29T04:00:00Z')).kind).toBe('closed');
  });

  it('finds the next Monday 09:30 after now, today when it is still to come', () => {
    const sundayNoon = new Date('2026-12-06T11:00:00Z'); // 12:00 in Paris
    expect(nextLocalMoment('mon', 570, 'Europe/Paris', sundayNoon).toISOString()).toBe(
      '2026-12-07T08:30:00.000Z',
    );
    expect(nextLocalMoment('sun', 12 * 60, 'Europe/Paris', sundayNoon).toISOString()).toBe(
      '2026-12-06T11:00:00.000Z',
    );
    expect(nextLocalMoment('sun', 11 * 60, 'Europe/Paris', sundayNoon).toISOString()).toBe(
      '2026-12-13T10:00:00.000Z',
    );
  });

  it('reads a time the clocks skip as an hour later, and a time they show twice as the first', () => {
    const before = new Date('2026-03-28T12:00:00Z');
    expect(nextLocalMoment('sun', 150, 'Europe/Paris', before).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    const autumn = new Date('2026-10-24T12:00:00Z');
    expect(nextLocalMoment('sun', 150, 'Europe/Paris', autumn).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('gives a moment whose wall clock is the day and time asked, in any zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'),
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (zone, day, minutes, now) => {
          const moment = nextLocalMoment(day, minutes, zone, new Date(now));
          expect(moment.getTime()).toBeGreaterThanOrEqual(Math.floor(now / 60000) * 60000);
          expect(moment.getTime() - now).toBeLessThan(8 * 24 * 3600 * 1000);
          const local = localTimeAt(moment, zone);
          expect(local.day).toBe(day);
          // Only a time the clocks skip lands elsewhere, and then no more than an hour later.
          expect(local.minutes - minutes).toBeGreaterThanOrEqual(0);
          expect(local.minutes - minutes).toBeLessThanOrEqual(60);
        },
      ),
    );
  });
});
