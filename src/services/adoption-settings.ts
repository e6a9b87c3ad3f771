import { addressLine } from '../domain/address.ts';
import { parseBlockedEntry } from '../domain/blocked.ts';
import { delegationCycle } from '../domain/delegation.ts';
import { emailKey } from '../domain/email.ts';
import type { DomainError } from '../domain/errors.ts';
import { hoursSpec, sameHours } from '../domain/hours.ts';
import type { AccountSettings } from '../domain/phone-account.ts';
import type { CurrentUser } from '../domain/phone-user-fields.ts';
import { MAX_ASSISTANTS } from '../domain/settings.ts';
import { checkPin } from '../domain/settings-values.ts';
import type { readAccount } from '../store/account.ts';
import { deleteBlocked, insertBlocked } from '../store/blocked.ts';
import type { Transaction } from '../store/database.ts';
import { delegationsFrom, deleteDelegation, insertDelegation } from '../store/delegations.ts';
import { allPhoneUserFields, type ExportedUser } from '../store/import-rows.ts';
import { comparedSettings, type PhoneUserSettings, updateSettingsMany } from '../store/settings.ts';
import { assistantsOf, blockedOf } from '../store/user-details.ts';
import type { Recorder } from './context.ts';
import { applyPlan } from './imports/apply.ts';
import { loadAccountView } from './imports/load.ts';
import { type ChangedField, CLEAR, planImport, type SourceRow } from './imports/plan.ts';
import { settingsSnapshot } from './settings/core.ts';
import { auditTarget, userRef } from './snapshots.ts';

/** Settings an adoption compares beyond the columns of an update file. */
export type SettingField = 'hours' | 'holdMusic' | 'pin' | 'blocked' | 'assistants';
export type AdoptedField = ChangedField | SettingField;
export type FieldChange = { field: AdoptedField; from: string; to: string };

/** A person whose settings are read from the phone system; `line` is their place in its listing. */
export type SettingsOf = { line: number; email: string; settings: AccountSettings };

/**
 * Per person (by email key): what taking the phone system's settings changed, or why they stay there. Everyone in
 * `adopted` holds the phone system's settings in Switchboard now.
 */
export type SettingsAdoption = {
  adopted: Set<string>;
  changes: Map<string, FieldChange[]>;
  kept: Map<string, { column: string; error: DomainError }[]>;
};

type Account = Awaited<ReturnType<typeof readAccount>>;
type Current = ExportedUser;

const PIN_SHOWN = '(hidden)';

/**
 * Takes each person's settings from the phone system into Switchboard, inside the adoption's transaction and after
 * their lines: caller ID, area code, language, emergency address and desk phones by the rules of an update file;
 * business hours, hold music, voicemail PIN, blocked numbers and assistants directly, each audited. A person any of
 * whose settings Switchboard cannot hold keeps them all in the phone system, so that Switchboard never sends a
 * half-taken set back.
 */
