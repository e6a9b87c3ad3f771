import { withDeskPhoneRoute, withoutDeskPhoneRoute } from '../../domain/call-handling.ts';
import { emailKey } from '../../domain/email.ts';
import { fullExtension } from '../../domain/extensions.ts';
import type { UserFields } from '../../domain/phone-user-fields.ts';
import type { AccountSettingsRow } from '../../store/account.ts';
import { deleteAddress, insertAddress, updateAddress } from '../../store/addresses.ts';
import type { Transaction } from '../../store/database.ts';
import {
  addDeskPhone,
  addPlanHoldings,
  addressOwner,
  assignFreeNumbers,
  bumpSettingsVersion,
  dropPlanHoldings,
  insertDeskPhones,
  insertDirectoryEntries,
  insertPersonalAddresses,
  insertPlanHoldings,
  patchSettingsOfMany,
  releaseNumbersOf,
  removeDeskPhoneOf,
  renameDirectoryEntry,
  setDeskPhoneModel,
} from '../../store/import-writes.ts';
import { insertPhoneUsers, updatePhoneUser } from '../../store/phone-users.ts';
import { planCatalog } from '../../store/plans.ts';
import { type PhoneUserSettings, readSettings, type SettingsPatch } from '../../store/settings.ts';
import type { Site } from '../../store/sites.ts';
import { listSites } from '../../store/sites.ts';
import { fail, type Recorder } from '../context.ts';
import { copiedPatch } from '../settings/copy.ts';
import { allocateInSite, extensionState } from '../site-rules.ts';
import type { ChangedField, PlannedRow } from './plan.ts';

type CreateRow = Extract<PlannedRow, { kind: 'create' }>;
type UpdateRow = Extract<PlannedRow, { kind: 'update' }>;

/** What an import did, and what its undo needs. */
export type Applied = {
  created: { phoneUserId: number; directoryUserId: number; email: string }[];
  createdDirectoryUsers: number[];
  /** The fields of each updated user before the import, to restore them. */
  updated: { directoryUserId: number; email: string; before: UserFields }[];
};

export type Progress = (done: number, total: number) => void;

const CHUNK = 2000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Carries out a plan inside the caller's transaction (which holds the account lock). New phone users are written
 * a few thousand at a time in set-based statements; updates, which touch few users, go one user at a time.
 */
export async function applyPlan(
  tx: Transaction,
  rec: Recorder,
  account: AccountSettingsRow,
  rows: readonly PlannedRow[],
  progress: Progress,
): Promise<Applied> {
  const catalog = new Map((await planCatalog(tx)).map((plan) => [plan.code, plan.shortName]));
  const planNames = (codes: number[]) => codes.map((code) => catalog.get(code) ?? String(code));
  const creates = rows.filter((row): row is CreateRow => row.kind === 'create');
  const updates = rows.filter((row): row is UpdateRow => row.kind === 'update');
  const total = creates.length + updates.length;
  const sites = new Map((await listSites(tx)).map((site) => [site.id, site]));
  const { allocate: extensions, taken } = await allocator(tx, account, sites, rows);

  const applied: Applied = { created: [], createdDirectoryUsers: [], updated: [] };
  let done = 0;
  for (const batch of chunks(creates)) {
    await createBatch(tx, rec, batch, sites, extensions, applied, planNames);
    await rec.flush(tx);
    done += batch.length;
    progress(done, total);
  }
  if (updates.length > 0) await freeMovedValues(tx, rec, updates, taken);
  for (const row of updates) {
    await updateOne(tx, rec, row, sites, extensions, planNames);
    applied.updated.push({
      directoryUserId: row.current.directoryUserId,
      email: row.email,
      before: row.current,
    });
    done++;
    if (done % 200 === 0) {
      await rec.flush(tx);
      progress(done, total);
    }
  }
  progress(total, total);
  return applied;
}

type PlanNames = (codes: number[]) => string[];

type Allocate = (site: Site) => { full: string; short: string };

/**
 * Hands out the extensions of rows whose cell was blank: the lowest free of each site, skipping what the account
 * and every other row of the file hold. Read under the account lock, so nobody else is allocating meanwhile.
 */
