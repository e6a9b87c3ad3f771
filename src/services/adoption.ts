import type { AdoptionCounts } from '../domain/adoption.ts';
import { emailKey } from '../domain/email.ts';
import type { DomainError } from '../domain/errors.ts';
import { splitRealName } from '../domain/people.ts';
import type { AccountLine, PhoneAccount } from '../domain/phone-account.ts';
import { normalizeE164 } from '../domain/phone-numbers.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { readAccount, updateAccount } from '../store/account.ts';
import {
  type AdoptionRow,
  cancelPreviewedAdoptions,
  insertAdoptionPreview,
  lockAdoption,
  markAdoptionApplied,
  markAdoptionCancelled,
  setSettingsInPhoneSystem,
} from '../store/adoptions.ts';
import type { Transaction } from '../store/database.ts';
import { allPhoneUserFields, directoryByEmails } from '../store/import-rows.ts';
import { accountNumbersAmong, insertNumbers } from '../store/numbers.ts';
import { recordInSync } from '../store/phone-sync.ts';
import { planCatalog, setPlanInventory } from '../store/plans.ts';
import {
  insertQueue,
  insertReceptionist,
  putQueueMember,
  queueByName,
  queueMembership,
  receptionistByName,
  setReceptionistOperator,
} from '../store/routing.ts';
import { insertSite, listSites } from '../store/sites.ts';
import { adoptSettings, type FieldChange, type SettingsOf } from './adoption-settings.ts';
import { type Actor, type Deps, fail, Recorder, requireAdmin, runChange } from './context.ts';
import { applyPlan } from './imports/apply.ts';
import { loadAccountView } from './imports/load.ts';
import {
  type ChangedField,
  type PlannedRow,
  planImport,
  type RowProblem,
  type SourceRow,
} from './imports/plan.ts';
import type { AccountReadProgress } from './phone-system.ts';
import { cleanName, receptionistTarget } from './routing.ts';
import { extensionState } from './site-rules.ts';
import { userRef } from './snapshots.ts';

const ACTION = 'adopt';

/** Adopt every line Switchboard's rules accept (`all`), or leave those that conflict with Switchboard's as they are. */
export type AdoptionChoice = 'all' | 'others';

export type { FieldChange };

/**
 * One line of the phone system, as adoption sees it: `line` is its place in what the phone system listed (the
 * preview's file names it), `conflict` an update that would change a person's extension in Switchboard.
 */
export type AdoptedLine =
  | ({ line: number; email: string; kind: 'create'; extension: string } & SettingsNote)
  | ({ line: number; email: string; kind: 'update' | 'conflict'; changes: FieldChange[] } & SettingsNote)
  | ({ line: number; email: string; kind: 'unchanged' } & SettingsNote)
  | { line: number; email: string; kind: 'invalid'; problems: RowProblem[] };

/** Why a person's settings stay in the phone system; absent when they were taken or not read. */
type SettingsNote = { settingsKept?: RowProblem[] };

export type AdoptionPlan = {
  counts: AdoptionCounts;
  lines: AdoptedLine[];
  sites: string[];
  plans: { code: number; name: string; from: number; to: number }[];
  numbers: string[];
  /** Plans the phone system has that Switchboard's catalog does not: people holding them are refused. */
  unknownPlans: { code: number; name: string }[];
  /** Numbers the phone system lists that are not phone numbers Switchboard can hold. */
  badNumbers: string[];
  queues: AdoptedQueues;
  receptionists: AdoptedReceptionists;
};

/** Auto receptionists added or given their operator, and those Switchboard's rules refuse, with why. */
export type AdoptedReceptionists = {
  added: { name: string; operator: string | null }[];
  refused: { name: string; error: DomainError }[];
};

/** Call queues added (with how many members), and those Switchboard's rules refuse, with why. */
export type AdoptedQueues = {
  added: { name: string; members: number }[];
  refused: { name: string; error: DomainError }[];
};

export type AdoptionPreview = { adoption: AdoptionRow; plan: AdoptionPlan };

/**
 * `/phone adopt`: reads the phone system's whole account and works out what adopting it would do, changing nothing:
 * the adoption is carried out in a transaction that is rolled back, so the preview is exactly what a click would
 * do against Switchboard as it is now. The account read is kept for the click; a newer preview of the same admin
 * replaces the older one.
 */