export async function adoptSettings(
  tx: Transaction,
  rec: Recorder,
  account: Account,
  people: readonly SettingsOf[],
  /** How the audit log names the change: taken at an adoption, or from a drift report. */
  verb: 'adopted' | 'taken' = 'adopted',
): Promise<SettingsAdoption> {
  const result: SettingsAdoption = { adopted: new Set(), changes: new Map(), kept: new Map() };
  if (people.length === 0) return result;
  const current = new Map(
    (await allPhoneUserFields(tx)).map((user) => [emailKey(user.email), user] as const),
  );
  const checked: { person: SettingsOf; user: Current; assistants: Current[] }[] = [];
  for (const person of people) {
    const key = emailKey(person.email);
    const user = current.get(key);
    if (!user) continue;
    const problems = settingProblems(person.settings, current);
    if (problems.length > 0) {
      result.kept.set(key, problems);
      continue;
    }
    const assistants = person.settings.assistants.flatMap((email) => current.get(emailKey(email)) ?? []);
    checked.push({ person, user, assistants });
  }

  // The columns an update file has, by its rules: a row it refuses leaves that person's settings where they are.
  const rows: SourceRow[] = checked.map(({ person }) => fileRow(person));
  const plan = planImport(rows, 'update', {}, await loadAccountView(tx, account, rows, {}));
  const updates = [];
  const valid = new Set<string>();
  for (const row of plan.rows) {
    const key = emailKey(row.email);
    if (row.kind === 'invalid') {
      result.kept.set(key, row.problems);
      continue;
    }
    valid.add(key);
    if (row.kind === 'update') {
      updates.push(row);
      result.changes.set(
        key,
        row.changed.map((field) => fileChange(field, row.current, row.fields)),
      );
    }
  }
  await applyPlan(tx, rec, account, updates, () => {});

  // What everyone holds now, read once; the settings rows written together at the end.
  const held = await comparedSettings(tx, { everyone: true });
  const writes: SettingsWrite[] = [];
  for (const { person, user, assistants } of checked) {
    const key = emailKey(person.email);
    const now = held.get(user.phoneUserId);
    if (!valid.has(key) || !now) continue;
    const delegation = await takeAssistants(tx, rec, user, now.assistants, assistants, current, verb);
    if ('error' in delegation) {
      result.kept.set(key, [{ column: 'assistants', error: delegation.error }]);
      result.changes.delete(key);
      continue;
    }
    const changes = result.changes.get(key) ?? [];
    const settings = takeSettings(rec, user, now, person.settings, verb);
    changes.push(...settings.changes);
    const blocked = await takeBlocked(tx, rec, user, now.blocked, person.settings, verb);
    changes.push(...blocked, ...delegation.changes);
    if (settings.write || blocked.length > 0 || delegation.changes.length > 0) {
      writes.push({ phoneUserId: user.phoneUserId, patch: settings.write ?? {} });
    }
    if (changes.length > 0) result.changes.set(key, changes);
    result.adopted.add(key);
  }
  await updateSettingsMany(tx, writes, rec.at);
  return result;
}

type Held = Awaited<ReturnType<typeof comparedSettings>> extends Map<number, infer T> ? T : never;
type SettingsWrite = Parameters<typeof updateSettingsMany>[1][number];

/** What stops a person's settings being taken before anything is written. */
function settingProblems(
  settings: AccountSettings,
  current: Map<string, Current>,
): { column: string; error: DomainError }[] {
  const problems: { column: string; error: DomainError }[] = settings.kept.map((reason) => ({
    column: 'settings',
    error: { code: 'ADOPTION_SETTING_KEPT', reason },
  }));
  if (settings.voicemailPin !== null) {
    const pin = checkPin(settings.voicemailPin);
    if (!pin.ok)
      problems.push({
        column: 'voicemail PIN',
        error: { code: 'SETTINGS_INVALID', problems: [pin.problem] },
      });
  }
  for (const entry of settings.blocked) {
    const parsed = parseBlockedEntry(entry.value);
    if (!parsed.ok) problems.push({ column: 'blocked', error: parsed.error });
  }
  for (const email of settings.assistants) {
    if (!current.has(emailKey(email))) {
      problems.push({
        column: 'assistants',
        error: { code: 'ADOPTION_SETTING_KEPT', reason: 'assistant_not_adopted', detail: email },
      });
    }
  }
  if (settings.assistants.length > MAX_ASSISTANTS) {
    problems.push({
      column: 'assistants',
      error: {
        code: 'ASSISTANT_LIMIT',
        user: { name: '', email: '', slackUserId: null },
        max: MAX_ASSISTANTS,
      },
    });
  }
  return problems;
}

