import { z } from 'zod';
import type { DomainError } from './errors.ts';
import { type ChargedKind, chargedKind, normalizeE164 } from './phone-numbers.ts';
import { err, ok, type Result } from './result.ts';
import {
  type ClosedHoursAction,
  type ForwardNumber,
  MAX_FORWARD_NUMBERS,
  RING_SECONDS,
  type RingMode,
  type Route,
} from './settings.ts';

export const MAX_FORWARD_DESCRIPTION = 64;

/**
 * Adds a route for a newly added desk phone, enabled and ringing for the default time, after the existing routes
 * (so sequential mode rings it last). A phone that already has a route keeps it as it is.
 */
export function withDeskPhoneRoute(routes: readonly Route[], mac: string): Route[] {
  if (routes.some((route) => route.kind === 'desk_phone' && route.mac === mac)) return [...routes];
  return [...routes, { kind: 'desk_phone', mac, enabled: true, ringSeconds: RING_SECONDS.default }];
}

/** Drops the route of a desk phone that is being removed; the other routes keep their order. */
export function withoutDeskPhoneRoute(routes: readonly Route[], mac: string): Route[] {
  return routes.filter((route) => !(route.kind === 'desk_phone' && route.mac === mac));
}

/**
 * A forward number as typed: the number in E.164 (`+1 415 555 0100`), or in the national format of `country`
 * (`(415) 555-0100` in the US) and a description of at most 64 printable characters, which may be empty.
 */
export function readForwardNumber(
  number: string,
  description: string,
  country?: string,
): Result<ForwardNumber> {
  const normalized = normalizeE164(number, country);
  if (!normalized.ok) return err(normalized.error);
  const trimmed = description.trim().replace(/ +/g, ' ');
  if (Array.from(trimmed).length > MAX_FORWARD_DESCRIPTION || /\p{C}/u.test(trimmed)) {
    return err({ code: 'FORWARD_DESCRIPTION_INVALID', input: description, max: MAX_FORWARD_DESCRIPTION });
  }
  return ok({ number: normalized.number, description: trimmed });
}

type CallHandling = { forwardNumbers: ForwardNumber[]; routes: Route[] };

/** What the line can reach: whether it holds a calling plan, and whether the number added is the account's own. */
export type Outbound = { hasCallingPlan: boolean; accountNumber: boolean };

/**
 * Adds a forward number and a route to it (enabled, 20 s, rung last in sequential mode). At most 10 numbers, each
 * once, and none of the user's own direct numbers: forwarding to one would ring the same line again. A number
 * charged above an ordinary call (premium-rate, shared-cost, personal) costs the account for every call
 * forwarded there, so a phone user may not add one for themselves; an admin may (a paid hotline, an answering
 * service), and `charged` says what it is so the confirmation can say so. A number outside the account is
 * reached by an outbound call, which needs a calling plan.
 */
export function addForward(
  current: CallHandling,
  added: ForwardNumber,
  ownNumbers: readonly string[],
  by: 'admin' | 'self',
  outbound: Outbound,
): Result<CallHandling & { charged: ChargedKind | undefined }> {
  if (ownNumbers.includes(added.number)) return err({ code: 'FORWARD_NUMBER_OWN', number: added.number });
  const charged = chargedKind(added.number);
  if (charged && by === 'self')
    return err({ code: 'FORWARD_NUMBER_CHARGED', number: added.number, kind: charged });
  if (current.forwardNumbers.some((forward) => forward.number === added.number)) {
    return err({ code: 'FORWARD_NUMBER_EXISTS', number: added.number });
  }
  if (current.forwardNumbers.length >= MAX_FORWARD_NUMBERS) {
    return err({ code: 'FORWARD_NUMBER_LIMIT', max: MAX_FORWARD_NUMBERS });
  }
  if (!outbound.accountNumber && !outbound.hasCallingPlan) {
    return err({ code: 'FORWARD_NEEDS_PLAN', number: added.number, by });
  }
  const hasRoute = current.routes.some((route) => route.kind === 'forward' && route.number === added.number);
  return ok({
    charged,
    forwardNumbers: [...current.forwardNumbers, added],
    routes: hasRoute
      ? current.routes
      : [
          ...current.routes,
          { kind: 'forward', number: added.number, enabled: true, ringSeconds: RING_SECONDS.default },
        ],
  });
}

/**
 * Removes a forward number and its route. The last one cannot go while closed hours forward calls to the forward
 * numbers: calls out of hours would have nowhere to go.
 */
