import { BASIC_SETTINGS, copyBasicSettings, type KeptSetting } from '../../domain/basic-settings.ts';
import type { Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import { type PhoneUserSettings, readSettings, type SettingsPatch } from '../../store/settings.ts';
import { type Actor, type Deps, fail, runChange } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { auditTarget } from '../snapshots.ts';
import { applySettings } from './core.ts';

export const MAX_COPY_TARGETS = 100;

export type SettingsCopied = {
  from: PhoneUserCard;
  to: PhoneUserCard[];
  /** Targets that kept one of their own settings because the source's needs something they lack. */
  kept: { card: PhoneUserCard; kept: KeptSetting[] }[];
};

/** The settings patch a copy writes: the basic settings, as the domain defines them, fitted to the target. */
export function copiedPatch(source: PhoneUserSettings, target: PhoneUserSettings): CopiedPatch {
  const copied = copyBasicSettings(source, target);
  return { patch: copied.settings, kept: copied.kept };
}

export type CopiedPatch = { patch: SettingsPatch; kept: KeptSetting[] };

/**
 * Copies one phone user's basic settings (see BASIC_SETTINGS: never their forward numbers, desk phones,
 * delegations, blocked list, PIN or caller ID) to 1 to 100 others, in one transaction: all of them or
 * none. Each target is audited before and after; the source's history notes whom it was copied to. Greetings and
 * hold music are shared, not duplicated: the targets play the same audio files (and when the source loses their
 * license, files that others still play move to the account library: see keepSharedAudio).
 */
export async function copySettings(
  deps: Deps,
  actor: Actor,
  fromRef: UserRef,
  userRefs: readonly UserRef[],
): Promise<Result<SettingsCopied>> {
  return runChange(deps, actor, 'copy', async (tx, rec) => {
    if (userRefs.length === 0) fail({ code: 'NO_USERS' });
    if (userRefs.length > MAX_COPY_TARGETS) {
      fail({ code: 'TOO_MANY_USERS', requested: userRefs.length, max: MAX_COPY_TARGETS });
    }
    const from = await findPhoneUser(tx, fromRef);
    const targets = new Map<number, PhoneUserCard>();
    for (const ref of userRefs) {
      const card = await findPhoneUser(tx, ref);
      if (card.phoneUserId === from.phoneUserId) fail({ code: 'COPY_TO_SELF', user: personOf(from) });
      targets.set(card.phoneUserId, card);
    }
    const source = await readSettings(tx, from.phoneUserId);
    const kept: SettingsCopied['kept'] = [];
    for (const card of targets.values()) {
      const settings = await readSettings(tx, card.phoneUserId);
      const copied = copiedPatch(source, settings);
      await applySettings(tx, rec, { card, settings, byAdmin: true }, 'settings.copied', copied.patch);
      if (copied.kept.length > 0) kept.push({ card, kept: copied.kept });
    }
    const to = [...targets.values()];
    rec.audit({
      action: 'settings.copied_to',
      ...auditTarget(from),
      before: null,
      after: { to: to.map((card) => card.email), fields: [...BASIC_SETTINGS] },
    });
    return { from, to, kept };
  });
}