/** The update-file row of a person's settings: `-` clears what the phone system does not hold. */
function fileRow(person: SettingsOf): SourceRow {
  const { settings } = person;
  const address = settings.emergencyAddress;
  const cells: SourceRow['cells'] = {
    email: person.email,
    outboundCallerId: settings.callerId.kind === 'number' ? settings.callerId.number : CLEAR,
    areaCode: settings.areaCode ?? CLEAR,
    ...(settings.language ? { audioPromptLanguage: settings.language } : {}),
    ...(address
      ? {
          emergencyAddressLine1: address.line1,
          emergencyAddressLine2: address.line2 ?? '',
          emergencyCity: address.city,
          emergencyState: address.state,
          emergencyPostalCode: address.postalCode,
          emergencyCountry: address.country,
        }
      : { emergencyAddressLine1: CLEAR }),
    ...(settings.deskPhones.length > 0
      ? {
          deskPhoneMac: settings.deskPhones.map((phone) => phone.mac).join(';'),
          deskPhoneModel: settings.deskPhones.map((phone) => phone.model.replace(/;/g, ',')).join(';'),
        }
      : { deskPhoneMac: CLEAR }),
  };
  return { line: person.line, cells };
}

function fileChange(
  field: ChangedField,
  current: CurrentUser,
  fields: {
    callerId: Current['callerId'];
    areaCode: string | null;
    language: string;
    address: Current['address'];
    deskPhones: Current['deskPhones'];
  },
): FieldChange {
  switch (field) {
    case 'callerId': {
      const shown = (id: Current['callerId']) => (id.kind === 'number' ? id.number : 'hidden');
      return { field, from: shown(current.callerId), to: shown(fields.callerId) };
    }
    case 'areaCode':
      return { field, from: current.areaCode ?? '', to: fields.areaCode ?? '' };
    case 'language':
      return { field, from: current.language, to: fields.language };
    case 'address':
      return {
        field,
        from: current.address ? addressLine(current.address) : '',
        to: fields.address ? addressLine(fields.address) : '',
      };
    case 'deskPhones':
      return {
        field,
        from: current.deskPhones.map((phone) => phone.mac).join('; '),
        to: fields.deskPhones.map((phone) => phone.mac).join('; '),
      };
    default:
      return { field, from: '', to: '' };
  }
}

/**
 * Business hours, hold music and the PIN (when the phone system gave one), audited as one change; the write is
 * returned, for the one statement that writes everyone's.
 */
function takeSettings(
  rec: Recorder,
  user: Current,
  before: Held,
  settings: AccountSettings,
  verb: 'adopted' | 'taken',
): { changes: FieldChange[]; write?: SettingsWrite['patch'] } {
  const patch: SettingsWrite['patch'] = {};
  const changes: FieldChange[] = [];
  if (!sameHours(before.businessHours, settings.businessHours)) {
    patch.businessHours = settings.businessHours;
    changes.push({
      field: 'hours',
      from: hoursSpec(before.businessHours),
      to: hoursSpec(settings.businessHours),
    });
  }
  if (before.holdMusic.kind !== settings.holdMusic) {
    patch.holdMusic = { kind: settings.holdMusic };
    changes.push({ field: 'holdMusic', from: before.holdMusic.kind, to: settings.holdMusic });
  }
  if (settings.voicemailPin !== null && settings.voicemailPin !== before.voicemailPin) {
    patch.voicemailPin = settings.voicemailPin;
    changes.push({ field: 'pin', from: PIN_SHOWN, to: PIN_SHOWN });
  }
  const fields = Object.keys(patch) as (keyof typeof patch)[];
  if (fields.length === 0) return { changes };
  const snapshot = (values: Pick<Held, 'businessHours' | 'holdMusic' | 'voicemailPin'>) =>
    settingsSnapshot(values as PhoneUserSettings, fields);
  const after = { ...before, ...patch };
  rec.audit({
    action: `settings.${verb}`,
    ...auditTarget(user),
    before: snapshot(before),
    after: snapshot(after),
  });
  rec.emit({ kind: 'phone_user.settings_changed', user: userRef(user), settings: snapshot(after) });
  return { changes, write: patch };
}

