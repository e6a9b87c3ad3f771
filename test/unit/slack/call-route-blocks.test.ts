import { describe, expect, it } from 'vitest';
import { type RoutingCallee, type RoutingCaller, routeCall } from '../../../src/domain/call-routing.ts';
import type { RouteAnswer } from '../../../src/services/call-routing.ts';
import { callNowText, planText, routeMessage } from '../../../src/slack/blocks/call-route.ts';
import type { RoutingCalleeRead } from '../../../src/store/call-routing.ts';

const MONDAY_NOON_UTC = new Date('2026-12-07T12:00:00Z');

function aCallee(overrides: Partial<RoutingCallee> = {}): RoutingCalleeRead {
  return {
    phoneUserId: 1,
    person: {
      directoryUserId: 1,
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      slackUserId: null,
    },
    siteId: 1,
    siteCountry: null,
    settingsInPhoneSystem: false,
    extension: '1001',
    active: true,
    timeZone: 'UTC',
    businessHours: { kind: 'always' },
    closedHours: { action: 'voicemail', greetingId: null },
    ringMode: 'simultaneous',
    routes: [{ kind: 'apps', enabled: true, ringSeconds: 20 }],
    forwardNumbers: [],
    unanswered: { action: 'voicemail', greetingId: null },
    deskPhones: [],
    assistants: [],
    blocked: [],
    ...overrides,
  };
}

function answer(callee: RoutingCalleeRead, caller: RoutingCaller = { kind: 'anyone' }): RouteAnswer {
  return {
    plan: routeCall({ callee, caller }, MONDAY_NOON_UTC),
    callee,
    called: callee.extension,
    caller,
    instant: MONDAY_NOON_UTC,
    when: { kind: 'now' },
    zone: 'UTC',
  };
}

const closedAllWeek = {
  kind: 'weekly',
  days: {
    mon: { type: 'closed' },
    tue: { type: 'closed' },
    wed: { type: 'closed' },
    thu: { type: 'closed' },
    fri: { type: 'closed' },
    sat: { type: 'closed' },
    sun: { type: 'closed' },
  },
} as const;

describe('the words of a call plan', () => {
  it('names each desk phone by its model when there are several, and by its MAC once the phone is gone', () => {
    const callee = aCallee({
      ringMode: 'sequential',
      routes: [
        { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 15 },
        { kind: 'desk_phone', mac: '001A2B3C4D5F', enabled: true, ringSeconds: 25 },
        { kind: 'desk_phone', mac: '00AABBCCDDEE', enabled: true, ringSeconds: 10 },
      ],
      deskPhones: [
        { mac: '001A2B3C4D5E', model: 'Poly VVX 450' },
        { mac: '001A2B3C4D5F', model: 'Yealink T54W' },
      ],
    });
    expect(planText(answer(callee))).toBe(
      'Rings the desk phone Poly VVX 450 for 15 s, then the desk phone Yealink T54W for 25 s, then the desk phone 00:AA:BB:CC:DD:EE for 10 s, then voicemail',
    );
  });

  it('says a lone desk phone is "the desk phone"', () => {
    const callee = aCallee({
      routes: [
        { kind: 'apps', enabled: true, ringSeconds: 20 },
        { kind: 'desk_phone', mac: '001A2B3C4D5E', enabled: true, ringSeconds: 20 },
      ],
      deskPhones: [{ mac: '001A2B3C4D5E', model: 'Poly VVX 450' }],
    });
    expect(callNowText(answer(callee))).toBe(
      'A call now: rings the apps and the desk phone for 20 s, then voicemail.',
    );
  });

  it.each([
    [{ action: 'message', audioId: 4 } as const, 'plays a message, then disconnects'],
    [{ action: 'disconnect' } as const, 'disconnects (SIP 480)'],
    [
      { action: 'forward' } as const,
      'would forward, but there is no forward number left, so it disconnects (SIP 480)',
    ],
  ])('says what closed hours do: %j', (closedHours, words) => {
    const callee = aCallee({ businessHours: closedAllWeek, closedHours });
    expect(planText(answer(callee))).toBe(`Closed (Monday 12:00 in UTC): ${words}`);
  });

  it('says a line with no route on goes straight to the unanswered action', () => {
    const callee = aCallee({
      routes: [{ kind: 'apps', enabled: false, ringSeconds: 20 }],
      unanswered: { action: 'disconnect' },
    });
    expect(planText(answer(callee))).toBe('No route is on: the call is disconnected at once (SIP 480)');
  });

  it('escapes what people typed: a forward description is shown, never read as markup', () => {
    const callee = aCallee({
      routes: [{ kind: 'forward', number: '+14155550123', enabled: true, ringSeconds: 30 }],
      forwardNumbers: [{ number: '+14155550123', description: '<Home> & away' }],
    });
    expect(planText(answer(callee))).toBe(
      'Rings &lt;Home&gt; &amp; away `+14155550123` for 30 s, then voicemail',
    );
  });

  it('warns when the hours are read as UTC for want of a time zone', () => {
    const message = routeMessage(answer(aCallee({ timeZone: null })));
    expect(JSON.stringify(message.blocks)).toContain(
      'The time zone of Ada Lovelace (ada@example.com) is unknown',
    );
  });
});