export async function previewAdoption(
  deps: Deps,
  actor: Actor,
  progress?: (read: AccountReadProgress) => void,
): Promise<Result<AdoptionPreview>> {
  const allowed = await requireAdmin(deps, actor, ACTION);
  if (!allowed.ok) return allowed;
  const system = deps.phoneSystem;
  if (!system) return err({ code: 'PHONE_SYSTEM_NONE', what: 'adopt' });
  if (!system.readAccount)
    return err({ code: 'PHONE_SYSTEM_NO_ACCOUNT', system: system.name, what: 'adopt' });
  let account: PhoneAccount;
  try {
    const read = await system.readAccount(progress, { settings: true });
    if (!read.ok) return err({ code: 'ADOPTION_READ_FAILED', system: system.name, reason: read.reason });
    account = read.account;
  } catch (error) {
    const reason = `it could not be reached (${error instanceof Error ? error.message : String(error)}).`;
    return err({ code: 'ADOPTION_READ_FAILED', system: system.name, reason });
  }
  const plan = await dryRun(deps, actor, account);
  const at = deps.clock.now();
  const adoption = await deps.db.transaction(async (tx) => {
    await cancelPreviewedAdoptions(tx, actor.slackUserId, at);
    return insertAdoptionPreview(tx, {
      requestedBy: actor.slackUserId,
      system: system.name,
      account,
      counts: plan.counts,
      at,
    });
  });
  return ok({ adoption, plan });
}

class DryRun extends Error {
  constructor(readonly plan: AdoptionPlan) {
    super('dry run');
  }
}

async function dryRun(deps: Deps, actor: Actor, account: PhoneAccount): Promise<AdoptionPlan> {
  try {
    await deps.db.transaction(async (tx) => {
      const rec = new Recorder(deps.ids.requestId(), deps.clock.now(), actor.slackUserId);
      rec.adopting = true;
      throw new DryRun(await adoptIn(tx, rec, account, 'all'));
    });
  } catch (error) {
    if (error instanceof DryRun) return error.plan;
    throw error;
  }
  throw new Error('the dry run of an adoption ended without its plan');
}

/**
 * Adopts a previewed account: its sites, plan counts, numbers and lines are written into Switchboard in one
 * transaction, checked again against Switchboard as it is now, audited as an adoption, and nothing is sent to the
 * phone system: the people adopted are recorded in sync with it, and linked to their chat accounts in the
 * background. Their settings stay the phone system's until Switchboard takes them.
 */
export async function applyAdoption(
  deps: Deps,
  actor: Actor,
  adoptionId: number,
  choice: AdoptionChoice,
): Promise<Result<AdoptionPlan>> {
  return runChange(deps, actor, ACTION, async (tx, rec) => {
    const row = await lockAdoption(tx, adoptionId);
    if (!row) return fail({ code: 'ADOPTION_NOT_FOUND' });
    if (row.status !== 'previewed' || !row.account) {
      return fail({ code: 'ADOPTION_CLOSED', status: row.status === 'applied' ? 'applied' : 'cancelled' });
    }
    rec.adopting = true;
    const plan = await adoptIn(tx, rec, row.account, choice);
    const { counts } = plan;
    const adopted = counts.create + counts.update + (choice === 'all' ? counts.conflict : 0);
    const accountWide =
      counts.sites + counts.plans + counts.numbers + (counts.queues ?? 0) + (counts.receptionists ?? 0);
    if (adopted + accountWide === 0) fail({ code: 'ADOPTION_NOTHING' });
    rec.audit({
      action: 'adoption.applied',
      targetType: 'adoption',
      targetId: String(row.id),
      targetLabel: row.system,
      before: null,
      after: { choice, ...counts },
    });
    await markAdoptionApplied(tx, row.id, {
      counts,
      requestId: rec.requestId,
      closedBy: actor.slackUserId,
      closedAt: rec.at,
    });
    return plan;
  });
}

/** *Cancel*: the preview is closed and its account read dropped. */
export async function cancelAdoption(deps: Deps, actor: Actor, adoptionId: number): Promise<Result<void>> {
  return runChange(deps, actor, ACTION, async (tx, rec) => {
    const row = await lockAdoption(tx, adoptionId);
    if (!row) return fail({ code: 'ADOPTION_NOT_FOUND' });
    if (row.status !== 'previewed') {
      return fail({ code: 'ADOPTION_CLOSED', status: row.status === 'applied' ? 'applied' : 'cancelled' });
    }
    await markAdoptionCancelled(tx, row.id, actor.slackUserId, rec.at);
  });
}