async function allocator(
  tx: Transaction,
  account: AccountSettingsRow,
  sites: Map<number, Site>,
  rows: readonly PlannedRow[],
): Promise<{ allocate: Allocate; taken: ReadonlySet<string> }> {
  const rules = { siteCodes: account.siteCodesEnabled };
  const state = await extensionState(tx);
  const placeholder = { name: 'this import', email: '', slackUserId: null };
  for (const row of rows) {
    if ((row.kind === 'create' || row.kind === 'update') && !row.autoExtension) {
      state.taken.set(row.fields.extension, placeholder);
    }
  }
  const counts = new Map<number, number>();
  for (const row of rows) {
    if ((row.kind === 'create' || row.kind === 'update') && row.autoExtension) {
      counts.set(row.fields.siteId, (counts.get(row.fields.siteId) ?? 0) + 1);
    }
  }
  const queues = new Map<number, string[]>();
  for (const [siteId, count] of counts) {
    const site = sites.get(siteId) as Site;
    const shorts = allocateInSite(count, site, rules, state);
    for (const short of shorts) state.taken.set(fullExtension(short, site.siteCode, rules), placeholder);
    queues.set(siteId, shorts);
  }
  const allocate: Allocate = (site) => {
    const short = queues.get(site.id)?.shift();
    if (short === undefined) throw new Error(`no extension was allocated for site ${site.id}`);
    return { short, full: fullExtension(short, site.siteCode, rules) };
  };
  return { allocate, taken: new Set(state.taken.keys()) };
}

/** The highest extension the schema allows (seven digits): parked values are taken from the top down. */
const PARKING_TOP = 9_999_999;

/**
 * Frees, before any update row is written, what the file moves from one person to another (a swap, or a cycle of
 * three): the numbers and desk phones a row lets go, and the extension of each person whose current one another
 * row takes, which is parked on a free value until their own row gives them their new one. The unique indexes
 * hold throughout, so the end state is checked by the database as it is reached, within the one transaction.
 */
async function freeMovedValues(
  tx: Transaction,
  rec: Recorder,
  updates: readonly UpdateRow[],
  taken: ReadonlySet<string>,
) {
  for (const row of updates) {
    const user = { directoryUserId: row.current.directoryUserId, email: row.current.email };
    const id = row.current.phoneUserId;
    if (row.changed.includes('numbers')) {
      const released = row.current.numbers.filter((n) => !row.fields.numbers.includes(n));
      if (released.length > 0) await releaseNumbersOf(tx, id, released);
      for (const number of released) rec.emit({ kind: 'phone_user.number_released', user, number });
    }
    if (row.changed.includes('deskPhones')) {
      for (const phone of row.current.deskPhones) {
        if (row.fields.deskPhones.some((p) => p.mac === phone.mac)) continue;
        await removeDeskPhoneOf(tx, id, phone.mac);
        rec.emit({ kind: 'phone_user.desk_phone_removed', user, mac: phone.mac });
      }
    }
  }
  const wanted = new Set(
    updates.flatMap((row) =>
      !row.autoExtension && row.fields.extension !== row.current.extension ? [row.fields.extension] : [],
    ),
  );
  let parking = PARKING_TOP;
  for (const row of updates) {
    if (!row.changed.includes('extension') || !wanted.has(row.current.extension)) continue;
    while (taken.has(String(parking)) || wanted.has(String(parking))) parking--;
    await updatePhoneUser(tx, row.current.phoneUserId, { extension: String(parking) }, rec.at);
    parking--;
  }
}

