import { type CallPlan, type RoutingCaller, routeCall, zoneOf } from '../domain/call-routing.ts';
import type { DomainError } from '../domain/errors.ts';
import { normalizeE164 } from '../domain/phone-numbers.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { WEEKDAYS, type Weekday } from '../domain/settings.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { nextLocalMoment } from '../domain/zoned-time.ts';
import {
  type CalleeKey,
  type CallerKey,
  type RoutingCalleeRead,
  type RoutingRead,
  readCallRouting,
} from '../store/call-routing.ts';
import { personOf } from '../store/phone-users.ts';
import { type Actor, type Deps, refuseAsNonAdmin } from './context.ts';
import { personOfRef } from './find-phone-user.ts';
import { FALLBACK_COUNTRY } from './typed-numbers.ts';

/** Whom the call is to: a person, or an extension or direct number as dialled (`raw` as typed). */
export type CalleeAsked = UserRef | { kind: 'number'; number: string; raw: string };

/** When: now, or the next time the callee's clock shows a time (on a given day, or on any). */
export type WhenAsked = { kind: 'now' } | { kind: 'at'; day: Weekday | undefined; minutes: number };

export type RouteQuestion = { callee: CalleeAsked; from: string | undefined; when: WhenAsked };

export type RouteAnswer = {
  plan: CallPlan;
  /** Undefined when nobody has the extension or number called (the plan is then `unknown`). */
  callee: RoutingCalleeRead | undefined;
  /** What was called, as typed: named in the answer when nobody has it. */
  called: string;
  caller: RoutingCaller;
  instant: Date;
  when: WhenAsked;
  /** The zone the hours were read in. */
  zone: string;
};

/**
 * `/phone route`: how a call to a phone user would be routed, from whom and when, by the same model the SIP
 * server follows. An admin may ask about anyone; a phone user about their own line. An extension or number that
 * nobody has is an answer too (the call is refused), but only an admin hears it.
 */
export async function explainRoute(
  deps: Deps,
  actor: Actor,
  question: RouteQuestion,
): Promise<Result<RouteAnswer>> {
  const calleeKey = calleeKeyOf(question.callee, deps);
  if (!calleeKey.ok) return calleeKey;
  // A number typed without + is read in the country of the callee's site, known once the callee is read: only
  // then is the caller read (a second statement, for that case alone).
  const typed = question.from === undefined ? undefined : typedFrom(question.from);
  const early = typed?.kind === 'key' ? typed.key : undefined;
  let read = await readCallRouting(deps.db, calleeKey.value, early ?? { by: 'anyone' }, actor.slackUserId);
  const own = read.callee !== undefined && read.callee.person.slackUserId === actor.slackUserId;
  if (!read.viewerIsAdmin && !own) return refuseAsNonAdmin(deps, actor, 'route');
  if (!read.callee) {
    const missing = missingCallee(question.callee, read);
    if (missing) return err(missing);
  }
  let callerKey: CallerKey = early ?? { by: 'anyone' };
  if (typed?.kind === 'invalid') return err(typed.error);
  if (typed?.kind === 'national') {
    const country = read.callee?.siteCountry ?? deps.defaultCountry ?? FALLBACK_COUNTRY;
    const number = normalizeE164(typed.input, country);
    if (!number.ok) return err(fromInvalid(typed.input, number.error));
    callerKey = { by: 'number', number: number.number };
    read = await readCallRouting(deps.db, calleeKey.value, callerKey, actor.slackUserId);
  }
  if (callerKey.by === 'extension' && !read.caller) {
    return err({ code: 'ROUTE_FROM_INVALID', input: question.from ?? '', problem: { kind: 'no_extension' } });
  }
  const zone = read.callee ? zoneOf(read.callee) : 'UTC';
  const now = deps.clock.now();
  const instant = momentOf(question.when, zone, now);
  const routingCaller = routingCallerOf(callerKey, read);
  return ok({
    plan: routeCall({ callee: read.callee, caller: routingCaller }, instant),
    callee: read.callee,
    called: calleeKey.value.by === 'number' ? calleeKey.value.number : question.callee.raw,
    caller: routingCaller,
    instant,
    when: question.when,
    zone,
  });
}