export function removeForward(
  current: CallHandling,
  number: string,
  closedHours: ClosedHoursAction,
  country?: string,
): Result<CallHandling & { removed: ForwardNumber }> {
  const normalized = normalizeE164(number, country);
  if (!normalized.ok) return err(normalized.error);
  const wanted = normalized.number;
  const removed = current.forwardNumbers.find((forward) => forward.number === wanted);
  if (!removed) {
    return err({
      code: 'FORWARD_NUMBER_NOT_FOUND',
      number: wanted,
      numbers: current.forwardNumbers.map((forward) => forward.number),
    });
  }
  if (current.forwardNumbers.length === 1 && closedHours.action === 'forward') {
    return err({ code: 'FORWARD_NUMBER_NEEDED', number: wanted });
  }
  return ok({
    forwardNumbers: current.forwardNumbers.filter((forward) => forward !== removed),
    routes: current.routes.filter((route) => !(route.kind === 'forward' && route.number === wanted)),
    removed,
  });
}

const routeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('apps'), enabled: z.boolean(), ringSeconds: z.number() }),
  z.strictObject({
    kind: z.literal('desk_phone'),
    mac: z.string(),
    enabled: z.boolean(),
    ringSeconds: z.number(),
  }),
  z.strictObject({
    kind: z.literal('forward'),
    number: z.string(),
    enabled: z.boolean(),
    ringSeconds: z.number(),
  }),
]);
const routingSchema = z.strictObject({
  ringMode: z.string(),
  routes: z.array(routeSchema),
});

export type Routing = { ringMode: RingMode; routes: Route[] };

/** What a route rings, as errors name it: `apps`, `desk phone 001A2B3C4D5E`, `forward +14155550100`. */
export function routeName(route: Route): string {
  if (route.kind === 'apps') return 'apps';
  if (route.kind === 'desk_phone') return `desk phone ${route.mac}`;
  return `forward ${route.number}`;
}

const routesError = (
  problem: Extract<DomainError, { code: 'ROUTES_INVALID' }>['problem'],
  detail: { route?: string; value?: string } = {},
) => err({ code: 'ROUTES_INVALID', problem, ...detail });

/**
 * Checks ring mode and routes as a whole (a form submits them together): the apps exactly once, only the user's
 * own desk phones and forward numbers, each at most once, at least one route on, and ring times of 10 to 60 s in
 * steps of 5.
 */
export function validateRouting(
  doc: unknown,
  owned: { deskPhoneMacs: readonly string[]; forwardNumbers: readonly string[] },
): Result<Routing> {
  const parsed = routingSchema.safeParse(doc);
  if (!parsed.success) return routesError('shape', { value: parsed.error.issues[0]?.path.join('.') ?? '' });
  const { ringMode, routes } = parsed.data;
  if (ringMode !== 'simultaneous' && ringMode !== 'sequential')
    return routesError('ring_mode', { value: ringMode });
  const apps = routes.filter((route) => route.kind === 'apps').length;
  if (apps !== 1) return routesError('apps', { value: String(apps) });
  const seen = new Set<string>();
  for (const route of routes) {
    const name = routeName(route);
    if (route.kind === 'desk_phone' && !owned.deskPhoneMacs.includes(route.mac)) {
      return routesError('desk_phone', { route: name, value: route.mac });
    }
    if (route.kind === 'forward' && !owned.forwardNumbers.includes(route.number)) {
      return routesError('forward', { route: name, value: route.number });
    }
    if (seen.has(name)) return routesError('duplicate', { route: name });
    seen.add(name);
    if (!validRingSeconds(route.ringSeconds)) {
      return routesError('ring_seconds', { route: name, value: String(route.ringSeconds) });
    }
  }
  if (!routes.some((route) => route.enabled)) return routesError('none_enabled');
  return ok({ ringMode, routes });
}

export function validRingSeconds(seconds: number): boolean {
  return (
    Number.isInteger(seconds) &&
    seconds >= RING_SECONDS.min &&
    seconds <= RING_SECONDS.max &&
    (seconds - RING_SECONDS.min) % RING_SECONDS.step === 0
  );
}

/** Whether two routings ring the same routes, in the same order, the same way. */
export function sameRouting(a: Routing, b: Routing): boolean {
  return (
    a.ringMode === b.ringMode &&
    a.routes.length === b.routes.length &&
    a.routes.every((route, index) => {
      const other = b.routes[index];
      return (
        other !== undefined &&
        routeName(route) === routeName(other) &&
        route.enabled === other.enabled &&
        route.ringSeconds === other.ringSeconds
      );
    })
  );
}