async function createBatch(
  tx: Transaction,
  rec: Recorder,
  batch: CreateRow[],
  sites: Map<number, Site>,
  allocate: Allocate,
  applied: Applied,
  planNames: PlanNames,
) {
  // Directory entries for people the account does not know yet.
  const newPeople = batch.filter((row) => !('id' in row.person));
  const directoryIds = new Map<string, number>();
  if (newPeople.length > 0) {
    const inserted = await insertDirectoryEntries(
      tx,
      newPeople.map((row) => ({
        email: row.email,
        firstName: row.fields.firstName,
        lastName: row.fields.lastName,
        createdAt: rec.at,
      })),
    );
    for (const person of inserted) {
      directoryIds.set(emailKey(person.email), Number(person.id));
      applied.createdDirectoryUsers.push(Number(person.id));
    }
    for (const row of newPeople) {
      const id = directoryIds.get(emailKey(row.email)) as number;
      rec.emit({
        kind: 'directory_user.created',
        user: { directoryUserId: id, email: row.email },
        firstName: row.fields.firstName,
        lastName: row.fields.lastName,
      });
    }
  }
  const directoryIdOf = (row: CreateRow) =>
    'id' in row.person ? row.person.id : (directoryIds.get(emailKey(row.email)) as number);

  for (const row of batch) {
    if (row.autoExtension) {
      const given = allocate(sites.get(row.fields.siteId) as Site);
      row.fields.extension = given.full;
      row.fields.shortExtension = given.short;
    }
  }
  const inserted = await insertPhoneUsers(
    tx,
    batch.map((row) => ({
      directoryUserId: directoryIdOf(row),
      siteId: row.fields.siteId,
      extension: row.fields.extension,
      shortExtension: row.fields.shortExtension,
      at: rec.at,
    })),
  );
  const phoneUserIdOf = new Map(inserted.map((row) => [Number(row.directoryUserId), Number(row.id)]));
  const ids = batch.map((row) => phoneUserIdOf.get(directoryIdOf(row)) as number);

  const plans = batch.flatMap((row, i) =>
    row.fields.planCodes.map((planCode) => ({ phoneUserId: ids[i] as number, planCode, createdAt: rec.at })),
  );
  await insertPlanHoldings(tx, plans);

  const numbers = batch.flatMap((row, i) => row.fields.numbers.map((number) => [number, ids[i]]));
  if (numbers.length > 0) await assignNumbers(tx, numbers as [string, number][]);

  const phones = batch.flatMap((row, i) =>
    row.fields.deskPhones.map((phone) => ({ phoneUserId: ids[i] as number, ...phone, createdAt: rec.at })),
  );
  await insertDeskPhones(tx, phones);

  const addresses = batch.flatMap((row, i) =>
    row.fields.address ? [{ phoneUserId: ids[i] as number, ...row.fields.address }] : [],
  );
  const addressIds = new Map<number, number>();
  const insertedAddresses = await insertPersonalAddresses(tx, addresses);
  for (const row of insertedAddresses) addressIds.set(Number(row.phoneUserId), Number(row.id));

  // Settings: the defaults of a new line, changed only where the row (or the user copied from) says so.
  const sources = new Map<number, PhoneUserSettings>();
  let defaults: PhoneUserSettings | undefined;
  const patches: { id: number; patch: SettingsPatch }[] = [];
  for (const [i, row] of batch.entries()) {
    const id = ids[i] as number;
    const patch: SettingsPatch = {};
    if (row.copyFrom) {
      defaults ??= await readSettings(tx, id);
      let source = sources.get(row.copyFrom.phoneUserId);
      if (!source) {
        source = await readSettings(tx, row.copyFrom.phoneUserId);
        sources.set(row.copyFrom.phoneUserId, source);
      }
      Object.assign(patch, copiedPatch(source, defaults).patch);
    }
    if (row.fields.callerId.kind !== 'hidden') patch.callerId = row.fields.callerId;
    if (row.fields.deskPhones.length > 0) {
      defaults ??= await readSettings(tx, id);
      let routes = patch.routes ?? defaults.routes;
      for (const phone of row.fields.deskPhones) routes = withDeskPhoneRoute(routes, phone.mac);
      patch.routes = routes;
    }
    const addressId = addressIds.get(id);
    if (addressId !== undefined) patch.emergencyAddressId = addressId;
    if (Object.keys(patch).length > 0) patches.push({ id, patch });
  }
  if (patches.length > 0) await patchSettingsOfMany(tx, patches, rec.at);

  for (const [i, row] of batch.entries()) {
    const id = ids[i] as number;
    const directoryUserId = directoryIdOf(row);
    const site = sites.get(row.fields.siteId) as Site;
    const user = { directoryUserId, email: row.email };
    rec.audit({
      action: 'license.assigned',
      targetType: 'user',
      targetId: String(directoryUserId),
      targetLabel: row.email,
      before: null,
      after: fieldsSnapshot(row.fields, site, planNames(row.fields.planCodes)),
    });
    rec.emit({
      kind: 'phone_user.assigned',
      user,
      site: site.name,
      extension: row.fields.extension,
      plans: row.fields.planCodes,
    });
    for (const number of row.fields.numbers) rec.emit({ kind: 'phone_user.number_assigned', user, number });
    for (const phone of row.fields.deskPhones) {
      rec.emit({ kind: 'phone_user.desk_phone_added', user, mac: phone.mac, model: phone.model });
    }
    applied.created.push({ phoneUserId: id, directoryUserId, email: row.email });
  }
}

