import type { Dependent, SharedAudio } from '../domain/dependents.ts';
import { MAX_USERS_PER_REQUEST, parseCount } from '../domain/people.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { refKey, type UserRef } from '../domain/user-ref.ts';
import { readAccount, updateAccount } from '../store/account.ts';
import { keepSharedAudio, libraryOf } from '../store/audio.ts';
import type { Transaction } from '../store/database.ts';
import { dependentsOf, sharedAudioOf } from '../store/dependents.ts';
import { releaseNumbers } from '../store/numbers.ts';
import {
  cardsByDirectoryUsers,
  countPhoneUsers,
  deletePhoneUser,
  insertPhoneUsers,
  type PhoneUserCard,
  personOf,
} from '../store/phone-users.ts';
import { addUserPlans, type PlanUsage, planUsage } from '../store/plans.ts';
import { readSettings } from '../store/settings.ts';
import { addressById, blockedOf, deskPhonesOf } from '../store/user-details.ts';
import {
  type Actor,
  catchDomain,
  type Deps,
  fail,
  type Recorder,
  requireAdmin,
  runChange,
} from './context.ts';
import { dependentsDigest, endDependents } from './dependents.ts';
import { findPhoneUser } from './find-phone-user.ts';
import { findCandidates, materialize } from './resolve-users.ts';
import { allocateInSite, extensionState, resolvePlan, resolveSite } from './site-rules.ts';
import { auditTarget, phoneUserSnapshot, userRef } from './snapshots.ts';

export type AssignRequest = { users: UserRef[]; site?: string | undefined; plan?: string | undefined };
export type AssignResult = { site: string; plan: string | undefined; assigned: PhoneUserCard[] };