/** What a call from outside would do right now: the line the settings form shows. */
export async function routeNow(deps: Deps, directoryUserId: number): Promise<RouteAnswer | undefined> {
  const read = await readCallRouting(deps.db, { by: 'directory', id: directoryUserId }, { by: 'anyone' }, '');
  if (!read.callee) return undefined;
  const instant = deps.clock.now();
  const caller: RoutingCaller = { kind: 'anyone' };
  return {
    plan: routeCall({ callee: read.callee, caller }, instant),
    callee: read.callee,
    called: read.callee.extension,
    caller,
    instant,
    when: { kind: 'now' },
    zone: zoneOf(read.callee),
  };
}

function momentOf(when: WhenAsked, zone: string, now: Date): Date {
  if (when.kind === 'now') return now;
  const days = when.day ? [when.day] : WEEKDAYS;
  const moments = days.map((day) => nextLocalMoment(day, when.minutes, zone, now).getTime());
  return new Date(Math.min(...moments));
}

function calleeKeyOf(callee: CalleeAsked, deps: Deps): Result<CalleeKey> {
  switch (callee.kind) {
    case 'extension':
      return ok({ by: 'extension', extension: callee.extension });
    case 'slack':
      return ok({ by: 'slack', slackUserId: callee.id });
    case 'email':
      return ok({ by: 'email', email: callee.email });
    case 'directory':
      return ok({ by: 'directory', id: callee.id });
    case 'number': {
      const number = normalizeE164(callee.number, deps.defaultCountry ?? FALLBACK_COUNTRY);
      return number.ok ? ok({ by: 'number', number: number.number }) : err(number.error);
    }
  }
}

const EXTENSION = /^\d{2,7}$/;

type TypedFrom =
  | { kind: 'key'; key: CallerKey }
  | { kind: 'national'; input: string }
  | { kind: 'invalid'; error: DomainError };

/** `from:` as typed: digits shaped like an extension are one; anything else is a number. */
function typedFrom(from: string): TypedFrom {
  const compact = from.trim();
  if (EXTENSION.test(compact)) return { kind: 'key', key: { by: 'extension', extension: compact } };
  if (!compact.startsWith('+')) return { kind: 'national', input: compact };
  const number = normalizeE164(compact);
  if (!number.ok) return { kind: 'invalid', error: fromInvalid(from, number.error) };
  return { kind: 'key', key: { by: 'number', number: number.number } };
}

const fromInvalid = (
  input: string,
  error: Extract<DomainError, { code: 'NUMBER_INVALID' }>,
): DomainError => ({
  code: 'ROUTE_FROM_INVALID',
  input,
  problem: { kind: 'number', error },
});

function routingCallerOf(key: CallerKey, read: RoutingRead): RoutingCaller {
  const line = read.caller
    ? { extension: read.caller.extension, name: read.caller.name, active: read.caller.active }
    : undefined;
  switch (key.by) {
    case 'anyone':
      return { kind: 'anyone' };
    case 'extension':
      return { kind: 'extension', extension: key.extension, line };
    case 'number':
      return { kind: 'number', number: key.number, line };
  }
}

/**
 * A person named who has no line cannot be called: that is a refusal of the question. An extension or number
 * nobody has can be dialled, and the plan says what happens (404).
 */
function missingCallee(callee: CalleeAsked, read: RoutingRead): DomainError | undefined {
  if (callee.kind === 'extension' || callee.kind === 'number') return undefined;
  if (read.person) return { code: 'NOT_A_PHONE_USER', user: personOf(read.person) };
  if (callee.kind === 'directory') return { code: 'USER_NOT_FOUND', input: callee.raw };
  return { code: 'NOT_A_PHONE_USER', user: personOfRef(callee) };
}