const SITE_CODE = /^[1-9][0-9]?$/;

/**
 * Writes the phone system's account into Switchboard inside `tx`: sites it lacks, plan counts it holds fewer of,
 * numbers it lacks, licenses enough for everyone, then the lines: people Switchboard has are updated first (an
 * extension they give up is then free for a new line), new people are created after, by the rules of a CSV import.
 */
async function adoptIn(
  tx: Transaction,
  rec: Recorder,
  phone: PhoneAccount,
  choice: AdoptionChoice,
): Promise<AdoptionPlan> {
  const sites = await adoptSites(tx, rec, phone);
  const catalog = await planCatalog(tx);
  const known = new Map(catalog.map((plan) => [plan.code, plan]));
  const plans: AdoptionPlan['plans'] = [];
  for (const plan of phone.plans) {
    const ours = known.get(plan.code);
    if (!ours || ours.inventory >= plan.subscribed) continue;
    await setPlanInventory(tx, plan.code, plan.subscribed);
    rec.emit({ kind: 'plan.inventory_changed', plan: plan.code, inventory: plan.subscribed });
    plans.push({ code: plan.code, name: ours.shortName, from: ours.inventory, to: plan.subscribed });
  }
  const unknownPlans = phone.plans
    .filter((plan) => !known.has(plan.code))
    .map((plan) => ({ code: plan.code, name: plan.name }));

  const badNumbers: string[] = [];
  const numbers = new Set<string>();
  for (const { number } of phone.numbers) {
    const checked = normalizeE164(number);
    if (checked.ok) numbers.add(checked.number);
    else badNumbers.push(number);
  }
  const held = await accountNumbersAmong(tx, [...numbers]);
  const newNumbers = [...numbers].filter((number) => !held.has(number)).sort();
  for (let start = 0; start < newNumbers.length; start += NUMBERS_PER_INSERT) {
    const chunk = newNumbers.slice(start, start + NUMBERS_PER_INSERT);
    await insertNumbers(tx, chunk, null, rec.at);
    rec.emit({ kind: 'numbers.added', numbers: chunk, site: null });
  }

  const current = new Map(
    (await allPhoneUserFields(tx)).map((user) => [emailKey(user.email), user] as const),
  );
  const newPeople = phone.lines.filter((line) => !current.has(emailKey(line.email))).length;
  let account = await readAccount(tx);
  if (account.licensesTotal < current.size + newPeople) {
    await updateAccount(tx, { licensesTotal: current.size + newPeople }, rec.at);
    rec.emit({ kind: 'account.licenses_changed', total: current.size + newPeople });
    account = await readAccount(tx);
  }

  const lines: AdoptedLine[] = [];
  const sitesNow = await listSites(tx);
  const siteName = new Map(sitesNow.map((site) => [site.id, site.name]));
  const source = (line: AccountLine, index: number, withName: boolean): SourceRow => {
    const site = sitesNow.find((s) => s.name.toLowerCase() === line.site.trim().toLowerCase());
    const code = account.siteCodesEnabled ? site?.siteCode : null;
    const extension =
      code && line.extension.startsWith(code) ? line.extension.slice(code.length) : line.extension;
    const name = splitRealName(line.name);
    return {
      line: index + 2,
      cells: {
        email: line.email,
        ...(withName ? { firstName: name.firstName, lastName: name.lastName } : {}),
        site: line.site,
        extension,
        callingPlans: line.plans.join(';'),
        phoneNumbers: line.numbers.join(';'),
      },
    };
  };
  const indexed = phone.lines.map((line, index) => ({ line, index }));

  // People Switchboard has: the phone system's values, one update row each.
  const updates = indexed
    .filter(({ line }) => current.has(emailKey(line.email)))
    .map(({ line, index }) => {
      const row = source(line, index, false);
      row.cells.status = line.status;
      if (line.plans.length === 0) row.cells.callingPlans = '-';
      if (line.numbers.length === 0) row.cells.phoneNumbers = '-';
      return row;
    });
  const updatePlan = planImport(updates, 'update', {}, await loadAccountView(tx, account, updates, {}));
  const chosenUpdates: PlannedRow[] = [];
  for (const row of updatePlan.rows) {
    if (row.kind === 'update') {
      const conflict = row.changed.includes('extension');
      const changes = row.changed.map((field) => describeChange(field, row, siteName));
      lines.push({ line: row.line, email: row.email, kind: conflict ? 'conflict' : 'update', changes });
      if (!conflict || choice === 'all') chosenUpdates.push(row);
    } else if (row.kind === 'unchanged') {
      lines.push({ line: row.line, email: row.email, kind: 'unchanged' });
    } else if (row.kind === 'invalid') {
      lines.push({ line: row.line, email: row.email, kind: 'invalid', problems: row.problems });
    }
  }
  await applyPlan(tx, rec, account, chosenUpdates, () => {});

  // New people, once the people Switchboard has hold their new extensions.
  const creates = indexed
    .filter(({ line }) => !current.has(emailKey(line.email)))
    .map(({ line, index }) => source(line, index, true));
  const createPlan = planImport(creates, 'add', {}, await loadAccountView(tx, account, creates, {}));
  const created: PlannedRow[] = [];
  for (const row of createPlan.rows) {
    if (row.kind === 'create') {
      lines.push({ line: row.line, email: row.email, kind: 'create', extension: row.fields.extension });
      created.push(row);
    } else if (row.kind === 'invalid') {
      // A name is the phone system's to give: say so, rather than ask for a column of a file.
      const problems = row.problems.map((problem) =>
        problem.error.code === 'IMPORT_NAME_NEEDED'
          ? {
              ...problem,
              error: {
                code: 'ADOPTION_NAME_NEEDED' as const,
                email: row.email,
                missing: problem.error.missing,
              },
            }
          : problem,
      );
      lines.push({ line: row.line, email: row.email, kind: 'invalid', problems });
    }
  }
  await applyPlan(tx, rec, account, created, () => {});

  // A line the phone system has switched off is created switched off.
  const inactive = indexed
    .filter(({ line }) => line.status === 'inactive' && !current.has(emailKey(line.email)))
    .filter(({ line }) => created.some((row) => emailKey(row.email) === emailKey(line.email)))
    .map(({ line, index }) => ({ line: index + 2, cells: { email: line.email, status: 'inactive' } }));
  if (inactive.length > 0) {
    const statusPlan = planImport(inactive, 'update', {}, await loadAccountView(tx, account, inactive, {}));
    await applyPlan(tx, rec, account, statusPlan.rows, () => {});
  }

  const queues = await adoptQueues(tx, rec, phone);
  const receptionists = await adoptReceptionists(tx, rec, phone);

  // Settings, for the people whose lines Switchboard now holds as the phone system has them.
  const taken = new Set([...created, ...chosenUpdates].map((row) => emailKey(row.email)));
  for (const line of lines) if (line.kind === 'unchanged') taken.add(emailKey(line.email));
  const withSettings: SettingsOf[] = indexed.flatMap(({ line, index }) =>
    line.settings && taken.has(emailKey(line.email))
      ? [{ line: index + 2, email: line.email, settings: line.settings }]
      : [],
  );
  const settings = await adoptSettings(tx, rec, account, withSettings);
  for (const [index, line] of lines.entries()) {
    const key = emailKey(line.email);
    const kept = settings.kept.get(key);
    const changes = settings.changes.get(key);
    if (line.kind === 'invalid') continue;
    if (kept) line.settingsKept = kept;
    if (!changes || line.kind === 'create') continue;
    if (line.kind === 'unchanged') lines[index] = { ...line, kind: 'update', changes };
    else line.changes.push(...changes);
  }

  // Whose settings stay the phone system's: new people unless theirs were taken, and anyone whose were kept.
  const createdKeys = created.map((row) => emailKey(row.email));
  const inPhoneSystem = [
    ...createdKeys.filter((key) => !settings.adopted.has(key)),
    ...[...settings.kept.keys()].filter((key) => !createdKeys.includes(key)),
  ];
  await markSettingsInPhoneSystem(tx, inPhoneSystem, true);
  await markSettingsInPhoneSystem(tx, [...settings.adopted], false);
  const directory = await directoryByEmails(tx, createdKeys);
  const adoptedPeople = [...directory.values()].map((entry) => ({
    directoryUserId: entry.id,
    email: entry.email,
  }));
  if (adoptedPeople.length > 0) await recordInSync(tx, rec.at, adoptedPeople);

  lines.sort((a, b) => a.line - b.line);
  const count = (kind: AdoptedLine['kind']) => lines.filter((line) => line.kind === kind).length;
  return {
    counts: {
      lines: phone.lines.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      conflict: count('conflict'),
      invalid: count('invalid'),
      sites: sites.length,
      plans: plans.length,
      numbers: newNumbers.length,
      queues: queues.added.length,
      receptionists: receptionists.added.length,
      settings: settings.adopted.size,
      settingsKept: settings.kept.size,
    },
    lines,
    queues,
    receptionists,
    sites,
    plans,
    numbers: newNumbers,
    unknownPlans,
    badNumbers,
  };
}

