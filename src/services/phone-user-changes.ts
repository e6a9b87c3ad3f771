import { MAX_NUMBERS_PER_USER, ofAnotherSite } from '../domain/phone-numbers.ts';
import type { Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import type { Transaction } from '../store/database.ts';
import {
  assignNumber,
  externalForwardsOf,
  findNumbers,
  type NumberRow,
  nextFreeNumber,
  releaseNumbers,
} from '../store/numbers.ts';
import {
  cardByDirectoryUser,
  type PhoneUserCard,
  personOf,
  personOfPhoneUser,
  updatePhoneUser,
} from '../store/phone-users.ts';
import { addUserPlans, removeUserPlans } from '../store/plans.ts';
import { findSiteById } from '../store/sites.ts';
import { type Actor, type Deps, fail, type Recorder, runChange } from './context.ts';
import { findPhoneUser } from './find-phone-user.ts';
import { resolvePlanForUse } from './licenses.ts';
import {
  checkRequestedExtension,
  extensionAtSite,
  extensionState,
  resolvePlan,
  resolveSite,
} from './site-rules.ts';
import { auditTarget, phoneUserSnapshot, userRef } from './snapshots.ts';
import { typedNumber } from './typed-numbers.ts';

/** A change to one phone user: the card before and after, and whatever else the reply should mention. */
export type UserChange<Extra = object> = { before: PhoneUserCard; after: PhoneUserCard } & Extra;

async function reload(tx: Transaction, card: PhoneUserCard): Promise<PhoneUserCard> {
  const after = await cardByDirectoryUser(tx, card.directoryUserId);
  if (!after) throw new Error(`phone user ${card.directoryUserId} vanished inside its own transaction`);
  return after;
}

function audit(rec: Recorder, action: string, before: PhoneUserCard, after: PhoneUserCard) {
  rec.audit({
    action,
    ...auditTarget(before),
    before: phoneUserSnapshot(before),
    after: phoneUserSnapshot(after),
  });
}

export async function changeExtension(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: string,
): Promise<Result<UserChange>> {
  return runChange(deps, actor, 'ext', async (tx, rec, account) => {
    const card = await findPhoneUser(tx, ref);
    const site = await findSiteById(tx, card.siteId);
    if (!site) throw new Error(`site ${card.siteId} is missing`);
    const rules = { siteCodes: account.siteCodesEnabled };
    const wanted = checkRequestedExtension(input, site, rules, await extensionState(tx), card.extension);
    if (wanted.full === card.extension) fail({ code: 'EXTENSION_UNCHANGED', extension: card.extension });
    await updatePhoneUser(
      tx,
      card.phoneUserId,
      { extension: wanted.full, shortExtension: wanted.short },
      rec.at,
    );
    const after = await reload(tx, card);
    audit(rec, 'extension.changed', card, after);
    rec.emit({
      kind: 'phone_user.extension_changed',
      user: userRef(card),
      from: card.extension,
      to: after.extension,
    });
    return { before: card, after };
  });
}

export async function addPlan(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  planInput: string,
): Promise<Result<UserChange>> {
  return runChange(deps, actor, 'plan add', async (tx, rec) => {
    const card = await findPhoneUser(tx, ref);
    const named = await resolvePlan(tx, planInput);
    if (card.plans.some((p) => p.code === named.code)) {
      fail({ code: 'PLAN_ALREADY_HELD', user: personOf(card), plan: named.shortName });
    }
    const plan = await resolvePlanForUse(tx, planInput, 1);
    await addUserPlans(tx, [{ phoneUserId: card.phoneUserId, planCode: plan.code, at: rec.at }]);
    const after = await reload(tx, card);
    audit(rec, 'plan.added', card, after);
    rec.emit({ kind: 'phone_user.plan_added', user: userRef(card), plan: plan.code });
    return { before: card, after };
  });
}

export type PlanRemoved = UserChange<{ removedPlans: string[]; releasedNumbers: string[] }>;

/** The plan removal done, or, when it would release direct numbers the admin has not confirmed, what it would do. */
export type PlanRemoval =
  | ({ kind: 'removed' } & PlanRemoved)
  | {
      kind: 'confirm';
      card: PhoneUserCard;
      removedPlans: string[];
      /** The codes of the plans it would remove. */
      planCodes: number[];
      /** The direct numbers the removal would release: the admin confirms these. */
      releasedNumbers: string[];
      /** Set when a confirmation was given for other numbers than these: the numbers changed since. */
      changed: boolean;
    };

/**
 * Removes one calling plan, or all of them when none is named. Numbers need a calling plan, so when the last plan
 * goes the user's numbers are released too: that happens only once the admin confirmed exactly those numbers
 * (`confirmed`); otherwise nothing changes and the result says what would be released, to ask first.
 */
export async function removePlan(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  planInput: string | undefined,
  confirmed?: readonly string[],
): Promise<Result<PlanRemoval>> {
  return runChange(deps, actor, 'plan remove', async (tx, rec): Promise<PlanRemoval> => {
    const card = await findPhoneUser(tx, ref);
    if (card.plans.length === 0) fail({ code: 'NO_PLANS_HELD', user: personOf(card) });
    let codes = card.plans.map((p) => p.code);
    if (planInput !== undefined) {
      const plan = await resolvePlan(tx, planInput);
      if (!codes.includes(plan.code))
        fail({ code: 'PLAN_NOT_HELD', user: personOf(card), plan: plan.shortName });
      codes = [plan.code];
    }
    const removedPlans = card.plans.filter((p) => codes.includes(p.code)).map((p) => p.shortName);
    const lastPlanGone = codes.length === card.plans.length;
    if (lastPlanGone) await keepPlanWhileForwardingOut(tx, card);
    const releasing = lastPlanGone ? [...card.numbers].sort() : [];
    if (releasing.length > 0 && !sameNumbers(releasing, confirmed)) {
      return {
        kind: 'confirm',
        card,
        removedPlans,
        planCodes: codes,
        releasedNumbers: releasing,
        changed: confirmed !== undefined,
      };
    }
    await removeUserPlans(tx, card.phoneUserId, codes);
    const releasedNumbers = lastPlanGone ? await releaseNumbers(tx, card.phoneUserId) : [];
    const after = await reload(tx, card);
    audit(rec, 'plan.removed', card, after);
    for (const code of codes) rec.emit({ kind: 'phone_user.plan_removed', user: userRef(card), plan: code });
    for (const number of releasedNumbers)
      rec.emit({ kind: 'phone_user.number_released', user: userRef(card), number });
    return { kind: 'removed', before: card, after, removedPlans, releasedNumbers };
  });
}

const sameNumbers = (numbers: readonly string[], confirmed: readonly string[] | undefined) =>
  confirmed !== undefined &&
  confirmed.length === numbers.length &&
  [...confirmed].sort().every((number, i) => number === numbers[i]);

/**
 * Forwarding outside the account is an outbound call: the last plan of someone who does stays, with the reason.
 * Refused rather than asked: going on would either drop their forward numbers (their own choice, made by them or
 * for them) or leave calls forwarded where the line cannot call.
 */
async function keepPlanWhileForwardingOut(tx: Transaction, card: PhoneUserCard) {
  const external = (await externalForwardsOf(tx, [card.phoneUserId])).get(card.phoneUserId) ?? [];
  if (external.length > 0) fail({ code: 'PLAN_NEEDED_FOR_FORWARD', user: personOf(card), numbers: external });
}

/** Gives a user a direct number: the one named, or the next free number of their site. */
export async function addNumber(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  numberInput: string | undefined,
): Promise<Result<UserChange<{ number: string }>>> {
  return runChange(deps, actor, 'number add', async (tx, rec) => {
    const card = await findPhoneUser(tx, ref);
    const person = personOf(card);
    if (card.plans.length === 0) fail({ code: 'NUMBER_NEEDS_PLAN', user: person });
    if (card.numbers.length >= MAX_NUMBERS_PER_USER)
      fail({ code: 'NUMBER_LIMIT', user: person, max: MAX_NUMBERS_PER_USER });
    let number: string;
    if (numberInput === undefined) {
      number = (await nextFreeNumber(tx, card.siteId)) ?? fail({ code: 'NO_FREE_NUMBER', site: card.site });
    } else {
      const normalized = await typedNumber(deps, tx, numberInput, card.siteId);
      if (!normalized.ok) return fail(normalized.error);
      number = normalized.number;
      const [row] = await findNumbers(tx, [number]);
      if (!row) fail({ code: 'NUMBER_NOT_IN_INVENTORY', number });
      if (row.isMain) fail({ code: 'NUMBER_IS_MAIN', number, action: 'assign' });
      if (row.phoneUserId !== null) {
        const holder =
          row.phoneUserId === card.phoneUserId ? person : await personOfPhoneUser(tx, row.phoneUserId);
        fail({ code: 'NUMBER_TAKEN', number, holder });
      }
      refuseOtherSite(row, card);
    }
    if (!(await assignNumber(tx, number, card.phoneUserId)))
      fail({ code: 'CONCURRENT_CHANGE', what: number });
    const after = await reload(tx, card);
    audit(rec, 'number.assigned', card, after);
    rec.emit({ kind: 'phone_user.number_assigned', user: userRef(card), number });
    return { before: card, after, number };
  });
}

/** A direct number comes from its user's site (see `ofAnotherSite`): refused with both sites named. */
export function refuseOtherSite(row: NumberRow, card: PhoneUserCard): void {
  if (ofAnotherSite(row, card.siteId)) {
    fail({
      code: 'NUMBER_OTHER_SITE',
      number: row.number,
      site: row.site ?? '',
      user: personOf(card),
      userSite: card.site,
    });
  }
}

/** Releases one direct number back to the inventory, or all of the user's numbers when none is named. */
export async function removeNumber(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  numberInput: string | undefined,
): Promise<Result<UserChange<{ releasedNumbers: string[] }>>> {
  return runChange(deps, actor, 'number remove', async (tx, rec) => {
    const card = await findPhoneUser(tx, ref);
    const person = personOf(card);
    if (card.numbers.length === 0) fail({ code: 'NO_NUMBERS_HELD', user: person });
    let only: string[] | undefined;
    if (numberInput !== undefined) {
      const normalized = await typedNumber(deps, tx, numberInput, card.siteId);
      if (!normalized.ok) return fail(normalized.error);
      if (!card.numbers.includes(normalized.number)) {
        fail({ code: 'NUMBER_NOT_HELD', user: person, number: normalized.number });
      }
      only = [normalized.number];
    }
    const releasedNumbers = await releaseNumbers(tx, card.phoneUserId, only);
    const after = await reload(tx, card);
    audit(rec, 'number.released', card, after);
    for (const number of releasedNumbers)
      rec.emit({ kind: 'phone_user.number_released', user: userRef(card), number });
    return { before: card, after, releasedNumbers };
  });
}

/** Activates or deactivates a phone user; a deactivated user keeps everything but cannot call or be called. */
export async function setStatus(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  status: 'active' | 'inactive',
): Promise<Result<UserChange>> {
  return runChange(deps, actor, status === 'active' ? 'activate' : 'deactivate', async (tx, rec) => {
    const card = await findPhoneUser(tx, ref);
    if (card.status === status) fail({ code: 'STATUS_UNCHANGED', user: personOf(card), status });
    await updatePhoneUser(tx, card.phoneUserId, { status }, rec.at);
    const after = await reload(tx, card);
    audit(rec, status === 'active' ? 'user.activated' : 'user.deactivated', card, after);
    rec.emit({ kind: 'phone_user.status_changed', user: userRef(card), status });
    return { before: card, after };
  });
}

/**
 * Moves a user to another site. With site codes on, the extension is dialled with the new site's code: the short
 * extension is kept when that full number is free, otherwise the next free one of the new site is given and the
 * reply says so.
 */
export async function moveSite(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  siteInput: string,
): Promise<Result<UserChange<{ extensionChanged: boolean }>>> {
  return runChange(deps, actor, 'move', async (tx, rec, account) => {
    const card = await findPhoneUser(tx, ref);
    const site = await resolveSite(tx, siteInput);
    if (site.id === card.siteId) fail({ code: 'SAME_SITE', user: personOf(card), site: site.name });
    const { full, short } = await extensionAtSite(tx, card, site, { siteCodes: account.siteCodesEnabled });
    await updatePhoneUser(
      tx,
      card.phoneUserId,
      { siteId: site.id, extension: full, shortExtension: short },
      rec.at,
    );
    const after = await reload(tx, card);
    audit(rec, 'site.moved', card, after);
    rec.emit({
      kind: 'phone_user.site_changed',
      user: userRef(card),
      from: card.site,
      to: site.name,
      extension: full,
    });
    return { before: card, after, extensionChanged: short !== card.shortExtension };
  });
}
