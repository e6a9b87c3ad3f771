import { describe, expect, it } from 'vitest';
import {
  addForward,
  readForwardNumber,
  removeForward,
  sameRouting,
  validateRouting,
  validRingSeconds,
  withDeskPhoneRoute,
  withoutDeskPhoneRoute,
} from '../../../src/domain/call-handling.ts';
import type { ForwardNumber, Route } from '../../../src/domain/settings.ts';

const apps: Route = { kind: 'apps', enabled: true, ringSeconds: 20 };
const desk = (mac: string, ringSeconds = 20): Route => ({
  kind: 'desk_phone',
  mac,
  enabled: true,
  ringSeconds,
});
const forwardRoute = (number: string, ringSeconds = 20): Route => ({
  kind: 'forward',
  number,
  enabled: true,
  ringSeconds,
});
const MAC_A = '001A2B3C4D5E';
const MAC_B = '001A2B3C4D5F';
const MOBILE = '+14155550123';

/** `count` distinct valid forward numbers. */
const forwards = (count: number): ForwardNumber[] =>
  Array.from({ length: count }, (_, i) => ({
    number: `+1415555${String(200 + i).padStart(4, '0')}`,
    description: '',
  }));

describe('desk phone routes', () => {
  it('adds a desk phone route after the others, on, ringing 20 s', () => {
    expect(withDeskPhoneRoute([apps, forwardRoute(MOBILE)], MAC_A)).toEqual([
      apps,
      forwardRoute(MOBILE),
      desk(MAC_A),
    ]);
  });

  it('keeps an existing desk phone route as it is', () => {
    const routes = [apps, { ...desk(MAC_A, 30), enabled: false }];
    expect(withDeskPhoneRoute(routes, MAC_A)).toEqual(routes);
  });

  it('removes only the route of the phone removed, keeping the order of the rest', () => {
    const routes = [desk(MAC_B), apps, desk(MAC_A), forwardRoute(MOBILE)];
    expect(withoutDeskPhoneRoute(routes, MAC_B)).toEqual([apps, desk(MAC_A), forwardRoute(MOBILE)]);
    expect(withoutDeskPhoneRoute(routes, '999999999999')).toEqual(routes);
  });
});

describe('readForwardNumber', () => {
  it.each([
    ['+14155550123', 'Mobile', { number: MOBILE, description: 'Mobile' }],
    ['+1 415 555 0123', '  Home   office ', { number: MOBILE, description: 'Home office' }],
    ['+44 20 7946 0958', '', { number: '+442079460958', description: '' }],
    [MOBILE, 'é'.repeat(64), { number: MOBILE, description: 'é'.repeat(64) }],
  ])('reads %j described as %j', (number, description, expected) => {
    expect(readForwardNumber(number, description)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['(415) 555-0100', 'not_e164'],
    ['4155550100', 'not_e164'],
    ['+1 415 CALL NOW', 'not_a_number'],
    ['+1415', 'too_short'],
    ['+1 999 555 0100', 'invalid'],
  ])('refuses the number %j (%s)', (number, reason) => {
    expect(readForwardNumber(number, '')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: number, reason },
    });
  });

  it.each(['x'.repeat(65), 'line\nbreak', 'tab\there', 'bell\u0007'])(
    'refuses the description %j',
    (description) => {
      expect(readForwardNumber(MOBILE, description)).toEqual({
        ok: false,
        error: { code: 'FORWARD_DESCRIPTION_INVALID', input: description, max: 64 },
      });
    },
  );
});

/** A line with a calling plan, forwarding outside the account. */
const CALLS_OUT = { hasCallingPlan: true, accountNumber: false };

