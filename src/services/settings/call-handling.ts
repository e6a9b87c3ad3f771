import {
  addForward,
  type Routing,
  readForwardNumber,
  removeForward,
  sameRouting,
  validateRouting,
} from '../../domain/call-handling.ts';
import type { ChargedKind } from '../../domain/phone-numbers.ts';
import type { Result } from '../../domain/result.ts';
import type { ForwardNumber } from '../../domain/settings.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { accountNumbersAmong } from '../../store/numbers.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import type { PhoneUserSettings } from '../../store/settings.ts';
import { deskPhonesOf } from '../../store/user-details.ts';
import { type Actor, type Deps, fail, namingAdmins } from '../context.ts';
import { countryOf } from '../typed-numbers.ts';
import { applySettings, runSettingsChange } from './core.ts';

export type ForwardChange = {
  card: PhoneUserCard;
  settings: PhoneUserSettings;
  forward: ForwardNumber;
  /** Set when an admin added a number charged above an ordinary call: the confirmation says so. */
  charged?: ChargedKind | undefined;
};
export type RoutingChange = {
  card: PhoneUserCard;
  before: Routing;
  settings: PhoneUserSettings;
  /** False when the user already had exactly this routing: nothing was written or audited. */
  changed: boolean;
};

/**
 * Adds a number calls may be forwarded to (a mobile, a home line), with a route to it: on, ringing 20 s, last in
 * the order. Self-service: a phone user may add their own, except a number charged above an ordinary call, which
 * only an admin may add. A number outside the account's inventory needs a calling plan (an outbound call).
 */
export function addForwardNumber(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  number: string,
  description: string,
): Promise<Result<ForwardChange>> {
  const added = runSettingsChange(
    deps,
    actor,
    ref,
    'call handling',
    'forward add',
    async (tx, rec, target) => {
      const national = !number.trim().startsWith('+');
      const country = national ? await countryOf(deps, tx, target.card.siteId) : undefined;
      const forward = readForwardNumber(number, description, country);
      if (!forward.ok) fail(forward.error);
      const { forwardNumbers, routes } = target.settings;
      const by = target.byAdmin ? 'admin' : 'self';
      const accountNumber = (await accountNumbersAmong(tx, [forward.value.number])).size > 0;
      const outbound = { hasCallingPlan: target.card.plans.length > 0, accountNumber };
      const next = addForward({ forwardNumbers, routes }, forward.value, target.card.numbers, by, outbound);
      if (!next.ok) fail(next.error);
      const { charged, ...patch } = next.value;
      const settings = await applySettings(tx, rec, target, 'forward_number.added', patch);
      return { card: target.card, settings, forward: forward.value, charged };
    },
  );
  return added.then((result) => namingAdmins(deps, result));
}

/**
 * Removes a forward number and its route. The last one stays while closed hours forward to the forward numbers.
 */
export function removeForwardNumber(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  number: string,
): Promise<Result<ForwardChange>> {
  return runSettingsChange(deps, actor, ref, 'call handling', 'forward remove', async (tx, rec, target) => {
    const { forwardNumbers, routes, closedHours } = target.settings;
    const national = !number.trim().startsWith('+');
    const country = national ? await countryOf(deps, tx, target.card.siteId) : undefined;
    const next = removeForward({ forwardNumbers, routes }, number, closedHours, country);
    if (!next.ok) fail(next.error);
    const { removed, ...patch } = next.value;
    const settings = await applySettings(tx, rec, target, 'forward_number.removed', patch);
    return { card: target.card, settings, forward: removed };
  });
}

/**
 * Sets the ring mode and the routes together, checked whole against the user's desk phones and forward numbers
 * (a form submits both at once).
 */
export function setRouting(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  routing: Routing,
): Promise<Result<RoutingChange>> {
  return runSettingsChange(deps, actor, ref, 'call handling', 'settings', async (tx, rec, target) => {
    const phones = await deskPhonesOf(tx, target.card.phoneUserId);
    const valid = validateRouting(routing, {
      deskPhoneMacs: phones.map((phone) => phone.mac),
      forwardNumbers: target.settings.forwardNumbers.map((forward) => forward.number),
    });
    if (!valid.ok) fail(valid.error);
    const before = { ringMode: target.settings.ringMode, routes: target.settings.routes };
    if (sameRouting(before, valid.value)) {
      return { card: target.card, before, settings: target.settings, changed: false };
    }
    const settings = await applySettings(tx, rec, target, 'routing.changed', valid.value);
    return { card: target.card, before, settings, changed: true };
  });
}