const NUMBERS_PER_INSERT = 5000;

/** Sets whether the phone system keeps the settings of the people with these email keys. */
async function markSettingsInPhoneSystem(tx: Transaction, keys: readonly string[], kept: boolean) {
  if (keys.length === 0) return;
  const directory = await directoryByEmails(tx, keys);
  await setSettingsInPhoneSystem(
    tx,
    [...directory.values()].map((entry) => entry.id),
    kept,
  );
}

/**
 * Call queues Switchboard lacks (by name), on their own extension at their site, with their members who have a
 * line in Switchboard now; a queue Switchboard has gains the members it lacks. One whose name, site or extension
 * Switchboard's rules refuse is left out, with why.
 */
async function adoptQueues(tx: Transaction, rec: Recorder, phone: PhoneAccount): Promise<AdoptedQueues> {
  const result: AdoptedQueues = { added: [], refused: [] };
  if (phone.queues.length === 0) return result;
  const sites = await listSites(tx);
  const people = new Map((await allPhoneUserFields(tx)).map((user) => [emailKey(user.email), user] as const));
  const state = await extensionState(tx);
  for (const wanted of phone.queues) {
    const name = cleanName(wanted.name);
    if (!name) {
      result.refused.push({ name: wanted.name, error: { code: 'QUEUE_NAME_INVALID', input: wanted.name } });
      continue;
    }
    let queue = await queueByName(tx, name);
    const created = !queue;
    if (!queue) {
      const site = placeOf(wanted, sites, state);
      if ('code' in site) {
        result.refused.push({ name, error: site });
        continue;
      }
      queue = await insertQueue(tx, { name, extension: wanted.extension, siteId: site.id });
      state.taken.set(wanted.extension, { name, email: '', slackUserId: null });
      rec.audit({
        action: 'call_queue.created',
        targetType: 'call_queue',
        targetId: String(queue.id),
        targetLabel: name,
        before: null,
        after: { name, extension: wanted.extension, site: site.name },
      });
      rec.emit({ kind: 'call_queue.created', queue: name, extension: wanted.extension, site: site.name });
    }
    let members = 0;
    for (const email of wanted.members) {
      const person = people.get(emailKey(email));
      if (!person || (await queueMembership(tx, queue.id, person.phoneUserId))) continue;
      await putQueueMember(tx, queue.id, person.phoneUserId, false);
      rec.emit({
        kind: 'call_queue.member_changed',
        queue: queue.name,
        user: { directoryUserId: person.directoryUserId, email: person.email },
        member: true,
        manager: false,
      });
      members += 1;
    }
    if (created || members > 0) result.added.push({ name: queue.name, members });
  }
  return result;
}

