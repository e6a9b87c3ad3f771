import { addressLine } from './address.ts';
import { emailKey } from './email.ts';
import { hoursSpec } from './hours.ts';
import type { AccountLine, AccountSettings, PhoneAccount } from './phone-account.ts';

/**
 * Drift: where the phone system no longer holds what Switchboard says, because someone changed it in the phone
 * system's own portal. Both sides are read in the same words (`PhoneAccount`) and compared here, with no I/O.
 */

export type LineField = 'extension' | 'site' | 'plans' | 'numbers' | 'status';

export const LINE_FIELDS: readonly LineField[] = ['extension', 'site', 'plans', 'numbers', 'status'];

/** The settings Switchboard sends the phone system, compared when both sides' were read. */
export type SettingField =
  | 'hours'
  | 'holdMusic'
  | 'pin'
  | 'callerId'
  | 'areaCode'
  | 'language'
  | 'address'
  | 'deskPhones'
  | 'assistants'
  | 'blocked';

export const SETTING_FIELDS: readonly SettingField[] = [
  'hours',
  'holdMusic',
  'pin',
  'callerId',
  'areaCode',
  'language',
  'address',
  'deskPhones',
  'assistants',
  'blocked',
];

export type DriftField = LineField | SettingField;

/** A PIN is a secret: a difference says only that the two differ. */
export const PIN_VALUES = { switchboard: 'set', phoneSystem: 'another PIN' } as const;

/** Values as people read them: plans by code, numbers E.164, several joined by `; `, nothing as `""`. */
export type Difference =
  | { kind: 'field'; email: string; field: DriftField; switchboard: string; phoneSystem: string }
  /** A line the phone system has and Switchboard does not. */
  | { kind: 'only_phone_system'; email: string; extension: string }
  /** A licensed person Switchboard has and the phone system gives no line. */
  | { kind: 'only_switchboard'; email: string; extension: string }
  | { kind: 'site'; name: string; switchboard: string; phoneSystem: string }
  | { kind: 'plan'; code: number; name: string; switchboard: number; phoneSystem: number }
  | { kind: 'number'; number: string; switchboard: string; phoneSystem: string };

/** Switchboard's side: the same shape, with a calling plan's inventory as its subscribed count. */
export type DriftSides = { switchboard: PhoneAccount; phoneSystem: PhoneAccount };

const MISSING = 'missing';

/** Every difference between the two sides, people first (by email), then sites, plans and numbers. */
export function compareAccounts({ switchboard, phoneSystem }: DriftSides): Difference[] {
  const differences: Difference[] = [];
  const theirs = byEmail(phoneSystem.lines);
  const ours = byEmail(switchboard.lines);
  const emails = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  for (const key of emails) {
    const mine = ours.get(key);
    const other = theirs.get(key);
    if (mine && !other) {
      differences.push({ kind: 'only_switchboard', email: mine.email, extension: mine.extension });
    } else if (other && !mine) {
      differences.push({ kind: 'only_phone_system', email: other.email, extension: other.extension });
    } else if (mine && other) {
      for (const field of LINE_FIELDS) {
        const a = fieldValue(mine, field);
        const b = fieldValue(other, field);
        if (a !== b) {
          differences.push({ kind: 'field', email: mine.email, field, switchboard: a, phoneSystem: b });
        }
      }
      if (mine.settings && other.settings) {
        differences.push(...compareSettings(mine.email, mine.settings, other.settings));
      }
    }
  }
  differences.push(...compareSites(switchboard, phoneSystem));
  differences.push(...comparePlans(switchboard, phoneSystem));
  differences.push(...compareNumbers(switchboard, phoneSystem));
  return differences;
}

/** A field's value in the words both sides are compared in. */
export function fieldValue(line: AccountLine, field: LineField): string {
  switch (field) {
    case 'extension':
      return line.extension;
    case 'site':
      return line.site;
    case 'plans':
      return [...new Set(line.plans)].sort((a, b) => a - b).join('; ');
    case 'numbers':
      return [...new Set(line.numbers)].sort().join('; ');
    case 'status':
      return line.status;
  }
}

/** One person's settings, field by field; what the phone system did not say (no PIN, no language) is not compared. */
function compareSettings(email: string, mine: AccountSettings, other: AccountSettings): Difference[] {
  const out: Difference[] = [];
  for (const field of SETTING_FIELDS) {
    if (field === 'pin') {
      if (other.voicemailPin !== null && other.voicemailPin !== mine.voicemailPin) {
        out.push({ kind: 'field', email, field, ...PIN_VALUES });
      }
      continue;
    }
    if (field === 'language' && other.language === null) continue;
    const a = settingValue(mine, field);
    const b = settingValue(other, field);
    if (a !== b) out.push({ kind: 'field', email, field, switchboard: a, phoneSystem: b });
  }
  return out;
}