/** The people a request names, each once: at least one and at most 100 (more belong in a CSV import). */
function countedRefs(refs: UserRef[]): Result<UserRef[]> {
  const seen = new Set<string>();
  const unique = refs.filter((ref) => {
    const key = refKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return err({ code: 'NO_USERS' });
  if (unique.length > MAX_USERS_PER_REQUEST) {
    return err({ code: 'TOO_MANY_USERS', requested: unique.length, max: MAX_USERS_PER_REQUEST });
  }
  return ok(unique);
}

/**
 * Gives phone licenses to 1..100 people at once, in one site, optionally with a calling plan. Each gets the
 * lowest free extension of the site. All of the request happens or none of it.
 */
export async function assignLicenses(
  deps: Deps,
  actor: Actor,
  request: AssignRequest,
): Promise<Result<AssignResult>> {
  const allowed = await requireAdmin(deps, actor, 'assign');
  if (!allowed.ok) return allowed;
  const counted = countedRefs(request.users);
  if (!counted.ok) return counted;
  const candidates = await findCandidates(deps.db, deps.profiles, counted.value);
  if (!candidates.ok) return candidates;

  return runChange(deps, actor, 'assign', async (tx, rec, account) => {
    const site = await resolveSite(tx, request.site);
    const people = await materialize(tx, rec, candidates.value);
    const unique = people.filter((person, index) => people.findIndex((p) => p.id === person.id) === index);
    // Counted by person: a mention and an email may name the same one.
    const plan =
      request.plan === undefined ? undefined : await resolvePlanForUse(tx, request.plan, unique.length);

    const already = await cardsByDirectoryUsers(
      tx,
      unique.map((person) => person.id),
    );
    if (already.length > 0) {
      fail({
        code: 'ALREADY_PHONE_USER',
        users: already.map((card) => ({ user: personOf(card), extension: card.extension })),
      });
    }
    const used = await countPhoneUsers(tx);
    if (used.total + unique.length > account.licensesTotal) {
      fail({
        code: 'NO_LICENSE_LEFT',
        used: used.total,
        total: account.licensesTotal,
        requested: unique.length,
      });
    }

    const rules = { siteCodes: account.siteCodesEnabled };
    const shorts = allocateInSite(unique.length, site, rules, await extensionState(tx));
    const inserted = await insertPhoneUsers(
      tx,
      unique.map((person, i) => {
        const short = shorts[i] as string;
        const extension = rules.siteCodes && site.siteCode ? `${site.siteCode}${short}` : short;
        return { directoryUserId: person.id, siteId: site.id, extension, shortExtension: short, at: rec.at };
      }),
    );
    if (plan) {
      await addUserPlans(
        tx,
        inserted.map((row) => ({ phoneUserId: row.id, planCode: plan.code, at: rec.at })),
      );
    }
    const cards = await cardsByDirectoryUsers(
      tx,
      unique.map((person) => person.id),
    );
    for (const card of cards) {
      rec.audit({
        action: 'license.assigned',
        ...auditTarget(card),
        before: null,
        after: phoneUserSnapshot(card),
      });
      rec.emit({
        kind: 'phone_user.assigned',
        user: userRef(card),
        site: card.site,
        extension: card.extension,
        plans: card.plans.map((p) => p.code),
      });
    }
    return { site: site.name, plan: plan?.shortName, assigned: cards };
  });
}

/** Finds a plan by code, short or long name and checks the inventory has `count` left. */
export async function resolvePlanForUse(tx: Parameters<typeof planUsage>[0], input: string, count: number) {
  const plan = await resolvePlan(tx, input);
  const [usage] = (await planUsage(tx, [plan.code])) as [PlanUsage];
  if (usage.used + count > usage.inventory) {
    fail({
      code: 'PLAN_NONE_LEFT',
      plan: plan.shortName,
      used: usage.used,
      inventory: usage.inventory,
      requested: count,
    });
  }
  return plan;
}

/** One person's removal as the admin is asked to confirm it. */
export type RemovalPreview = {
  card: PhoneUserCard;
  /** What ends with the license: queue memberships, operator roles, delegations. */
  dependents: Dependent[];
  /** Their audio files other people play: these stay, in the account's library. */
  sharedAudio: SharedAudio[];
  deskPhones: number;
  /** Carried by the confirm button, so the click can tell whether `dependents` still holds. */
  digest: string | undefined;
};

/** What a removal would take away, and what it would end, shown to the admin before they confirm. Changes nothing. */
export async function previewRemoval(
  deps: Deps,
  actor: Actor,
  refs: UserRef[],
): Promise<Result<RemovalPreview[]>> {
  const allowed = await requireAdmin(deps, actor, 'remove');
  if (!allowed.ok) return allowed;
  const counted = countedRefs(refs);
  if (!counted.ok) return counted;
  const unique = counted.value;
  const cards: PhoneUserCard[] = [];
  for (const ref of unique) {
    const card = await catchDomain(() => findPhoneUser(deps.db, ref));
    if (!card.ok) return card;
    if (!cards.some((c) => c.phoneUserId === card.value.phoneUserId)) cards.push(card.value);
  }
  const ids = cards.map((card) => card.phoneUserId);
  const dependents = await dependentsOf(deps.db, ids);
  const shared = await sharedAudioOf(deps.db, ids);
  const previews: RemovalPreview[] = [];
  for (const card of cards) {
    const ends = dependents.get(card.phoneUserId) ?? [];
    previews.push({
      card,
      dependents: ends,
      sharedAudio: shared.get(card.phoneUserId) ?? [],
      deskPhones: (await deskPhonesOf(deps.db, card.phoneUserId)).length,
      digest: dependentsDigest(ends),
    });
  }
  return ok(previews);
}

export type Removed = {
  card: PhoneUserCard;
  releasedNumbers: string[];
  /** The links that ended with the license, each audited and recorded on its own. */
  ended: Dependent[];
  /** Their audio files that others play, now the account's. */
  keptAudio: { id: number; name: string }[];
};
export type RemoveResult = { removed: Removed[] };

/**
 * What the admin confirmed: for each person (by directory id), the digest of what their prompt said would end.
 * Someone absent was shown nothing ending.
 */
export type ShownRemoval = ReadonlyMap<number, string | undefined>;

/**
 * Takes licenses back: extensions, numbers and plans return to inventory; directory entries and history stay.
 * Queue memberships, operator roles and delegations end first, each audited and recorded.
 *
 * With `shown`, the removal is checked against what the confirmation listed: if anyone's links differ now (someone
 * added them to a queue meanwhile, say), nothing is removed and the admin is asked again. A confirmation is consent
 * to what it named; an operator role nobody mentioned is worth one more click, as a settings form refuses to save
 * over a change made since it opened.
 */
export async function removeLicenses(
  deps: Deps,
  actor: Actor,
  refs: UserRef[],
  shown?: ShownRemoval,
): Promise<Result<RemoveResult>> {
  const allowed = await requireAdmin(deps, actor, 'remove');
  if (!allowed.ok) return allowed;
  const counted = countedRefs(refs);
  if (!counted.ok) return counted;
  const unique = counted.value;
  const candidates = await findCandidates(deps.db, deps.profiles, unique);
  if (!candidates.ok) return candidates;
  return runChange(deps, actor, 'remove', async (tx, rec) => {
    const cards: PhoneUserCard[] = [];
    for (const candidate of candidates.value) {
      if (candidate.kind !== 'known') {
        const { realName, email, slackUserId } = candidate.profile;
        return fail({ code: 'NOT_A_PHONE_USER', user: { name: realName || email, email, slackUserId } });
      }
      const [card] = await cardsByDirectoryUsers(tx, [candidate.user.id]);
      if (!card) return fail({ code: 'NOT_A_PHONE_USER', user: personOf(candidate.user) });
      if (!cards.some((c) => c.phoneUserId === card.phoneUserId)) cards.push(card);
    }
    if (shown) {
      const now = await dependentsOf(
        tx,
        cards.map((card) => card.phoneUserId),
      );
      const changed = cards.filter(
        (card) => dependentsDigest(now.get(card.phoneUserId) ?? []) !== shown.get(card.directoryUserId),
      );
      if (changed.length > 0) fail({ code: 'REMOVAL_CHANGED', users: changed.map(personOf) });
    }
    const removed: Removed[] = [];
    for (const card of cards) removed.push(await removeOne(tx, rec, card));
    return { removed };
  });
}

/** Ends what depends on the person, keeps audio others play, then takes the license with all that is theirs. */
export async function removeOne(tx: Transaction, rec: Recorder, card: PhoneUserCard): Promise<Removed> {
  const user = userRef(card);
  const ended = await endDependents(tx, rec, card, `license of ${card.email} removed`);
  const keptAudio = await keepSharedAudio(tx, card.phoneUserId);
  for (const file of keptAudio) {
    rec.audit({
      action: 'audio.kept_for_account',
      targetType: 'audio',
      targetId: String(file.id),
      targetLabel: file.name,
      before: { owner: card.email },
      after: { owner: 'account', reason: 'other phone users still play it' },
    });
    rec.emit({ kind: 'audio.moved_to_account', user, audioId: file.id, name: file.name });
  }
  const own = await ownLine(tx, card.phoneUserId);
  const releasedNumbers = await releaseNumbers(tx, card.phoneUserId);
  await deletePhoneUser(tx, card.phoneUserId);
  rec.audit({
    action: 'license.removed',
    ...auditTarget(card),
    before: { ...phoneUserSnapshot(card), ...own },
    after: null,
  });
  rec.emit({ kind: 'phone_user.removed', user, extension: card.extension, releasedNumbers });
  return { card, releasedNumbers, ended, keptAudio: keptAudio.map(({ id, name }) => ({ id, name })) };
}

/**
 * What is the person's own and goes with the license, for its audit row: desk phones (free for someone else after),
 * forward numbers, blocked numbers, a personal emergency address, and the audio files nobody else plays.
 */
async function ownLine(tx: Transaction, phoneUserId: number) {
  const settings = await readSettings(tx, phoneUserId);
  const address = await addressById(tx, settings.emergencyAddressId);
  return {
    deskPhones: (await deskPhonesOf(tx, phoneUserId)).map(({ mac, model }) => ({ mac, model })),
    forwardNumbers: settings.forwardNumbers.map((forward) => forward.number),
    blocked: (await blockedOf(tx, phoneUserId)).map((entry) => entry.value),
    personalAddress: address?.phoneUserId === phoneUserId,
    audio: (await libraryOf(tx, phoneUserId)).map((file) => file.name),
  };
}

export type LicenseUsage = { total: number; used: number; active: number; inactive: number; free: number };

export async function licenseUsage(deps: Deps, actor: Actor): Promise<Result<LicenseUsage>> {
  const allowed = await requireAdmin(deps, actor, 'licenses');
  if (!allowed.ok) return allowed;
  const [account, counts] = await Promise.all([readAccount(deps.db), countPhoneUsers(deps.db)]);
  return {
    ok: true,
    value: {
      total: account.licensesTotal,
      used: counts.total,
      active: counts.active,
      inactive: counts.inactive,
      free: Math.max(0, account.licensesTotal - counts.total),
    },
  };
}

/** Sets how many licenses the account has bought; never below the number in use. */
export async function setLicenseTotal(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<LicenseUsage>> {
  const total = parseCount(input);
  if (total === undefined) {
    const allowed = await requireAdmin(deps, actor, 'licenses');
    return allowed.ok ? err({ code: 'LICENSE_TOTAL_INVALID', input }) : allowed;
  }
  return runChange(deps, actor, 'licenses', async (tx, rec, account) => {
    const counts = await countPhoneUsers(tx);
    if (total < counts.total)
      fail({ code: 'LICENSE_TOTAL_BELOW_USED', requested: total, used: counts.total });
    await updateAccount(tx, { licensesTotal: total }, rec.at);
    rec.audit({
      action: 'licenses.total_set',
      targetType: 'account',
      targetId: 'licenses',
      targetLabel: 'licenses',
      before: { total: account.licensesTotal },
      after: { total },
    });
    rec.emit({ kind: 'account.licenses_changed', total });
    return {
      total,
      used: counts.total,
      active: counts.active,
      inactive: counts.inactive,
      free: total - counts.total,
    };
  });
}
