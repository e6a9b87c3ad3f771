import type { BlockedEntry } from './blocked.ts';
import {
  type BusinessHours,
  type ClosedHoursAction,
  type ForwardNumber,
  type RingMode,
  type Route,
  type UnansweredAction,
  WEEKDAYS,
} from './settings.ts';
import { knownTimeZone } from './time-zone.ts';
import { type LocalTime, localTimeAt, minutesOf } from './zoned-time.ts';

/**
 * How a call to a phone user is routed: the one model that `/phone route` explains and the SIP server's routing
 * functions implement over the same tables. The order of the decisions and the SIP response of each are the
 * contract between the two: a case decided differently here and there is a bug in one of them.
 */

/** The phone user called, as the routing reads them. */
export type RoutingCallee = {
  extension: string;
  active: boolean;
  /** The person's IANA zone; none (or one this runtime does not know) reads the hours as UTC. */
  timeZone: string | null | undefined;
  businessHours: BusinessHours;
  closedHours: ClosedHoursAction;
  ringMode: RingMode;
  routes: readonly Route[];
  forwardNumbers: readonly ForwardNumber[];
  unanswered: UnansweredAction;
  deskPhones: readonly { mac: string; model: string }[];
  /** The people who answer this user's calls, in the order the card lists them. */
  assistants: readonly { extension: string; name: string; active: boolean }[];
  blocked: readonly BlockedEntry[];
};

/** A caller who is a phone user of the account. */
export type CallerLine = { extension: string; name: string; active: boolean };

/**
 * Who calls: nobody in particular (an outside caller whose number does not matter), an E.164 number (with the
 * phone user it belongs to, when it is one of the account's direct numbers), or an extension of the account.
 */
export type RoutingCaller =
  | { kind: 'anyone' }
  | { kind: 'number'; number: string; line: CallerLine | undefined }
  | { kind: 'extension'; extension: string; line: CallerLine | undefined };

/** The callee is undefined when no phone user has the extension or number called. */
export type RoutingInput = { callee: RoutingCallee | undefined; caller: RoutingCaller };

/** Something a ring step rings. */
export type RingTarget =
  | { kind: 'apps'; extension: string }
  | { kind: 'desk_phone'; mac: string; model: string | undefined }
  | { kind: 'forward'; number: string; description: string }
  | { kind: 'assistant'; extension: string; name: string };

export type RingStep = { targets: RingTarget[]; seconds: number };

export type Unanswered =
  | { kind: 'voicemail'; greetingId: number | null }
  | { kind: 'disconnect'; sipCode: 480 };

export type ClosedAction =
  | { kind: 'voicemail'; greetingId: number | null }
  | { kind: 'message'; audioId: number | null }
  | { kind: 'forward'; number: string; description: string }
  /**
   * `noForwardNumber`: the closed hours forward, but the user has no forward number left (a setting written
   * around the rule that keeps one), so there is nowhere to send the call.
   */
  | { kind: 'disconnect'; sipCode: 480; noForwardNumber?: true };

export type RefusalReason = 'unknown' | 'caller_deactivated' | 'deactivated' | 'blocked';

export type CallPlan =
  | { kind: 'refused'; reason: 'unknown'; sipCode: 404 }
  | { kind: 'refused'; reason: 'caller_deactivated'; sipCode: 403 }
  | { kind: 'refused'; reason: 'deactivated'; sipCode: 480 }
  | { kind: 'refused'; reason: 'blocked'; sipCode: 403; entry: BlockedEntry }
  | { kind: 'closed'; action: ClosedAction; at: LocalTime }
  | { kind: 'ring'; steps: RingStep[]; unanswered: Unanswered; at: LocalTime };

/** The plan for a call placed at `instant`: the first decision of the contract that applies wins. */
export function routeCall(input: RoutingInput, instant: Date): CallPlan {
  const { callee, caller } = input;
  if (!callee) return { kind: 'refused', reason: 'unknown', sipCode: 404 };
  if (caller.kind !== 'anyone' && caller.line && !caller.line.active) {
    return { kind: 'refused', reason: 'caller_deactivated', sipCode: 403 };
  }
  if (!callee.active) return { kind: 'refused', reason: 'deactivated', sipCode: 480 };
  const entry = caller.kind === 'number' ? blockingEntry(callee.blocked, caller.number) : undefined;
  if (entry) return { kind: 'refused', reason: 'blocked', sipCode: 403, entry };
  const at = localTimeAt(instant, zoneOf(callee));
  if (!isOpen(callee.businessHours, at)) return { kind: 'closed', action: closedAction(callee), at };
  return { kind: 'ring', steps: ringSteps(callee), unanswered: unansweredAction(callee.unanswered), at };
}

