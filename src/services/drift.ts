import {
  compareAccounts,
  type Difference,
  type DriftField,
  type LineField,
  peopleIn,
  SETTING_FIELDS,
  type SettingField,
} from '../domain/drift.ts';
import { emailKey } from '../domain/email.ts';
import type { AccountSettings, PhoneAccount } from '../domain/phone-account.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { AccountSettingsRow } from '../store/account.ts';
import { DRIFT_LEASES } from '../store/database.ts';
import {
  type DriftCheckRow,
  failInterruptedChecks,
  findDriftCheck,
  finishDriftCheck,
  latestDriftCheck,
  startDriftCheck,
} from '../store/drift.ts';
import { allPhoneUserFields, directoryByEmails, type ExportedUser } from '../store/import-rows.ts';
import { allNumbers } from '../store/numbers.ts';
import { markForSync, pendingSyncEmails } from '../store/phone-sync.ts';
import { cardByDirectoryUser } from '../store/phone-users.ts';
import { planCatalog } from '../store/plans.ts';
import { listQueues } from '../store/routing.ts';
import { comparedSettings } from '../store/settings.ts';
import { listSites } from '../store/sites.ts';
import { adoptSettings } from './adoption-settings.ts';
import {
  type Actor,
  catchDomain,
  type Deps,
  type Executor,
  fail,
  type Recorder,
  requireAdmin,
  runChange,
} from './context.ts';
import { applyPlan } from './imports/apply.ts';
import { loadAccountView } from './imports/load.ts';
import { CLEAR, planImport, type SourceRow } from './imports/plan.ts';
import { removeOne } from './licenses.ts';
import type { AccountReadProgress } from './phone-system.ts';
import { auditTarget } from './snapshots.ts';

const ACTION = 'drift';

/**
 * Switchboard's side of the comparison, in the words the phone system's account is read in; with `settings`, the
 * settings of everyone whose settings are Switchboard's.
 */
export async function switchboardAccount(
  db: Executor,
  options: { settings?: boolean } = {},
): Promise<PhoneAccount> {
  const [users, sites, plans, numbers, queues, settings] = await Promise.all([
    allPhoneUserFields(db),
    listSites(db),
    planCatalog(db),
    allNumbers(db),
    listQueues(db),
    options.settings ? comparedSettings(db) : new Map<number, HeldSettings>(),
  ]);
  return {
    sites: sites.map((site) => ({ name: site.name, code: site.siteCode })),
    plans: plans.map((plan) => ({ code: plan.code, name: plan.shortName, subscribed: plan.inventory })),
    numbers,
    lines: users.map((user) => ({
      email: user.email,
      name: `${user.firstName} ${user.lastName}`.trim(),
      status: user.status,
      site: user.site,
      extension: user.extension,
      plans: user.planCodes,
      numbers: user.numbers,
      ...settingsOf(user, settings.get(user.phoneUserId)),
    })),
    queues: queues.map((queue) => ({
      name: queue.name,
      extension: queue.extension,
      site: queue.site,
      members: queue.members.map((member) => member.person.email),
    })),
  };
}

type HeldSettings = Awaited<ReturnType<typeof comparedSettings>> extends Map<number, infer T> ? T : never;

function settingsOf(user: ExportedUser, held: HeldSettings | undefined): { settings?: AccountSettings } {
  if (!held) return {};
  return {
    settings: {
      businessHours: held.businessHours,
      holdMusic: held.holdMusic.kind === 'none' ? 'none' : 'default',
      callerId: user.callerId,
      areaCode: user.areaCode,
      language: user.language,
      voicemailPin: held.voicemailPin,
      emergencyAddress: user.address,
      deskPhones: user.deskPhones,
      assistants: held.assistants,
      blocked: held.blocked.map((value) => ({ kind: 'number', value })),
      kept: held.holdMusic.kind === 'audio' ? ['hold_music_audio'] : [],
    },
  };
}

