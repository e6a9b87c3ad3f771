import type { DomainError } from '../../domain/errors.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { isAdmin } from '../../store/account.ts';
import { type AudioSummary, libraryOf } from '../../store/audio.ts';
import { mainNumbers } from '../../store/main-numbers.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { type Actor, auditDenial, catchDomain, type Deps } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { type UserDetails, userDetails } from './details.ts';

/** Who is looking at a settings form, and what they may change in it. */
export type SettingsForm = {
  card: PhoneUserCard;
  details: UserDetails;
  byAdmin: boolean;
  self: boolean;
  /** The user's audio library, offered where audio is chosen. */
  library: AudioSummary[];
  /** The account's main numbers, offered as caller ID besides the user's own. */
  mainNumbers: string[];
};

/**
 * Opens a user's settings for a form: admins see anyone's; a phone user sees their own (the form then offers
 * only what they may change). Anyone else is refused, and the attempt is audited.
 */
export async function settingsForm(deps: Deps, actor: Actor, ref: UserRef): Promise<Result<SettingsForm>> {
  const found = await catchDomain(() => findPhoneUser(deps.db, ref));
  const byAdmin = await isAdmin(deps.db, actor.slackUserId);
  if (!found.ok) {
    if (byAdmin) return found;
    await auditDenial(deps, actor, 'settings');
    return err({ code: 'NOT_ADMIN', action: 'settings' });
  }
  const self = found.value.slackUserId === actor.slackUserId;
  if (!byAdmin && !self) {
    await auditDenial(deps, actor, 'settings');
    return err({ code: 'NOT_ADMIN', action: 'settings' });
  }
  // An adopted line's settings are the phone system's: a form of Switchboard's values would mislead.
  if (found.value.settingsInPhoneSystem) {
    return err({ code: 'SETTINGS_IN_PHONE_SYSTEM', email: found.value.email });
  }
  const [details, library, main] = await Promise.all([
    userDetails(deps.db, found.value),
    libraryOf(deps.db, found.value.phoneUserId),
    mainNumbers(deps.db),
  ]);
  return ok({ card: found.value, details, byAdmin, self, library, mainNumbers: [...main] });
}

/**
 * Refuses a phone user the form of a part of their own settings that only an admin changes. Their summary has no
 * Edit button there, so the request was made by hand: it is audited as the refusal of the form's save would be.
 */
export async function refuseAdminOnlyForm(deps: Deps, actor: Actor): Promise<DomainError> {
  await auditDenial(deps, actor, 'settings');
  return { code: 'SELF_SERVICE_DENIED', setting: 'this part of your settings', reason: 'admin_only' };
}