/** What the audit log keeps of an imported user: the fields an import can set. No secret is among them. */
export function fieldsSnapshot(fields: UserFields, site: Site, plans: string[]) {
  return {
    name: `${fields.firstName} ${fields.lastName}`.trim(),
    site: site.name,
    extension: fields.extension,
    status: fields.status,
    plans,
    numbers: fields.numbers,
    callerId: fields.callerId.kind === 'number' ? fields.callerId.number : 'hidden',
    areaCode: fields.areaCode,
    language: fields.language,
    address: fields.address,
    deskPhones: fields.deskPhones,
  };
}

/** Gives free inventory numbers to users; a number someone took meanwhile is a concurrent change. */
async function assignNumbers(tx: Transaction, pairs: [string, number][]) {
  const done = await assignFreeNumbers(tx, pairs);
  if (done.size !== pairs.length) {
    const missed = pairs.find(([number]) => !done.has(number));
    fail({ code: 'CONCURRENT_CHANGE', what: missed?.[0] ?? 'phone numbers' });
  }
}

/** Applies one update row: each changed field, audited once with the user's fields before and after. */
async function updateOne(
  tx: Transaction,
  rec: Recorder,
  row: UpdateRow,
  sites: Map<number, Site>,
  allocate: Allocate,
  planNames: PlanNames,
) {
  const { current, fields } = row;
  const id = current.phoneUserId;
  const user = { directoryUserId: current.directoryUserId, email: current.email };
  const has = (field: ChangedField) => row.changed.includes(field);
  const site = sites.get(fields.siteId) as Site;
  const oldSite = sites.get(current.siteId) as Site;

  if (has('name')) {
    await renameDirectoryEntry(tx, current.directoryUserId, fields.firstName, fields.lastName);
    rec.emit({
      kind: 'directory_user.renamed',
      user,
      firstName: fields.firstName,
      lastName: fields.lastName,
    });
  }
  if (row.autoExtension) {
    const given = allocate(site);
    fields.extension = given.full;
    fields.shortExtension = given.short;
  }
  if (has('site') || has('extension') || has('status')) {
    await updatePhoneUser(
      tx,
      id,
      {
        siteId: fields.siteId,
        extension: fields.extension,
        shortExtension: fields.shortExtension,
        status: fields.status,
      },
      rec.at,
    );
    if (has('site')) {
      rec.emit({
        kind: 'phone_user.site_changed',
        user,
        from: oldSite.name,
        to: site.name,
        extension: fields.extension,
      });
    } else if (fields.extension !== current.extension) {
      rec.emit({ kind: 'phone_user.extension_changed', user, from: current.extension, to: fields.extension });
    }
    if (has('status')) rec.emit({ kind: 'phone_user.status_changed', user, status: fields.status });
  }
  if (has('numbers')) {
    // The numbers this row lets go were released with everyone else's first (freeMovedValues).
    const gained = fields.numbers.filter((n) => !current.numbers.includes(n));
    if (gained.length > 0)
      await assignNumbers(
        tx,
        gained.map((n) => [n, id]),
      );
    for (const number of gained) rec.emit({ kind: 'phone_user.number_assigned', user, number });
  }
  if (has('plans')) {
    const dropped = current.planCodes.filter((code) => !fields.planCodes.includes(code));
    const added = fields.planCodes.filter((code) => !current.planCodes.includes(code));
    if (dropped.length > 0) {
      await dropPlanHoldings(tx, id, dropped);
    }
    if (added.length > 0) {
      await addPlanHoldings(tx, id, added, rec.at);
    }
    for (const plan of dropped) rec.emit({ kind: 'phone_user.plan_removed', user, plan });
    for (const plan of added) rec.emit({ kind: 'phone_user.plan_added', user, plan });
  }

  const patch: SettingsPatch = {};
  if (has('callerId')) patch.callerId = fields.callerId;
  if (has('areaCode')) patch.areaCode = fields.areaCode;
  if (has('language')) patch.language = fields.language;
  if (has('deskPhones')) {
    const settings = await readSettings(tx, id);
    let routes = settings.routes;
    for (const phone of current.deskPhones) {
      const kept = fields.deskPhones.find((p) => p.mac === phone.mac);
      // A phone this row lets go was deleted with everyone else's first (freeMovedValues).
      if (!kept) routes = withoutDeskPhoneRoute(routes, phone.mac);
      else if (kept.model !== phone.model) {
        await setDeskPhoneModel(tx, phone.mac, kept.model);
      }
    }
    for (const phone of fields.deskPhones) {
      if (current.deskPhones.some((p) => p.mac === phone.mac)) continue;
      await addDeskPhone(tx, { phoneUserId: id, ...phone, createdAt: rec.at });
      routes = withDeskPhoneRoute(routes, phone.mac);
      rec.emit({ kind: 'phone_user.desk_phone_added', user, mac: phone.mac, model: phone.model });
    }
    patch.routes = routes;
  }
  if (has('address')) {
    const settings = await readSettings(tx, id);
    const own = await ownAddressId(tx, id, settings);
    if (fields.address === null) {
      // The settings row lets go of the address before it is deleted (a foreign key points at it).
      await patchSettingsOfMany(tx, [{ id, patch: { emergencyAddressId: null } }], rec.at);
      if (own !== null) await deleteAddress(tx, own);
    } else if (own !== null) {
      await updateAddress(tx, own, fields.address);
    } else {
      patch.emergencyAddressId = (await insertAddress(tx, fields.address, { phoneUserId: id })).id;
    }
    rec.emit({ kind: 'phone_user.emergency_address_changed', user, address: fields.address });
  }
  if (Object.keys(patch).length > 0) {
    await patchSettingsOfMany(tx, [{ id, patch }], rec.at);
    rec.emit({ kind: 'phone_user.settings_changed', user, settings: settingsOfPatch(patch) });
  } else if (row.changed.length > 0) {
    // Any change bumps the version, so a settings form opened before the import sees it.
    await bumpSettingsVersion(tx, id, rec.at);
  }

  const before = fieldsSnapshot(current, oldSite, planNames(current.planCodes));
  const after = fieldsSnapshot(fields, site, planNames(fields.planCodes));
  const keys = Object.keys(after).filter(
    (key) =>
      JSON.stringify(before[key as keyof typeof before]) !== JSON.stringify(after[key as keyof typeof after]),
  );
  rec.audit({
    action: 'import.updated',
    targetType: 'user',
    targetId: String(current.directoryUserId),
    targetLabel: current.email,
    before: Object.fromEntries(keys.map((key) => [key, before[key as keyof typeof before]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key as keyof typeof after]])),
  });
}

async function ownAddressId(tx: Transaction, phoneUserId: number, settings: PhoneUserSettings) {
  if (settings.emergencyAddressId === null) return null;
  const row = await addressOwner(tx, settings.emergencyAddressId);
  return row && row.phoneUserId === phoneUserId ? row.id : null;
}

function settingsOfPatch(patch: SettingsPatch): Record<string, unknown> {
  const { voicemailPin: _secret, ...rest } = patch;
  return rest;
}