/**
 * The site of a call queue or auto receptionist to create, or why it cannot be: a site Switchboard lacks, or an
 * extension that is not one, is reserved, or someone holds.
 */
function placeOf(
  wanted: { site: string; extension: string },
  sites: Awaited<ReturnType<typeof listSites>>,
  state: Awaited<ReturnType<typeof extensionState>>,
): Awaited<ReturnType<typeof listSites>>[number] | DomainError {
  const site = sites.find((s) => s.name.toLowerCase() === wanted.site.trim().toLowerCase());
  if (!site) return { code: 'SITE_NOT_FOUND', input: wanted.site, known: sites.map((s) => s.name) };
  const holder = state.taken.get(wanted.extension);
  if (holder) return { code: 'EXTENSION_TAKEN', extension: wanted.extension, holder, suggestions: [] };
  if (!/^[0-9]{2,7}$/.test(wanted.extension) || state.reserved.has(wanted.extension)) {
    return { code: 'EXTENSION_RESERVED', extension: wanted.extension, suggestions: [] };
  }
  return site;
}

/**
 * Auto receptionists Switchboard lacks (by name), on their own extension at their site, with their operator when
 * that person has a line in Switchboard now; one Switchboard has gains the phone system's operator if it has none.
 * One whose name, site or extension Switchboard's rules refuse is left out, with why.
 */