describe('addForward', () => {
  const added = { number: MOBILE, description: 'Mobile' };

  it('appends the number and an enabled 20 s route to it, after the other routes', () => {
    expect(
      addForward({ forwardNumbers: [], routes: [apps, desk(MAC_A)] }, added, [], 'self', CALLS_OUT),
    ).toEqual({
      ok: true,
      value: {
        charged: undefined,
        forwardNumbers: [added],
        routes: [apps, desk(MAC_A), forwardRoute(MOBILE)],
      },
    });
  });

  it('accepts a tenth number and refuses an eleventh', () => {
    const nine = forwards(9);
    expect(addForward({ forwardNumbers: nine, routes: [apps] }, added, [], 'self', CALLS_OUT).ok).toBe(true);
    expect(
      addForward({ forwardNumbers: forwards(10), routes: [apps] }, added, [], 'self', CALLS_OUT),
    ).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_LIMIT', max: 10 },
    });
  });

  it('refuses a number that is already a forward number', () => {
    expect(
      addForward(
        { forwardNumbers: [added], routes: [apps] },
        { ...added, description: 'Other' },
        [],
        'self',
        CALLS_OUT,
      ),
    ).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_EXISTS', number: MOBILE },
    });
  });

  it('refuses a number outside the account to a line without a calling plan, and allows one of the account', () => {
    const empty = { forwardNumbers: [], routes: [apps] };
    const noPlan = { hasCallingPlan: false, accountNumber: false };
    for (const by of ['self', 'admin'] as const) {
      expect(addForward(empty, added, [], by, noPlan)).toEqual({
        ok: false,
        error: { code: 'FORWARD_NEEDS_PLAN', number: MOBILE, by },
      });
    }
    expect(addForward(empty, added, [], 'self', { hasCallingPlan: false, accountNumber: true }).ok).toBe(
      true,
    );
  });

  it("refuses one of the user's own direct numbers", () => {
    expect(addForward({ forwardNumbers: [], routes: [apps] }, added, [MOBILE], 'self', CALLS_OUT)).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_OWN', number: MOBILE },
    });
  });
});

describe('forwarding to numbers charged above an ordinary call', () => {
  const empty = { forwardNumbers: [], routes: [apps] };
  it.each([
    ['+19002345678', 'premium_rate'],
    ['+449012345678', 'premium_rate'],
    ['+448712345678', 'premium_rate'],
    ['+33810123456', 'shared_cost'],
    ['+447012345678', 'personal_number'],
  ] as const)('refuses %s (%s) to a phone user setting their own forwarding', (number, kind) => {
    expect(addForward(empty, { number, description: '' }, [], 'self', CALLS_OUT)).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_CHARGED', number, kind },
    });
  });

  it('lets an admin add one, and says what it is', () => {
    const added = addForward(
      empty,
      { number: '+19002345678', description: 'Hotline' },
      [],
      'admin',
      CALLS_OUT,
    );
    expect(added.ok && added.value.charged).toBe('premium_rate');
    expect(added.ok && added.value.forwardNumbers).toEqual([
      { number: '+19002345678', description: 'Hotline' },
    ]);
  });

  it.each([
    ['a mobile', '+4915512345678'],
    ['a landline', '+441234567890'],
    ['a US number', MOBILE],
    ['a UK 03 number, charged as a landline', '+443012345678'],
  ])('lets a phone user forward to %s', (_what, number) => {
    const added = addForward(empty, { number, description: '' }, [], 'self', CALLS_OUT);
    expect(added.ok && added.value.charged).toBeUndefined();
    expect(added.ok).toBe(true);
  });
});

describe('removeForward', () => {
  const home = { number: '+14155550124', description: 'Home' };
  const mobile = { number: MOBILE, description: 'Mobile' };
  const current = {
    forwardNumbers: [mobile, home],
    routes: [apps, forwardRoute(MOBILE), forwardRoute(home.number)],
  };

  it('removes the number and its route, however the number is spaced', () => {
    expect(removeForward(current, '+1 415 555 0123', { action: 'voicemail', greetingId: null })).toEqual({
      ok: true,
      value: { forwardNumbers: [home], routes: [apps, forwardRoute(home.number)], removed: mobile },
    });
  });

  it('refuses a number that is not a forward number, listing the ones there are', () => {
    expect(removeForward(current, '+14155550199', { action: 'disconnect' })).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_NOT_FOUND', number: '+14155550199', numbers: [MOBILE, home.number] },
    });
  });

  it('refuses a number that is not a number at all', () => {
    expect(removeForward(current, '(415) 555-0123', { action: 'disconnect' })).toMatchObject({
      ok: false,
      error: { code: 'NUMBER_INVALID', reason: 'not_e164' },
    });
  });

  it('refuses the last forward number while closed hours forward, and allows it otherwise', () => {
    const last = { forwardNumbers: [mobile], routes: [apps, forwardRoute(MOBILE)] };
    expect(removeForward(last, MOBILE, { action: 'forward' })).toEqual({
      ok: false,
      error: { code: 'FORWARD_NUMBER_NEEDED', number: MOBILE },
    });
    expect(removeForward(current, MOBILE, { action: 'forward' }).ok).toBe(true);
    expect(removeForward(last, MOBILE, { action: 'message', audioId: null }).ok).toBe(true);
  });
});