/** The blocked list becomes the phone system's: entries it lacks go, entries it has come. */
async function takeBlocked(
  tx: Transaction,
  rec: Recorder,
  user: Current,
  held: readonly string[],
  settings: AccountSettings,
  verb: 'adopted' | 'taken',
): Promise<FieldChange[]> {
  const before = [...held].sort().map((value) => ({ value }));
  const wanted = settings.blocked.flatMap((entry) => {
    const parsed = parseBlockedEntry(entry.value);
    return parsed.ok ? [parsed.entry] : [];
  });
  const wantedValues = new Set(wanted.map((entry) => entry.value));
  const heldValues = new Set(before.map((entry) => entry.value));
  let changed = false;
  for (const entry of before) {
    if (wantedValues.has(entry.value)) continue;
    const removed = await deleteBlocked(tx, user.phoneUserId, entry.value);
    if (removed) rec.emit({ kind: 'phone_user.blocked_removed', user: userRef(user), entry: removed });
    changed = true;
  }
  for (const entry of wanted) {
    if (heldValues.has(entry.value)) continue;
    if (await insertBlocked(tx, user.phoneUserId, entry, rec.at)) {
      rec.emit({ kind: 'phone_user.blocked_added', user: userRef(user), entry });
      heldValues.add(entry.value);
      changed = true;
    }
  }
  if (!changed) return [];
  const after = await blockedOf(tx, user.phoneUserId);
  const values = (list: { value: string }[]) => list.map((entry) => entry.value);
  rec.audit({
    action: `blocked.${verb}`,
    ...auditTarget(user),
    before: { blocked: values(before) },
    after: { blocked: values(after) },
  });
  return [{ field: 'blocked', from: values(before).join('; '), to: values(after).join('; ') }];
}

/**
 * The people who answer this person's calls become the phone system's. One that would close a circle of
 * assistants is refused, as `/phone delegate add` refuses it.
 */
async function takeAssistants(
  tx: Transaction,
  rec: Recorder,
  user: Current,
  heldEmails: readonly string[],
  wanted: readonly Current[],
  current: Map<string, Current>,
  verb: 'adopted' | 'taken',
): Promise<{ changes: FieldChange[] } | { error: DomainError }> {
  const before = heldEmails.flatMap((email) => {
    const held = current.get(emailKey(email));
    return held ? [{ phoneUserId: held.phoneUserId, person: { email: held.email } }] : [];
  });
  if (before.length === 0 && wanted.length === 0) return { changes: [] };
  const wantedIds = new Set(wanted.map((assistant) => assistant.phoneUserId));
  const heldIds = new Set(before.map((assistant) => assistant.phoneUserId));
  for (const assistant of wanted) {
    if (heldIds.has(assistant.phoneUserId) || assistant.phoneUserId === user.phoneUserId) continue;
    const cycle = delegationCycle(
      await delegationsFrom(tx, assistant.phoneUserId),
      user.phoneUserId,
      assistant.phoneUserId,
    );
    if (cycle) {
      return {
        error: { code: 'ADOPTION_SETTING_KEPT', reason: 'assistant_cycle', detail: assistant.email },
      };
    }
  }
  let changed = false;
  for (const assistant of before) {
    if (wantedIds.has(assistant.phoneUserId)) continue;
    await deleteDelegation(tx, user.phoneUserId, assistant.phoneUserId);
    const gone = current.get(emailKey(assistant.person.email));
    if (gone)
      rec.emit({ kind: 'phone_user.assistant_removed', user: userRef(user), assistant: userRef(gone) });
    changed = true;
  }
  for (const assistant of wanted) {
    if (heldIds.has(assistant.phoneUserId) || assistant.phoneUserId === user.phoneUserId) continue;
    if (await insertDelegation(tx, user.phoneUserId, assistant.phoneUserId, rec.at)) {
      rec.emit({ kind: 'phone_user.assistant_added', user: userRef(user), assistant: userRef(assistant) });
      changed = true;
    }
  }
  if (!changed) return { changes: [] };
  const after = await assistantsOf(tx, user.phoneUserId);
  const emails = (list: { person: { email: string } }[]) => list.map((assistant) => assistant.person.email);
  rec.audit({
    action: `delegation.${verb}`,
    ...auditTarget(user),
    before: { assistants: emails(before) },
    after: { assistants: emails(after) },
  });
  return {
    changes: [{ field: 'assistants', from: emails(before).join('; '), to: emails(after).join('; ') }],
  };
}