/**
 * Reads the phone system's whole account and compares it with Switchboard's, recording the outcome: one check at
 * a time on every instance (a second finds it busy). `requestedBy` is the admin who asked, `null` for the
 * scheduled check. A phone system that refuses or cannot be reached ends the check as failed, with why.
 */
export async function checkDrift(
  deps: Deps,
  requestedBy: string | null,
  progress?: (read: AccountReadProgress) => void,
): Promise<Result<DriftCheckRow>> {
  const system = deps.phoneSystem;
  if (!system) return err({ code: 'PHONE_SYSTEM_NONE', what: 'compare' });
  if (!system.readAccount)
    return err({ code: 'PHONE_SYSTEM_NO_ACCOUNT', system: system.name, what: 'compare with' });
  const release = await deps.leases.take({ space: DRIFT_LEASES, id: 1 });
  if (!release) return err({ code: 'DRIFT_BUSY' });
  // An admin who asks waits for everyone's settings too (a few calls a person); the scheduled check reads lines.
  const settings = requestedBy !== null;
  try {
    const check = await startDriftCheck(deps.db, { requestedBy, system: system.name, at: deps.clock.now() });
    await failInterruptedChecks(deps.db, check.id, deps.clock.now());
    let reason: string;
    try {
      const read = await system.readAccount(progress, { settings });
      if (read.ok) {
        // People still being applied differ by design until the sync reaches them: that is not drift.
        const inFlight = new Set((await pendingSyncEmails(deps.db)).map(emailKey));
        const differences = compareAccounts({
          switchboard: await switchboardAccount(deps.db, { settings }),
          phoneSystem: read.account,
        }).filter((d) => !('email' in d) || !inFlight.has(emailKey(d.email)));
        // Kept for *Take the phone system's*: the settings of the people whose settings differ.
        const differing = new Set(
          differences.flatMap((d) =>
            d.kind === 'field' && isSettingField(d.field) ? [emailKey(d.email)] : [],
          ),
        );
        const phoneSettings: Record<string, AccountSettings> = {};
        for (const line of read.account.lines) {
          if (line.settings && differing.has(emailKey(line.email)))
            phoneSettings[emailKey(line.email)] = line.settings;
        }
        const done = await finishDriftCheck(deps.db, check.id, {
          state: 'done',
          differences,
          settingsCompared: settings,
          phoneSettings,
          linesRead: read.account.lines.length,
          at: deps.clock.now(),
        });
        return ok(done);
      }
      reason = read.reason;
    } catch (error) {
      reason = `it could not be reached (${error instanceof Error ? error.message : String(error)}).`;
    }
    await finishDriftCheck(deps.db, check.id, { state: 'failed', failure: reason, at: deps.clock.now() });
    return err({ code: 'DRIFT_READ_FAILED', system: system.name, reason });
  } finally {
    await release();
  }
}

/** `/phone drift`: a fresh check, for an admin. */
export async function checkDriftFor(
  deps: Deps,
  actor: Actor,
  progress?: (read: AccountReadProgress) => void,
): Promise<Result<DriftCheckRow>> {
  const allowed = await requireAdmin(deps, actor, ACTION);
  if (!allowed.ok) return allowed;
  return checkDrift(deps, actor.slackUserId, progress);
}

/** The Home tab's *See the differences*: the check it showed, for an admin, while it is still the latest. */
export async function driftReportFor(
  deps: Deps,
  actor: Actor,
  checkId: number,
): Promise<Result<DriftCheckRow>> {
  const allowed = await requireAdmin(deps, actor, ACTION);
  if (!allowed.ok) return allowed;
  return catchDomain(() => currentCheck(deps.db, checkId));
}

/** The people a check names, in the order its report lists them (buttons name a person by place). */
export async function peopleOfCheck(deps: Deps, checkId: number): Promise<string[]> {
  const check = await findDriftCheck(deps.db, checkId);
  return check ? peopleIn(check.differences) : [];
}

export type DriftSettled = { people: string[] };

