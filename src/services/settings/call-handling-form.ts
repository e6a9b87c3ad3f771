import { type Routing, sameRouting, validateRouting } from '../../domain/call-handling.ts';
import type { Result } from '../../domain/result.ts';
import type { SettingProblem } from '../../domain/setting-problems.ts';
import type { ClosedHoursAction, UnansweredAction } from '../../domain/settings.ts';
import { checkClosed, checkUnanswered } from '../../domain/settings-values.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import type { PhoneUserSettings } from '../../store/settings.ts';
import { type DeskPhone, deskPhonesOf } from '../../store/user-details.ts';
import { type Actor, type Deps, fail } from '../context.ts';
import { applySettings, runSettingsChange } from './core.ts';

/** Everything the call-handling form submits at once: ring mode and routes, unanswered calls, closed hours. */
export type CallHandlingInput = {
  routing: Routing;
  /** As `/phone set` takes them: `voicemail` or `disconnect`. */
  unanswered: string;
  /** As `/phone set` takes them: `voicemail`, `message`, `disconnect` or `forward`. */
  closed: string;
};

export type CallHandlingField = 'ringMode' | 'routes' | 'unanswered' | 'closedHours';

export type CallHandlingChange = {
  card: PhoneUserCard;
  before: Routing;
  settings: PhoneUserSettings;
  deskPhones: DeskPhone[];
  /** What changed; empty when the user already had exactly this: nothing was written or audited. */
  changed: CallHandlingField[];
  routingChanged: boolean;
};

/**
 * Saves the whole call-handling form in one change: the routing is checked against the user's desk phones and
 * forward numbers, the unanswered and closed-hours choices by the same rules as `/phone set`; only when all of it
 * is good is it written, together, in one transaction and one audit row.
 */
export function saveCallHandling(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: CallHandlingInput,
): Promise<Result<CallHandlingChange>> {
  return runSettingsChange(deps, actor, ref, 'call handling', 'settings', async (tx, rec, target) => {
    const current = target.settings;
    const phones = await deskPhonesOf(tx, target.card.phoneUserId);
    const routing = validateRouting(input.routing, {
      deskPhoneMacs: phones.map((phone) => phone.mac),
      forwardNumbers: current.forwardNumbers.map((forward) => forward.number),
    });
    const unanswered = checkUnanswered(input.unanswered, current.unanswered);
    const closed = checkClosed(input.closed, current.closedHours, current.forwardNumbers.length);
    if (!unanswered.ok || !closed.ok) {
      const problems: SettingProblem[] = [unanswered, closed].flatMap((c) => (c.ok ? [] : [c.problem]));
      fail({ code: 'SETTINGS_INVALID', problems });
    }
    if (!routing.ok) fail(routing.error);
    const patch = changedPatch(current, routing.value, unanswered.value, closed.value);
    const changed = Object.keys(patch) as CallHandlingField[];
    const before = { ringMode: current.ringMode, routes: current.routes };
    const unchanged = { card: target.card, before, settings: current, deskPhones: phones };
    if (changed.length === 0) return { ...unchanged, changed, routingChanged: false };
    const settings = await applySettings(tx, rec, target, 'call_handling.changed', patch);
    return { ...unchanged, settings, changed, routingChanged: !sameRouting(before, routing.value) };
  });
}

function changedPatch(
  current: PhoneUserSettings,
  routing: Routing,
  unanswered: UnansweredAction,
  closedHours: ClosedHoursAction,
) {
  const next = { ringMode: routing.ringMode, routes: routing.routes, unanswered, closedHours };
  const patch: Partial<typeof next> = {};
  for (const field of Object.keys(next) as CallHandlingField[]) {
    if (JSON.stringify(current[field]) !== JSON.stringify(next[field])) {
      Object.assign(patch, { [field]: next[field] });
    }
  }
  return patch;
}