/** A setting in the words both sides are compared in; lists sorted, MACs as 12 upper-case hex digits. */
export function settingValue(settings: AccountSettings, field: Exclude<SettingField, 'pin'>): string {
  const list = (values: readonly string[]) => [...new Set(values)].sort().join('; ');
  switch (field) {
    case 'hours':
      return hoursSpec(settings.businessHours);
    case 'holdMusic':
      return settings.kept.includes('hold_music_audio') ? 'uploaded audio' : settings.holdMusic;
    case 'callerId':
      return settings.callerId.kind === 'number' ? settings.callerId.number : 'hidden';
    case 'areaCode':
      return settings.areaCode ?? '';
    case 'language':
      return settings.language ?? '';
    case 'address':
      return settings.emergencyAddress ? addressLine(settings.emergencyAddress) : '';
    case 'deskPhones':
      return list(settings.deskPhones.map((phone) => phone.mac.replace(/[^0-9a-f]/gi, '').toUpperCase()));
    case 'assistants':
      return list(settings.assistants.map(emailKey));
    case 'blocked':
      return list(settings.blocked.map((entry) => entry.value));
  }
}

function byEmail(lines: readonly AccountLine[]): Map<string, AccountLine> {
  return new Map(lines.map((line) => [emailKey(line.email), line]));
}

function compareSites(ours: PhoneAccount, theirs: PhoneAccount): Difference[] {
  const key = (name: string) => name.trim().toLowerCase();
  const mine = new Map(ours.sites.map((site) => [key(site.name), site]));
  const other = new Map(theirs.sites.map((site) => [key(site.name), site]));
  const out: Difference[] = [];
  for (const name of [...new Set([...mine.keys(), ...other.keys()])].sort()) {
    const a = mine.get(name);
    const b = other.get(name);
    const describe = (site: { code: string | null } | undefined) =>
      site === undefined ? MISSING : site.code === null ? 'no code' : `code ${site.code}`;
    if (a && b && a.code === b.code) continue;
    // A site code is only compared where both have one: a phone system without site codes has none to give.
    if (a && b && (a.code === null || b.code === null)) continue;
    out.push({
      kind: 'site',
      name: (a ?? b)?.name ?? name,
      switchboard: describe(a),
      phoneSystem: describe(b),
    });
  }
  return out;
}

function comparePlans(ours: PhoneAccount, theirs: PhoneAccount): Difference[] {
  const mine = new Map(ours.plans.map((plan) => [plan.code, plan]));
  const out: Difference[] = [];
  for (const plan of [...theirs.plans].sort((a, b) => a.code - b.code)) {
    const held = mine.get(plan.code)?.subscribed ?? 0;
    if (held !== plan.subscribed) {
      out.push({
        kind: 'plan',
        code: plan.code,
        name: mine.get(plan.code)?.name ?? plan.name,
        switchboard: held,
        phoneSystem: plan.subscribed,
      });
    }
  }
  const known = new Set(theirs.plans.map((plan) => plan.code));
  for (const plan of ours.plans) {
    if (known.has(plan.code) || plan.subscribed === 0) continue;
    out.push({
      kind: 'plan',
      code: plan.code,
      name: plan.name,
      switchboard: plan.subscribed,
      phoneSystem: 0,
    });
  }
  return out;
}

/** Numbers one side has and the other does not; who holds a number is compared on the person's line. */
function compareNumbers(ours: PhoneAccount, theirs: PhoneAccount): Difference[] {
  const mine = new Set(ours.numbers.map((n) => n.number));
  const other = new Set(theirs.numbers.map((n) => n.number));
  const out: Difference[] = [];
  for (const number of [...new Set([...mine, ...other])].sort()) {
    if (mine.has(number) && other.has(number)) continue;
    out.push({
      kind: 'number',
      number,
      switchboard: mine.has(number) ? 'in the account' : MISSING,
      phoneSystem: other.has(number) ? 'in the account' : MISSING,
    });
  }
  return out;
}

/** The people a list of differences names, each once, in order. */
export function peopleIn(differences: readonly Difference[]): string[] {
  const seen = new Map<string, string>();
  for (const d of differences) {
    if (d.kind === 'field' || d.kind === 'only_phone_system' || d.kind === 'only_switchboard') {
      if (!seen.has(emailKey(d.email))) seen.set(emailKey(d.email), d.email);
    }
  }
  return [...seen.values()];
}
