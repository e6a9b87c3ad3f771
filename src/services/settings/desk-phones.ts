import { withDeskPhoneRoute, withoutDeskPhoneRoute } from '../../domain/call-handling.ts';
import { normalizeMac } from '../../domain/mac.ts';
import type { Result } from '../../domain/result.ts';
import { MAX_DESK_PHONES, type Route } from '../../domain/settings.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { Transaction } from '../../store/database.ts';
import { deleteDeskPhone, deskPhoneByMac, insertDeskPhone } from '../../store/desk-phones.ts';
import { type PhoneUserCard, personOf, personOfPhoneUser } from '../../store/phone-users.ts';
import { updateSettings } from '../../store/settings.ts';
import { type DeskPhone, deskPhonesOf } from '../../store/user-details.ts';
import { type Actor, type Deps, fail, type Recorder } from '../context.ts';
import { auditTarget, userRef } from '../snapshots.ts';
import { runSettingsChange, type SettingsTarget, settingsSnapshot } from './core.ts';

export const MAX_MODEL_LENGTH = 64;

export type DeskPhoneChange = { card: PhoneUserCard; phone: DeskPhone; deskPhones: DeskPhone[] };

function checkedMac(input: string): string {
  const result = normalizeMac(input);
  return result.ok ? result.mac : fail(result.error);
}

/** A desk phone model as stored (spaces collapsed), or undefined when it is blank, too long or unprintable. */
export function cleanModel(input: string): string | undefined {
  const model = input.trim().replace(/\s+/g, ' ');
  if (model === '' || model.length > MAX_MODEL_LENGTH || /[\p{Cc}<>]/u.test(model)) return undefined;
  return model;
}

function checkedModel(input: string): string {
  return cleanModel(input) ?? fail({ code: 'DESK_PHONE_MODEL_INVALID', input, max: MAX_MODEL_LENGTH });
}

/**
 * Adds a desk phone (model and MAC) to a phone user, at most three each, a MAC once in the account, and adds an
 * enabled call route for it so it rings with the user's other phones. Admins only.
 */
export async function addDeskPhone(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  macInput: string,
  modelInput: string,
): Promise<Result<DeskPhoneChange>> {
  return runSettingsChange(deps, actor, ref, 'desk phones', 'phone add', async (tx, rec, target) => {
    const mac = checkedMac(macInput);
    const model = checkedModel(modelInput);
    const user = personOf(target.card);
    const existing = await deskPhoneByMac(tx, mac);
    if (existing) {
      const sameUser = existing.phoneUserId === target.card.phoneUserId;
      const holder = sameUser ? user : await personOfPhoneUser(tx, existing.phoneUserId);
      fail({ code: 'DESK_PHONE_TAKEN', mac, holder, sameUser });
    }
    const before = await deskPhonesOf(tx, target.card.phoneUserId);
    if (before.length >= MAX_DESK_PHONES) fail({ code: 'DESK_PHONE_LIMIT', user, max: MAX_DESK_PHONES });
    // The unique index on the MAC is the guarantee; the check above only turns it into a clear refusal.
    const phone = await insertDeskPhone(tx, { phoneUserId: target.card.phoneUserId, mac, model });
    const after = [...before, phone];
    const routes = withDeskPhoneRoute(target.settings.routes, mac);
    await record(tx, rec, target, 'desk_phone.added', { before, after, routes });
    rec.emit({ kind: 'phone_user.desk_phone_added', user: userRef(target.card), mac, model });
    return { card: target.card, phone, deskPhones: after };
  });
}

/** Removes a desk phone from a phone user, and its call route. Admins only. */
export async function removeDeskPhone(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  macInput: string,
): Promise<Result<DeskPhoneChange>> {
  return runSettingsChange(deps, actor, ref, 'desk phones', 'phone remove', async (tx, rec, target) => {
    const mac = checkedMac(macInput);
    const before = await deskPhonesOf(tx, target.card.phoneUserId);
    const phone = before.find((candidate) => candidate.mac === mac);
    if (!phone) {
      const elsewhere = await deskPhoneByMac(tx, mac);
      const holder = elsewhere ? await personOfPhoneUser(tx, elsewhere.phoneUserId) : null;
      return fail({ code: 'DESK_PHONE_NOT_FOUND', user: personOf(target.card), mac, holder });
    }
    await deleteDeskPhone(tx, target.card.phoneUserId, mac);
    const after = before.filter((candidate) => candidate.mac !== mac);
    const routes = withoutDeskPhoneRoute(target.settings.routes, mac);
    await record(tx, rec, target, 'desk_phone.removed', { before, after, routes });
    rec.emit({ kind: 'phone_user.desk_phone_removed', user: userRef(target.card), mac });
    return { card: target.card, phone, deskPhones: after };
  });
}

const phonesSnapshot = (phones: DeskPhone[]) => phones.map(({ mac, model }) => ({ mac, model }));

/**
 * Writes the new routes (bumping the settings version, so an open form sees the change) and keeps one audit row
 * with both what the user's phones were and became and their routes before and after.
 */
async function record(
  tx: Transaction,
  rec: Recorder,
  target: SettingsTarget,
  action: string,
  change: { before: DeskPhone[]; after: DeskPhone[]; routes: Route[] },
) {
  const updated = await updateSettings(tx, target.card.phoneUserId, { routes: change.routes }, rec.at);
  rec.audit({
    action,
    ...auditTarget(target.card),
    before: { deskPhones: phonesSnapshot(change.before), ...settingsSnapshot(target.settings, ['routes']) },
    after: { deskPhones: phonesSnapshot(change.after), ...settingsSnapshot(updated, ['routes']) },
  });
  rec.emit({
    kind: 'phone_user.settings_changed',
    user: userRef(target.card),
    settings: settingsSnapshot(updated, ['routes']),
  });
}
