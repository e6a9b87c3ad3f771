import type { Result } from '../../domain/result.ts';
import type { SettingKey } from '../../domain/setting-problems.ts';
import {
  checkSettings,
  countryOfNumbers,
  type SettingInput,
  type SettingsContext,
  type SettingsValues,
  settingKey,
} from '../../domain/settings-values.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { Transaction } from '../../store/database.ts';
import { mainNumbers, siteNumbers } from '../../store/main-numbers.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import type { PhoneUserSettings } from '../../store/settings.ts';
import { type Actor, type Deps, fail, namingAdmins } from '../context.ts';
import { auditTarget } from '../snapshots.ts';
import { countryOf } from '../typed-numbers.ts';
import { applySettings, runSettingsChange, type SettingsArea } from './core.ts';
import { ownLineOnly } from './own-line.ts';

/** Who may change each key: the area it belongs to (see core.ts for which areas are self-service). */
const KEY_AREAS: Record<SettingKey, SettingsArea> = {
  language: 'language',
  'area-code': 'area code',
  'caller-id': 'caller ID',
  'ring-mode': 'call handling',
  pin: 'voicemail PIN',
  unanswered: 'call handling',
  closed: 'call handling',
};

/** The country whose rules an area code follows when nothing else tells. */
export const DEFAULT_COUNTRY = 'US';

/**
 * The area a change is authorised for. A change of several keys is allowed only if every key is: an admin-only
 * key among them decides, so a phone user is told exactly which setting they may not change.
 */
function areaOf(inputs: readonly SettingInput[]): SettingsArea {
  const areas = inputs.flatMap((input) => {
    const key = settingKey(input.key);
    return key ? [KEY_AREAS[key]] : [];
  });
  return areas.find((area) => area === 'area code' || area === 'caller ID') ?? areas[0] ?? 'language';
}

export type SettingsChanged = {
  card: PhoneUserCard;
  /** The fields that changed, in the order of SettingsValues; unchanged keys are left out. */
  changed: (keyof SettingsValues)[];
  settings: PhoneUserSettings;
};

/**
 * `/phone set <user> key=value …`: every key is checked first, against the user's numbers, country and call
 * handling; then all of them are written together in one transaction, or none.
 */
export async function setSettings(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  inputs: readonly SettingInput[],
): Promise<Result<SettingsChanged>> {
  const change = runSettingsChange(deps, actor, ref, areaOf(inputs), 'set', async (tx, rec, target) => {
    const context = await settingsContext(tx, target.card, target.settings);
    const callerId = inputs.find((input) => input.key.trim().toLowerCase() === 'caller-id')?.value.trim();
    if (callerId && /^[\d(]/.test(callerId))
      context.numberCountry = await countryOf(deps, tx, target.card.siteId);
    const checked = checkSettings(inputs, context);
    if (!checked.ok) return fail({ code: 'SETTINGS_INVALID', problems: checked.problems });
    const patch = changedValues(checked.values, target.settings);
    const changed = Object.keys(patch) as (keyof SettingsValues)[];
    if (changed.length === 0) {
      fail({
        code: 'SETTINGS_UNCHANGED',
        user: personOf(target.card),
        keys: inputs.map((input) => input.key.toLowerCase()),
      });
    }
    const settings = await applySettings(tx, rec, target, 'settings.changed', patch);
    return { card: target.card, changed, settings };
  });
  return ownLineOnly(change, { code: 'NOT_OWN_SETTINGS', command: 'set' });
}

async function settingsContext(
  tx: Transaction,
  card: PhoneUserCard,
  settings: PhoneUserSettings,
): Promise<SettingsContext> {
  const country =
    countryOfNumbers(card.numbers) ?? countryOfNumbers(await siteNumbers(tx, card.siteId)) ?? DEFAULT_COUNTRY;
  return {
    country,
    ownNumbers: card.numbers,
    mainNumbers: await mainNumbers(tx),
    forwardNumbers: settings.forwardNumbers.length,
    unanswered: settings.unanswered,
    closedHours: settings.closedHours,
  };
}

function changedValues(values: SettingsValues, current: PhoneUserSettings): SettingsValues {
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    const before = current[field as keyof SettingsValues];
    if (JSON.stringify(before) !== JSON.stringify(value)) patch[field] = value;
  }
  return patch as SettingsValues;
}

/**
 * The voicemail PIN, for the Show PIN button: only an admin or the user may see it. Each showing is audited
 * (never with the PIN), and so is each refusal.
 */
export async function revealPin(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
): Promise<Result<{ card: PhoneUserCard; pin: string }>> {
  const shown = runSettingsChange(deps, actor, ref, 'voicemail PIN', 'show pin', async (_tx, rec, target) => {
    rec.audit({ action: 'voicemail_pin.shown', ...auditTarget(target.card), before: null, after: null });
    return { card: target.card, pin: target.settings.voicemailPin };
  });
  return namingAdmins(deps, await ownLineOnly(shown, { code: 'PIN_NOT_VISIBLE' }));
}
