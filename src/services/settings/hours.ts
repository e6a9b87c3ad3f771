import { sameHours, validateBusinessHours } from '../../domain/hours.ts';
import type { Result } from '../../domain/result.ts';
import type { BusinessHours } from '../../domain/settings.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import type { PhoneUserSettings } from '../../store/settings.ts';
import { type Actor, type Deps, fail } from '../context.ts';
import { applySettings, runSettingsChange } from './core.ts';

export type HoursChange = {
  card: PhoneUserCard;
  before: BusinessHours;
  settings: PhoneUserSettings;
  /** False when the user already had exactly these hours: nothing was written or audited. */
  changed: boolean;
};

/**
 * Sets a phone user's weekly business hours (read in their time zone). Admins set anyone's; a phone user their
 * own. The document is checked whole, whether it was typed as a shortcut or submitted from a form.
 */
export function setBusinessHours(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  hours: BusinessHours,
): Promise<Result<HoursChange>> {
  return runSettingsChange(deps, actor, ref, 'business hours', 'hours', async (tx, rec, target) => {
    const valid = validateBusinessHours(hours);
    if (!valid.ok) fail(valid.error);
    const before = target.settings.businessHours;
    if (sameHours(before, valid.value)) {
      return { card: target.card, before, settings: target.settings, changed: false };
    }
    const settings = await applySettings(tx, rec, target, 'business_hours.changed', {
      businessHours: valid.value,
    });
    return { card: target.card, before, settings, changed: true };
  });
}