/**
 * *Keep Switchboard's*: the people a report names (or the one `email` names) are marked for the phone system, so
 * the sync worker makes it hold Switchboard's values again. People the phone system has and Switchboard does not
 * are left as they are.
 */
export async function keepSwitchboards(
  deps: Deps,
  actor: Actor,
  checkId: number,
  email?: string,
): Promise<Result<DriftSettled>> {
  return runChange(deps, actor, ACTION, async (tx, rec) => {
    const differences = chosen(await currentCheck(tx, checkId), email).filter(
      (d) => d.kind === 'field' || d.kind === 'only_switchboard',
    );
    const directory = await directoryByEmails(tx, peopleIn(differences).map(emailKey));
    const people = peopleIn(differences).flatMap((address) => {
      const entry = directory.get(emailKey(address));
      return entry ? [{ directoryUserId: entry.id, email: entry.email }] : [];
    });
    if (people.length === 0) fail({ code: 'DRIFT_NOTHING', side: 'switchboard' });
    await markForSync(tx, rec.at, people, rec.requestId);
    rec.marked = true;
    await auditSettled(tx, rec, 'drift.kept', differences);
    return { people: people.map((person) => person.email) };
  });
}

/**
 * *Take the phone system's*: each differing field of the people a report names (or the one `email` names) is
 * written into Switchboard as the phone system holds it, by the same rules as an update file, and people the
 * phone system gives no line lose their license here, all in one transaction. A value Switchboard's rules refuse
 * (an extension someone else holds, a site it does not know) changes nothing.
 */
export async function takePhoneSystems(
  deps: Deps,
  actor: Actor,
  checkId: number,
  email?: string,
): Promise<Result<DriftSettled>> {
  return runChange(deps, actor, ACTION, async (tx, rec, account) => {
    const check = await currentCheck(tx, checkId);
    const all = chosen(check, email);
    const differences = all.filter((d): d is Extract<Difference, { kind: 'field' }> => d.kind === 'field');
    const lineless = all.filter((d) => d.kind === 'only_switchboard');
    if (differences.length + lineless.length === 0) fail({ code: 'DRIFT_NOTHING', side: 'phone_system' });
    const rows = await updateRows(tx, account, differences);
    const view = await loadAccountView(tx, account, rows, {});
    const plan = planImport(rows, 'update', {}, view);
    for (const row of plan.rows) {
      if (row.kind === 'invalid')
        fail({ code: 'DRIFT_TAKE_INVALID', email: row.email, problems: row.problems });
    }
    await applyPlan(tx, rec, account, plan.rows, () => {});
    // Settings: each person's whole set, as the phone system held it at the check, by the rules adoption follows.
    const settingsPeople = peopleIn(differences.filter((d) => isSettingField(d.field)));
    const taken = await adoptSettings(
      tx,
      rec,
      account,
      settingsPeople.flatMap((address, index) => {
        const settings = check.phoneSettings?.[emailKey(address)];
        return settings ? [{ line: index + 2, email: address, settings }] : [];
      }),
      'taken',
    );
    for (const [key, problems] of taken.kept) {
      const address = settingsPeople.find((person) => emailKey(person) === key) ?? key;
      fail({ code: 'DRIFT_TAKE_INVALID', email: address, problems });
    }
    // Someone the phone system gives no line loses their license here too, as `/phone remove` takes it.
    const directory = await directoryByEmails(tx, peopleIn(lineless).map(emailKey));
    for (const entry of directory.values()) {
      const card = await cardByDirectoryUser(tx, entry.id);
      if (card) await removeOne(tx, rec, card);
    }
    await auditSettled(tx, rec, 'drift.taken', [...differences, ...lineless]);
    return { people: peopleIn([...differences, ...lineless]) };
  });
}