/** The zone the callee's hours are read in. */
export function zoneOf(callee: Pick<RoutingCallee, 'timeZone'>): string {
  return knownTimeZone(callee.timeZone) ?? 'UTC';
}

/**
 * The entry of a blocked list that refuses `number` (E.164): the number itself, else the longest prefix it starts
 * with (the most specific entry is the one an admin recognises as the reason). Prefixes compare digits, with or
 * without their `+`.
 */
export function blockingEntry(blocked: readonly BlockedEntry[], number: string): BlockedEntry | undefined {
  const exact = blocked.find((entry) => entry.kind === 'number' && entry.value === number);
  if (exact) return exact;
  const digits = number.replace('+', '');
  let best: BlockedEntry | undefined;
  for (const entry of blocked) {
    if (entry.kind !== 'prefix') continue;
    const prefix = entry.value.replace('+', '');
    if (prefix === '' || !digits.startsWith(prefix)) continue;
    if (!best || prefix.length > best.value.replace('+', '').length) best = entry;
  }
  return best;
}

/**
 * Whether the business hours are open at a local time. A day's interval whose end is not after its start runs to
 * that time the next day (a night shift), so a morning can be open through the day before's shift; `24:00` ends
 * at midnight.
 */
export function isOpen(hours: BusinessHours, at: Pick<LocalTime, 'day' | 'minutes'>): boolean {
  if (hours.kind === 'always') return true;
  const index = WEEKDAYS.indexOf(at.day);
  const today = hours.days[at.day];
  const yesterday = hours.days[WEEKDAYS[(index + 6) % 7] ?? 'sun'];
  if (today.type === '24h') return true;
  if (today.type === 'interval') {
    const from = minutesOf(today.from);
    const to = minutesOf(today.to);
    if (to > from ? at.minutes >= from && at.minutes < to : at.minutes >= from) return true;
  }
  if (yesterday.type === 'interval') {
    const from = minutesOf(yesterday.from);
    const to = minutesOf(yesterday.to);
    if (to <= from && at.minutes < to) return true;
  }
  return false;
}

function closedAction(callee: RoutingCallee): ClosedAction {
  const action = callee.closedHours;
  switch (action.action) {
    case 'voicemail':
      return { kind: 'voicemail', greetingId: action.greetingId };
    case 'message':
      return { kind: 'message', audioId: action.audioId };
    case 'disconnect':
      return { kind: 'disconnect', sipCode: 480 };
    case 'forward': {
      // The first forward number, as the card lists them: the closed-hours forward has no number of its own.
      const [first] = callee.forwardNumbers;
      if (!first) return { kind: 'disconnect', sipCode: 480, noForwardNumber: true };
      return { kind: 'forward', number: first.number, description: first.description };
    }
  }
}

function unansweredAction(action: UnansweredAction): Unanswered {
  return action.action === 'voicemail'
    ? { kind: 'voicemail', greetingId: action.greetingId }
    : { kind: 'disconnect', sipCode: 480 };
}

/**
 * Simultaneous: one step with every enabled route, for the longest ring time among them. Sequential: one step per
 * enabled route, in the user's order. Active assistants ring with the first step. No enabled route (a setting
 * written around the rule that keeps one on) leaves no step: the call goes straight to the unanswered action.
 */
export function ringSteps(callee: RoutingCallee): RingStep[] {
  const enabled = callee.routes.filter((route) => route.enabled);
  if (enabled.length === 0) return [];
  const steps: RingStep[] =
    callee.ringMode === 'simultaneous'
      ? [
          {
            targets: enabled.map((route) => targetOf(route, callee)),
            seconds: Math.max(...enabled.map((route) => route.ringSeconds)),
          },
        ]
      : enabled.map((route) => ({ targets: [targetOf(route, callee)], seconds: route.ringSeconds }));
  const assistants = callee.assistants
    .filter((assistant) => assistant.active)
    .map(
      (assistant): RingTarget => ({
        kind: 'assistant',
        extension: assistant.extension,
        name: assistant.name,
      }),
    );
  const [first] = steps;
  if (first) first.targets.push(...assistants);
  return steps;
}

function targetOf(route: Route, callee: RoutingCallee): RingTarget {
  switch (route.kind) {
    case 'apps':
      return { kind: 'apps', extension: callee.extension };
    case 'desk_phone':
      return {
        kind: 'desk_phone',
        mac: route.mac,
        model: callee.deskPhones.find((phone) => phone.mac === route.mac)?.model,
      };
    case 'forward':
      return {
        kind: 'forward',
        number: route.number,
        description:
          callee.forwardNumbers.find((forward) => forward.number === route.number)?.description ?? '',
      };
  }
}
