import { type AddressInput, addressLine, checkAddress, type EmergencyAddress } from '../../domain/address.ts';
import type { Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { addressParts, deleteAddress, insertAddress, updateAddress } from '../../store/addresses.ts';
import type { Transaction } from '../../store/database.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import { readSettings, updateSettings } from '../../store/settings.ts';
import { addressById, siteDefaultAddress } from '../../store/user-details.ts';
import { type Actor, type Deps, fail, type Recorder, runChange } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { resolveSite } from '../site-rules.ts';
import { auditTarget, userRef } from '../snapshots.ts';
import { applySettings, runSettingsChange, type SettingsTarget } from './core.ts';

/** Where a user's emergency calls say they are: their own address, or their site's default. */
export type AddressInUse = { address: EmergencyAddress | null; siteDefault: boolean };

export type UserAddressChange = { card: PhoneUserCard; before: AddressInUse; after: AddressInUse };

/** The audit log keeps addresses as one readable line; "site default" says the user follows their site's. */
const describe = (use: AddressInUse) => ({
  address: use.address ? addressLine(use.address) : null,
  siteDefault: use.siteDefault,
});

function checked(input: AddressInput): EmergencyAddress {
  const result = checkAddress(input);
  return result.ok ? result.value : fail(result.error);
}

/** Sets (replaces) the default emergency address of a site: every user without their own address uses it. */
export async function setSiteDefaultAddress(
  deps: Deps,
  actor: Actor,
  siteName: string,
  input: AddressInput,
): Promise<Result<{ site: string; before: EmergencyAddress | null; after: EmergencyAddress }>> {
  return runChange(deps, actor, 'site address', async (tx, rec) => {
    const site = await resolveSite(tx, siteName);
    const address = checked(input);
    const current = await siteDefaultAddress(tx, site.id);
    // Updated in place: anything that points at the site's default keeps pointing at it.
    const row = current
      ? await updateAddress(tx, current.id, address)
      : await insertAddress(tx, address, { siteId: site.id, isSiteDefault: true });
    const before = current ? addressParts(current) : null;
    rec.audit({
      action: 'site.emergency_address_set',
      targetType: 'site',
      targetId: String(site.id),
      targetLabel: site.name,
      before: before ? { address: addressLine(before) } : null,
      after: { address: addressLine(addressParts(row)) },
    });
    rec.emit({ kind: 'site.emergency_address_changed', site: site.name, address: addressParts(row) });
    return { site: site.name, before, after: addressParts(row) };
  });
}

/**
 * Gives a phone user an emergency address of their own, replacing their previous one. An admin may do it for
 * anyone; a phone user for themselves when an admin allowed it.
 */
export async function setUserAddress(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: AddressInput,
): Promise<Result<UserAddressChange>> {
  return runSettingsChange(deps, actor, ref, 'emergency address', 'address', async (tx, rec, target) => {
    const address = checked(input);
    const before = await addressInUse(tx, target);
    const row = await insertAddress(tx, address, { phoneUserId: target.card.phoneUserId });
    const after = { address: addressParts(row), siteDefault: false };
    await pointAt(tx, rec, target, row.id, before, after);
    return { card: target.card, before, after };
  });
}

/** Puts a phone user back on their site's default emergency address; refused when the site has none. */
export async function useSiteDefaultAddress(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
): Promise<Result<UserAddressChange>> {
  return runSettingsChange(deps, actor, ref, 'emergency address', 'address', async (tx, rec, target) => {
    const siteDefault = await siteDefaultAddress(tx, target.card.siteId);
    if (!siteDefault) fail({ code: 'SITE_NO_DEFAULT_ADDRESS', site: target.card.site });
    if (target.settings.emergencyAddressId === null) {
      fail({ code: 'ADDRESS_ALREADY_SITE_DEFAULT', user: personOf(target.card), site: target.card.site });
    }
    const before = await addressInUse(tx, target);
    const after = { address: addressParts(siteDefault), siteDefault: true };
    await pointAt(tx, rec, target, null, before, after);
    return { card: target.card, before, after };
  });
}

/** Whether a phone user may change their own emergency address ("allow user to manage emergency address"). */
export async function allowSelfManagedAddress(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  allowed: boolean,
): Promise<Result<{ card: PhoneUserCard; allowed: boolean }>> {
  return runChange(deps, actor, 'address allow-self', async (tx, rec) => {
    const card = await findPhoneUser(tx, ref);
    const settings = await readSettings(tx, card.phoneUserId);
    if (settings.userManagesEmergencyAddress === allowed) {
      fail({ code: 'ADDRESS_SELF_SERVICE_UNCHANGED', user: personOf(card), allowed });
    }
    const target: SettingsTarget = { card, settings, byAdmin: true };
    await applySettings(tx, rec, target, 'emergency_address.self_service', {
      userManagesEmergencyAddress: allowed,
    });
    return { card, allowed };
  });
}

async function addressInUse(tx: Transaction, target: SettingsTarget): Promise<AddressInUse> {
  const own = await addressById(tx, target.settings.emergencyAddressId);
  if (own) return { address: addressParts(own), siteDefault: false };
  const siteDefault = await siteDefaultAddress(tx, target.card.siteId);
  return { address: siteDefault ? addressParts(siteDefault) : null, siteDefault: siteDefault !== undefined };
}

/**
 * Points the user's settings at an address (null: the site default), drops the personal address it replaces,
 * and records the change as the addresses themselves rather than row ids.
 */
async function pointAt(
  tx: Transaction,
  rec: Recorder,
  target: SettingsTarget,
  addressId: number | null,
  before: AddressInUse,
  after: AddressInUse,
) {
  const previous = await addressById(tx, target.settings.emergencyAddressId);
  await updateSettings(tx, target.card.phoneUserId, { emergencyAddressId: addressId }, rec.at);
  if (previous && previous.phoneUserId === target.card.phoneUserId) await deleteAddress(tx, previous.id);
  rec.audit({
    action: 'emergency_address.set',
    ...auditTarget(target.card),
    before: describe(before),
    after: describe(after),
  });
  rec.emit({
    kind: 'phone_user.emergency_address_changed',
    user: userRef(target.card),
    address: after.siteDefault ? null : after.address,
  });
}
