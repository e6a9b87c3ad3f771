import { AsyncLocalStorage } from 'node:async_hooks';
import type { Result } from '../../domain/result.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { type AccountSettingsRow, isAdmin } from '../../store/account.ts';
import { auditSince } from '../../store/audit.ts';
import type { Transaction } from '../../store/database.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import {
  type PhoneUserSettings,
  readSettings,
  type SettingsPatch,
  updateSettings,
} from '../../store/settings.ts';
import { type Actor, catchDomain, type Deps, fail, type Recorder, runGatedChange } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { auditTarget } from '../snapshots.ts';

/**
 * The areas of a phone user's settings. A phone user may change the self-service ones for themselves; the
 * emergency address only when an admin allowed it; the rest only an admin may change.
 */
export type SettingsArea =
  | 'business hours'
  | 'call handling'
  | 'greetings'
  | 'hold music'
  | 'language'
  | 'voicemail PIN'
  | 'delegation'
  | 'emergency address'
  | 'blocked numbers'
  | 'desk phones'
  | 'caller ID'
  | 'area code'
  | 'SIP password';

const SELF_SERVICE: ReadonlySet<SettingsArea> = new Set<SettingsArea>([
  'business hours',
  'call handling',
  'greetings',
  'hold music',
  'language',
  'voicemail PIN',
  'delegation',
  'SIP password',
]);

/**
 * What a form knew when it was opened: the settings version and when. A change made inside `whileCurrent` is
 * refused, with what changed since, if someone changed the same user in between; the check runs inside the
 * transaction, under the account lock, so nothing can slip between the check and the write.
 */
export type FormSnapshot = { version: number; openedAt: Date };
const formSnapshot = new AsyncLocalStorage<FormSnapshot>();

export function whileCurrent<T>(snapshot: FormSnapshot, change: () => Promise<T>): Promise<T> {
  return formSnapshot.run(snapshot, change);
}

/** The form a change runs for, inside `whileCurrent`: for changes that check it other than by settings version. */
export const openedForm = (): FormSnapshot | undefined => formSnapshot.getStore();

export type SettingsTarget = { card: PhoneUserCard; settings: PhoneUserSettings; byAdmin: boolean };

export type SettingsWork<T> = (
  tx: Transaction,
  rec: Recorder,
  target: SettingsTarget,
  account: AccountSettingsRow,
) => Promise<T>;

/**
 * One change to one phone user's settings: finds them, checks who may change this area (an admin, or the user
 * themselves for self-service areas), runs the work in the account transaction. A refusal is audited.
 */
export async function runSettingsChange<T>(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  area: SettingsArea,
  action: string,
  work: SettingsWork<T>,
): Promise<Result<T>> {
  return runGatedChange(deps, actor, action, async (tx, rec, account) => {
    const byAdmin = await isAdmin(tx, actor.slackUserId);
    const found = byAdmin ? undefined : await catchDomain(() => findPhoneUser(tx, ref));
    // Someone who is not an admin learns nothing about other people: not even whether they hold a license.
    if (found && !found.ok && !(ref.kind === 'slack' && ref.id === actor.slackUserId))
      refuseOther(area, action);
    const card = found?.ok ? found.value : await findPhoneUser(tx, ref);
    const settings = await readSettings(tx, card.phoneUserId);
    if (!byAdmin) authorizeSelfService(actor, card, settings, area, action);
    const snapshot = formSnapshot.getStore();
    if (snapshot && snapshot.version !== settings.version) {
      const since = await auditSince(tx, 'user', String(card.directoryUserId), snapshot.openedAt);
      fail({
        code: 'SETTINGS_STALE',
        user: personOf(card),
        changes: since.map((entry) => ({ action: entry.action, actor: entry.actor, at: entry.at })),
      });
    }
    return work(tx, rec, { card, settings, byAdmin }, account);
  });
}

function authorizeSelfService(
  actor: Actor,
  card: PhoneUserCard,
  settings: PhoneUserSettings,
  area: SettingsArea,
  action: string,
) {
  if (card.slackUserId !== actor.slackUserId) refuseOther(area, action);
  if (area === 'emergency address') {
    if (!settings.userManagesEmergencyAddress) {
      fail({ code: 'SELF_SERVICE_DENIED', setting: area, reason: 'not_allowed_by_admin' });
    }
    return;
  }
  if (!SELF_SERVICE.has(area)) fail({ code: 'SELF_SERVICE_DENIED', setting: area, reason: 'admin_only' });
}

/** A phone user acting on someone else's line: refused as not theirs where they could act on their own. */
function refuseOther(area: SettingsArea, action: string): never {
  return fail(
    SELF_SERVICE.has(area) || area === 'emergency address'
      ? { code: 'NOT_OWN_SETTINGS', command: action }
      : { code: 'NOT_ADMIN', action },
  );
}

/** What the audit log keeps of settings: everything but the PIN, which is only ever noted as changed. */
export function settingsSnapshot(settings: PhoneUserSettings, fields: (keyof SettingsPatch)[]) {
  const snapshot: Record<string, unknown> = {};
  for (const field of fields) {
    snapshot[field] = field === 'voicemailPin' ? '(hidden)' : settings[field];
  }
  return snapshot;
}

/** Writes a settings patch and records it in the audit log and the change outbox, before and after. */
export async function applySettings(
  tx: Transaction,
  rec: Recorder,
  target: SettingsTarget,
  action: string,
  patch: SettingsPatch,
): Promise<PhoneUserSettings> {
  const fields = Object.keys(patch) as (keyof SettingsPatch)[];
  const after = await updateSettings(tx, target.card.phoneUserId, patch, rec.at);
  rec.audit({
    action,
    ...auditTarget(target.card),
    before: settingsSnapshot(target.settings, fields),
    after: settingsSnapshot(after, fields),
  });
  rec.emit({
    kind: 'phone_user.settings_changed',
    user: { directoryUserId: target.card.directoryUserId, email: target.card.email },
    settings: settingsSnapshot(after, fields),
  });
  return after;
}