/** The check a button names, if it is still the latest: differences of an older one may no longer hold. */
async function currentCheck(db: Executor, checkId: number): Promise<DriftCheckRow> {
  const check = await findDriftCheck(db, checkId);
  if (check?.state !== 'done') return fail({ code: 'DRIFT_NOT_FOUND' });
  const latest = await latestDriftCheck(db);
  if (latest && latest.id !== check.id) fail({ code: 'DRIFT_STALE', checkedAt: check.startedAt });
  return check;
}

function chosen(check: DriftCheckRow, email: string | undefined): Difference[] {
  if (email === undefined) return check.differences;
  const key = emailKey(email);
  return check.differences.filter((d) => 'email' in d && emailKey(d.email) === key);
}

const isSettingField = (field: DriftField): field is SettingField =>
  (SETTING_FIELDS as readonly string[]).includes(field);

const COLUMN: Record<LineField, 'extension' | 'site' | 'callingPlans' | 'phoneNumbers' | 'status'> = {
  extension: 'extension',
  site: 'site',
  plans: 'callingPlans',
  numbers: 'phoneNumbers',
  status: 'status',
};

/**
 * One update-file row per person with the phone system's value in each differing column, others blank (kept).
 * An extension is written as the site's short extension when site codes are on, as a file would give it.
 */
async function updateRows(
  db: Executor,
  account: AccountSettingsRow,
  differences: Extract<Difference, { kind: 'field' }>[],
): Promise<SourceRow[]> {
  const sites = await listSites(db);
  // Only with site codes on does an extension need its person's site: read the people then, and only then.
  const current = new Map(
    account.siteCodesEnabled
      ? (await allPhoneUserFields(db)).map((user) => [emailKey(user.email), user] as const)
      : [],
  );
  const byPerson = new Map<string, Record<string, string>>();
  for (const d of differences) {
    if (isSettingField(d.field)) continue;
    const key = emailKey(d.email);
    const cells = byPerson.get(key) ?? { email: d.email };
    byPerson.set(key, cells);
    cells[COLUMN[d.field]] = d.phoneSystem === '' && d.field !== 'extension' ? CLEAR : d.phoneSystem;
  }
  let line = 1;
  return [...byPerson].map(([key, cells]) => {
    const extension = cells.extension;
    if (extension !== undefined && account.siteCodesEnabled) {
      const siteName = cells.site ?? current.get(key)?.site ?? '';
      const code = sites.find((site) => site.name.toLowerCase() === siteName.toLowerCase())?.siteCode;
      if (code && extension.startsWith(code)) cells.extension = extension.slice(code.length);
    }
    line += 1;
    return { line, cells };
  });
}

/** One audit row per person, on the person (as every change to a line is), with both sides' values. */
async function auditSettled(
  tx: Executor,
  rec: Recorder,
  action: 'drift.kept' | 'drift.taken',
  differences: readonly Difference[],
) {
  const directory = await directoryByEmails(tx, peopleIn(differences).map(emailKey));
  const byPerson = new Map<
    string,
    { email: string; before: Record<string, string>; after: Record<string, string> }
  >();
  for (const d of differences) {
    if (d.kind !== 'field' && d.kind !== 'only_switchboard') continue;
    const entry = byPerson.get(emailKey(d.email)) ?? { email: d.email, before: {}, after: {} };
    byPerson.set(emailKey(d.email), entry);
    const field = d.kind === 'field' ? d.field : 'line';
    const switchboard = d.kind === 'field' ? d.switchboard : `extension ${d.extension}`;
    const phoneSystem = d.kind === 'field' ? d.phoneSystem : 'none';
    // Keeping Switchboard's puts the phone system's value back; taking it writes it into Switchboard.
    entry.before[field] = action === 'drift.kept' ? phoneSystem : switchboard;
    entry.after[field] = action === 'drift.kept' ? switchboard : phoneSystem;
  }
  for (const { email, before, after } of byPerson.values()) {
    const entry = directory.get(emailKey(email));
    if (!entry) continue;
    rec.audit({ action, ...auditTarget({ directoryUserId: entry.id, email: entry.email }), before, after });
  }
}
