import type { DomainError } from '../../domain/errors.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { type AudioSummary, libraryOf } from '../../store/audio.ts';
import { mainNumbers } from '../../store/main-numbers.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { type RouteAnswer, routeNow } from '../call-routing.ts';
import { type Actor, auditDenial, type Deps, refuseAsNonAdmin } from '../context.ts';
import { lookUpPhoneUser } from '../find-phone-user.ts';
import type { UserDetails } from './details.ts';

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
  /** What a call from outside would do as the form opens. */
  callNow: RouteAnswer | undefined;
};

/**
 * Opens a user's settings for a form: admins see anyone's; a phone user sees their own (the form then offers
 * only what they may change). Anyone else is refused, and the attempt is audited.
 */
export async function settingsForm(deps: Deps, actor: Actor, ref: UserRef): Promise<Result<SettingsForm>> {
  // The card, its details and whether the viewer is an admin in one statement; the main numbers meanwhile.
  const main = mainNumbers(deps.db);
  main.catch(() => {});
  const { viewerIsAdmin: byAdmin, found } = await lookUpPhoneUser(deps.db, ref, actor.slackUserId);
  if (!found.ok) {
    if (byAdmin) return found;
    return refuseAsNonAdmin(deps, actor, 'settings');
  }
  const { card, details } = found.value;
  const self = card.slackUserId === actor.slackUserId;
  if (!byAdmin && !self) {
    return refuseAsNonAdmin(deps, actor, 'settings');
  }
  // An adopted line's settings are the phone system's: a form of Switchboard's values would mislead.
  if (card.settingsInPhoneSystem) {
    return err({ code: 'SETTINGS_IN_PHONE_SYSTEM', email: card.email });
  }
  const [library, callNow] = await Promise.all([
    libraryOf(deps.db, card.phoneUserId),
    routeNow(deps, card.directoryUserId),
  ]);
  return ok({ card, details, byAdmin, self, library, mainNumbers: [...(await main)], callNow });
}

/**
 * Refuses a phone user the form of a part of their own settings that only an admin changes. Their summary has no
 * Edit button there, so the request was made by hand: it is audited as the refusal of the form's save would be.
 */
export async function refuseAdminOnlyForm(deps: Deps, actor: Actor): Promise<DomainError> {
  await auditDenial(deps, actor, 'settings');
  return { code: 'SELF_SERVICE_DENIED', setting: 'this part of your settings', reason: 'admin_only' };
}