describe('validRingSeconds', () => {
  it.each([10, 15, 20, 55, 60])('accepts %d seconds', (seconds) => {
    expect(validRingSeconds(seconds)).toBe(true);
  });

  it.each([0, 5, 9, 12, 65, 20.5, Number.NaN])('refuses %d seconds', (seconds) => {
    expect(validRingSeconds(seconds)).toBe(false);
  });
});

describe('validateRouting', () => {
  const owned = { deskPhoneMacs: [MAC_A], forwardNumbers: [MOBILE] };

  it('accepts both ring modes with the apps, own desk phones and own forward numbers in any order', () => {
    const routes = [forwardRoute(MOBILE, 10), { ...apps, enabled: false }, desk(MAC_A, 60)];
    expect(validateRouting({ ringMode: 'sequential', routes }, owned)).toEqual({
      ok: true,
      value: { ringMode: 'sequential', routes },
    });
    expect(validateRouting({ ringMode: 'simultaneous', routes: [apps] }, owned).ok).toBe(true);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    [
      'an unknown ring mode',
      { ringMode: 'random', routes: [apps] },
      { problem: 'ring_mode', value: 'random' },
    ],
    ['no apps route', { ringMode: 'sequential', routes: [desk(MAC_A)] }, { problem: 'apps', value: '0' }],
    ['two apps routes', { ringMode: 'sequential', routes: [apps, apps] }, { problem: 'apps', value: '2' }],
    [
      'a ring time off the 5 s steps',
      { ringMode: 'sequential', routes: [{ ...apps, ringSeconds: 12 }] },
      { problem: 'ring_seconds', route: 'apps', value: '12' },
    ],
    [
      'a ring time over 60 s',
      { ringMode: 'sequential', routes: [apps, forwardRoute(MOBILE, 65)] },
      { problem: 'ring_seconds', route: `forward ${MOBILE}`, value: '65' },
    ],
    [
      'a ring time under 10 s',
      { ringMode: 'simultaneous', routes: [{ ...apps, ringSeconds: 5 }] },
      { problem: 'ring_seconds', route: 'apps', value: '5' },
    ],
    [
      'a desk phone the user does not have',
      { ringMode: 'sequential', routes: [apps, desk(MAC_B)] },
      { problem: 'desk_phone', route: `desk phone ${MAC_B}`, value: MAC_B },
    ],
    [
      'a number that is not one of their forward numbers',
      { ringMode: 'sequential', routes: [apps, forwardRoute('+14155550199')] },
      { problem: 'forward', route: 'forward +14155550199', value: '+14155550199' },
    ],
    [
      'the same desk phone twice',
      { ringMode: 'sequential', routes: [apps, desk(MAC_A), desk(MAC_A, 30)] },
      { problem: 'duplicate', route: `desk phone ${MAC_A}` },
    ],
    [
      'every route off',
      { ringMode: 'simultaneous', routes: [{ ...apps, enabled: false }] },
      { problem: 'none_enabled' },
    ],
    [
      'a route of an unknown kind',
      { ringMode: 'sequential', routes: [{ kind: 'pager' }] },
      { problem: 'shape', value: 'routes.0.kind' },
    ],
    ['no routes field', { ringMode: 'sequential' }, { problem: 'shape', value: 'routes' }],
  ])('refuses %s', (_, doc, expected) => {
    const result = validateRouting(doc, owned);
    expect(result).toEqual({ ok: false, error: { code: 'ROUTES_INVALID', ...expected } });
  });
});

describe('sameRouting', () => {
  it('tells apart order, ring mode, ring time and on/off', () => {
    const routing = { ringMode: 'sequential' as const, routes: [apps, desk(MAC_A)] };
    expect(sameRouting(routing, { ...routing, routes: [{ ...apps }, desk(MAC_A)] })).toBe(true);
    expect(sameRouting(routing, { ...routing, routes: [desk(MAC_A), apps] })).toBe(false);
    expect(sameRouting(routing, { ...routing, ringMode: 'simultaneous' })).toBe(false);
    expect(sameRouting(routing, { ...routing, routes: [apps, desk(MAC_A, 25)] })).toBe(false);
    expect(sameRouting(routing, { ...routing, routes: [apps, { ...desk(MAC_A), enabled: false }] })).toBe(
      false,
    );
    expect(sameRouting(routing, { ...routing, routes: [apps] })).toBe(false);
  });
});
