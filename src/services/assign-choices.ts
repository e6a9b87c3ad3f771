import { err, ok, type Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { assignSnapshot, freeNumbersFor } from '../store/assign-checks.ts';
import type { PhoneUserCard } from '../store/phone-users.ts';
import { planUsage } from '../store/plans.ts';
import { listSites } from '../store/sites.ts';
import { type Actor, catchDomain, type Deps, requireAdmin } from './context.ts';
import { findPhoneUser } from './find-phone-user.ts';

/** A plan the account owns, with how many are not held by anyone. */
export type OwnedPlan = { code: number; shortName: string; free: number };

/** At most this many options in one list: Slack's limit for a static select. */
const MAX_OPTIONS = 100;

async function ownedPlans(deps: Deps): Promise<OwnedPlan[]> {
  return (await planUsage(deps.db))
    .filter((plan) => plan.inventory > 0)
    .slice(0, MAX_OPTIONS)
    .map((plan) => ({
      code: plan.code,
      shortName: plan.shortName,
      free: Math.max(0, plan.inventory - plan.used),
    }));
}

export type AssignChoices = { sites: { id: number; name: string }[]; plans: OwnedPlan[] };

/** What the assign form offers an admin: the sites, and the plans the account owns with how many are free. */
export async function assignFormChoices(deps: Deps, actor: Actor): Promise<Result<AssignChoices>> {
  const allowed = await requireAdmin(deps, actor, 'assign');
  if (!allowed.ok) return allowed;
  const [sites, plans] = await Promise.all([listSites(deps.db), ownedPlans(deps)]);
  return ok({ sites: sites.slice(0, MAX_OPTIONS).map(({ id, name }) => ({ id, name })), plans });
}

export type AssignChoice = { slackUserIds: string[]; siteId: number; planCode: number | undefined };

/**
 * Whether the assignment chosen in the form would be refused for what the database alone can tell (people already
 * licensed, by their Slack ids; no license or none of the plan left; a site or plan gone). It looks nobody up in
 * Slack, so it answers within a form's acknowledgement; `assignLicenses` checks everything again when it runs.
 */
export async function checkAssignChoice(
  deps: Deps,
  actor: Actor,
  choice: AssignChoice,
): Promise<Result<{ site: string }>> {
  const allowed = await requireAdmin(deps, actor, 'assign');
  if (!allowed.ok) return allowed;
  const unique = [...new Set(choice.slackUserIds)];
  const seen = await assignSnapshot(deps.db, unique, choice.siteId, choice.planCode);
  if (seen.site === undefined) return err({ code: 'SITE_NOT_FOUND', input: `#${choice.siteId}`, known: [] });
  if (choice.planCode !== undefined && !seen.plan) {
    return err({ code: 'PLAN_NOT_FOUND', input: String(choice.planCode), known: [] });
  }
  if (seen.licensed.length > 0) return err({ code: 'ALREADY_PHONE_USER', users: seen.licensed });
  if (seen.plan && seen.plan.used + unique.length > seen.plan.inventory) {
    const { shortName: plan, used, inventory } = seen.plan;
    return err({ code: 'PLAN_NONE_LEFT', plan, used, inventory, requested: unique.length });
  }
  if (seen.licensesUsed + unique.length > seen.licensesTotal) {
    const { licensesUsed: used, licensesTotal: total } = seen;
    return err({ code: 'NO_LICENSE_LEFT', used, total, requested: unique.length });
  }
  return ok({ site: seen.site });
}

/** The card's "Assign calling plan": the phone user, and the plans the account owns with how many are free. */
export async function planChoices(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
): Promise<Result<{ card: PhoneUserCard; plans: OwnedPlan[] }>> {
  const allowed = await requireAdmin(deps, actor, 'plan add');
  if (!allowed.ok) return allowed;
  const card = await catchDomain(() => findPhoneUser(deps.db, ref));
  if (!card.ok) return card;
  return ok({ card: card.value, plans: await ownedPlans(deps) });
}

/** The card's "Assign number": the phone user, and the free numbers they may get (their site's first). */
export async function numberChoices(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
): Promise<Result<{ card: PhoneUserCard; numbers: string[] }>> {
  const allowed = await requireAdmin(deps, actor, 'number add');
  if (!allowed.ok) return allowed;
  const card = await catchDomain(() => findPhoneUser(deps.db, ref));
  if (!card.ok) return card;
  // One option is "any free number": the rest of Slack's 100.
  return ok({ card: card.value, numbers: await freeNumbersFor(deps.db, card.value.siteId, MAX_OPTIONS - 1) });
}