async function adoptReceptionists(
  tx: Transaction,
  rec: Recorder,
  phone: PhoneAccount,
): Promise<AdoptedReceptionists> {
  const result: AdoptedReceptionists = { added: [], refused: [] };
  const wanted = phone.receptionists ?? [];
  if (wanted.length === 0) return result;
  const sites = await listSites(tx);
  const people = new Map((await allPhoneUserFields(tx)).map((user) => [emailKey(user.email), user] as const));
  const state = await extensionState(tx);
  for (const one of wanted) {
    const name = cleanName(one.name);
    if (!name) {
      result.refused.push({ name: one.name, error: { code: 'RECEPTIONIST_NAME_INVALID', input: one.name } });
      continue;
    }
    const operator = one.operator ? (people.get(emailKey(one.operator)) ?? null) : null;
    const existing = await receptionistByName(tx, name);
    if (existing) {
      if (existing.operatorId !== null || !operator) continue;
      await setReceptionistOperator(tx, existing.id, operator.phoneUserId);
      rec.audit({
        action: 'auto_receptionist.operator_changed',
        ...receptionistTarget(existing),
        before: { operator: null },
        after: { operator: operator.email },
      });
      rec.emit({
        kind: 'auto_receptionist.operator_changed',
        receptionist: existing.name,
        operator: userRef(operator),
      });
      result.added.push({ name: existing.name, operator: operator.email });
      continue;
    }
    const site = placeOf(one, sites, state);
    if ('code' in site) {
      result.refused.push({ name, error: site });
      continue;
    }
    const created = await insertReceptionist(tx, {
      name,
      extension: one.extension,
      siteId: site.id,
      operatorId: operator?.phoneUserId ?? null,
    });
    state.taken.set(one.extension, { name, email: '', slackUserId: null });
    rec.audit({
      action: 'auto_receptionist.created',
      ...receptionistTarget(created),
      before: null,
      after: { name, extension: one.extension, site: site.name, operator: operator?.email ?? null },
    });
    rec.emit({
      kind: 'auto_receptionist.created',
      receptionist: name,
      extension: one.extension,
      site: site.name,
      operator: operator ? userRef(operator) : null,
    });
    result.added.push({ name, operator: operator?.email ?? null });
  }
  return result;
}

/** Sites the phone system has and Switchboard lacks, created with their code when it is one Switchboard can hold. */
async function adoptSites(tx: Transaction, rec: Recorder, phone: PhoneAccount): Promise<string[]> {
  const existing = await listSites(tx);
  const names = new Set(existing.map((site) => site.name.toLowerCase()));
  const codes = new Set(existing.flatMap((site) => (site.siteCode ? [site.siteCode] : [])));
  const added: string[] = [];
  for (const site of phone.sites) {
    const name = site.name.trim();
    if (name === '' || names.has(name.toLowerCase())) continue;
    const code = site.code && SITE_CODE.test(site.code) && !codes.has(site.code) ? site.code : null;
    await insertSite(tx, { name, siteCode: code, firstExtension: null });
    rec.emit({ kind: 'site.created', site: name, siteCode: code, firstExtension: null });
    names.add(name.toLowerCase());
    if (code) codes.add(code);
    added.push(name);
  }
  return added;
}

function describeChange(
  field: ChangedField,
  row: Extract<PlannedRow, { kind: 'update' }>,
  siteName: Map<number, string>,
): FieldChange {
  const { current, fields } = row;
  switch (field) {
    case 'extension':
      return { field, from: current.extension, to: fields.extension };
    case 'site':
      return { field, from: siteName.get(current.siteId) ?? '', to: siteName.get(fields.siteId) ?? '' };
    case 'plans':
      return { field, from: current.planCodes.join('; '), to: fields.planCodes.join('; ') };
    case 'numbers':
      return { field, from: current.numbers.join('; '), to: fields.numbers.join('; ') };
    case 'status':
      return { field, from: current.status, to: fields.status };
    default:
      return { field, from: '', to: '' };
  }
}
