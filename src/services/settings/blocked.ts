import { type BlockedEntry, parseBlockedEntry } from '../../domain/blocked.ts';
import type { Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { isAdmin } from '../../store/account.ts';
import { deleteBlocked, insertBlocked } from '../../store/blocked.ts';
import type { Transaction } from '../../store/database.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import { updateSettings } from '../../store/settings.ts';
import { type Blocked, blockedOf } from '../../store/user-details.ts';
import { type Actor, catchDomain, type Deps, fail, type Recorder, requireAdmin } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { auditTarget, userRef } from '../snapshots.ts';
import { countryOf } from '../typed-numbers.ts';
import { runSettingsChange } from './core.ts';

export type BlockedChange = { card: PhoneUserCard; entry: BlockedEntry; blocked: Blocked[] };

/** Blocks a number or a prefix for one phone user (admins only). */
export async function addBlocked(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: string,
): Promise<Result<BlockedChange>> {
  return runSettingsChange(deps, actor, ref, 'blocked numbers', 'block add', async (tx, rec, { card }) => {
    const parsed = parseBlockedEntry(input, 'block', await nationalIn(deps, tx, input, card));
    if (!parsed.ok) return fail(parsed.error);
    const before = await blockedOf(tx, card.phoneUserId);
    if (!(await insertBlocked(tx, card.phoneUserId, parsed.entry, rec.at))) {
      fail({ code: 'BLOCKED_ALREADY', user: personOf(card), entry: parsed.entry.value });
    }
    const blocked = await recordBlocked(tx, rec, card, 'blocked.added', before);
    rec.emit({ kind: 'phone_user.blocked_added', user: userRef(card), entry: parsed.entry });
    return { card, entry: parsed.entry, blocked };
  });
}

/** Takes a number or prefix off one phone user's blocked list (admins only). */
export async function removeBlocked(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: string,
): Promise<Result<BlockedChange>> {
  return runSettingsChange(deps, actor, ref, 'blocked numbers', 'block remove', async (tx, rec, { card }) => {
    const parsed = parseBlockedEntry(input, 'unblock', await nationalIn(deps, tx, input, card));
    if (!parsed.ok) return fail(parsed.error);
    const before = await blockedOf(tx, card.phoneUserId);
    const removed = await deleteBlocked(tx, card.phoneUserId, parsed.entry.value);
    if (!removed) return fail({ code: 'BLOCKED_NOT_FOUND', user: personOf(card), entry: parsed.entry.value });
    const blocked = await recordBlocked(tx, rec, card, 'blocked.removed', before);
    rec.emit({ kind: 'phone_user.blocked_removed', user: userRef(card), entry: removed });
    return { card, entry: removed, blocked };
  });
}

/** The country a number typed without + is read in, for the person's site; none needed for one with +. */
async function nationalIn(deps: Deps, tx: Transaction, input: string, card: PhoneUserCard) {
  return input.trim().startsWith('+') ? undefined : countryOf(deps, tx, card.siteId);
}

const shown = (list: Blocked[]) => list.map((entry) => entry.value);

/** Audits the whole list before and after, and bumps the settings version so an open form sees the change. */
async function recordBlocked(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  action: string,
  before: Blocked[],
): Promise<Blocked[]> {
  const after = await blockedOf(tx, card.phoneUserId);
  await updateSettings(tx, card.phoneUserId, {}, rec.at);
  rec.audit({
    action,
    ...auditTarget(card),
    before: { blocked: shown(before) },
    after: { blocked: shown(after) },
  });
  return after;
}

/** A user's blocked list: an admin may read anyone's, a phone user their own. */
export async function blockedList(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
): Promise<Result<{ card: PhoneUserCard; blocked: Blocked[] }>> {
  if (!(await isAdmin(deps.db, actor.slackUserId))) {
    const own = await catchDomain(() => findPhoneUser(deps.db, ref));
    if (!own.ok || own.value.slackUserId !== actor.slackUserId) {
      const allowed = await requireAdmin(deps, actor, 'blocked');
      if (!allowed.ok) return allowed;
    }
  }
  return catchDomain(async () => {
    const card = await findPhoneUser(deps.db, ref);
    return { card, blocked: await blockedOf(deps.db, card.phoneUserId) };
  });
}
