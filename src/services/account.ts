import { findLookalikeName, textProblem } from '../domain/characters.ts';
import { fullExtension, isAllZeros, isValidExtension, isValidSiteCode } from '../domain/extensions.ts';
import { parseCount } from '../domain/people.ts';
import { expandRange, isCountry, normalizeE164 } from '../domain/phone-numbers.ts';
import type { Result } from '../domain/result.ts';
import { addReserved, removeReserved, reservedSet, updateAccount } from '../store/account.ts';
import type { Transaction } from '../store/database.ts';
import { deleteFreeNumber, findNumbers, insertNumbers } from '../store/numbers.ts';
import { allExtensions, personOfPhoneUser, takenExtensions, updatePhoneUser } from '../store/phone-users.ts';
import { planUsage, setPlanInventory } from '../store/plans.ts';
import { findSiteByName, insertSite, listSites, type Site, updateSite } from '../store/sites.ts';
import { type Actor, type Deps, fail, runChange } from './context.ts';
import { extensionState, resolvePlan, resolveSite } from './site-rules.ts';
import { countryOf, typedNumber } from './typed-numbers.ts';

const accountTarget = (id: string) => ({ targetType: 'account', targetId: id, targetLabel: id });

export type SiteInput = {
  name: string;
  code?: string | undefined;
  first?: string | undefined;
  /** ISO 3166 alpha-2, any case: where the site's numbers typed without + are read. */
  country?: string | undefined;
};

function checkCountry(input: string): string {
  const country = input.trim().toUpperCase();
  return isCountry(country) ? country : fail({ code: 'SITE_COUNTRY_INVALID', input });
}

async function checkSiteCode(tx: Transaction, code: string, siteId?: number) {
  if (!isValidSiteCode(code)) fail({ code: 'SITE_CODE_INVALID', input: code });
  const holder = (await listSites(tx)).find((site) => site.siteCode === code && site.id !== siteId);
  if (holder) fail({ code: 'SITE_CODE_TAKEN', siteCode: code, site: holder.name });
}

function checkFirstExtension(first: string, siteCodes: boolean, site?: string) {
  if (isAllZeros(first)) fail({ code: 'EXTENSION_ALL_ZEROS', input: first, first: true });
  if (!isValidExtension(first, { siteCodes })) {
    const maxDigits = siteCodes ? 5 : 6;
    fail({
      code: 'SITE_FIRST_EXTENSION_INVALID',
      input: first,
      minDigits: 2,
      maxDigits,
      ...(site ? { site } : {}),
    });
  }
}

const siteSnapshot = (site: Site) => ({
  name: site.name,
  siteCode: site.siteCode,
  firstExtension: site.firstExtension,
  country: site.country,
});

export async function addSite(deps: Deps, actor: Actor, input: SiteInput): Promise<Result<Site>> {
  return runChange(deps, actor, 'site add', async (tx, rec, account) => {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 64 || /[\p{Cc}<>]/u.test(name))
      fail({ code: 'SITE_NAME_INVALID', input: input.name });
    const suspicious = textProblem('site name', name, { mixedScripts: 'refused' });
    if (suspicious) fail(suspicious);
    if (await findSiteByName(tx, name)) fail({ code: 'SITE_EXISTS', name });
    const lookalike = findLookalikeName(
      name,
      (await listSites(tx)).map((site) => site.name),
    );
    if (lookalike) fail({ code: 'NAME_LOOKALIKE', kind: 'site', input: name, existing: lookalike });
    const code = input.code?.trim();
    if (code !== undefined) await checkSiteCode(tx, code);
    if (account.siteCodesEnabled && code === undefined) fail({ code: 'SITE_CODE_REQUIRED', sites: [name] });
    const first = input.first?.trim();
    if (first !== undefined) checkFirstExtension(first, account.siteCodesEnabled);
    const country = input.country === undefined ? null : checkCountry(input.country);
    const site = await insertSite(tx, {
      name,
      siteCode: code ?? null,
      firstExtension: first ?? null,
      country,
    });
    rec.audit({
      action: 'site.created',
      targetType: 'site',
      targetId: String(site.id),
      targetLabel: site.name,
      before: null,
      after: siteSnapshot(site),
    });
    rec.emit({
      kind: 'site.created',
      site: name,
      siteCode: site.siteCode,
      firstExtension: site.firstExtension,
    });
    return site;
  });
}

export type SiteEdit = { site: Site; renumbered: { email: string; from: string; to: string }[] };

/**
 * Changes a site's code or first extension. With site codes on, a new code changes how every user of the site is
 * dialled: they are renumbered in the same transaction, refused if a new number is taken or reserved.
 */
export async function editSite(deps: Deps, actor: Actor, input: SiteInput): Promise<Result<SiteEdit>> {
  return runChange(deps, actor, 'site edit', async (tx, rec, account) => {
    const site = await resolveSite(tx, input.name);
    const code = input.code?.trim();
    const first = input.first?.trim();
    if (code !== undefined) await checkSiteCode(tx, code, site.id);
    if (first !== undefined) checkFirstExtension(first, account.siteCodesEnabled);
    const country = input.country === undefined ? undefined : checkCountry(input.country);
    const renumbered: SiteEdit['renumbered'] = [];
    if (code !== undefined && code !== site.siteCode && account.siteCodesEnabled) {
      const state = await extensionState(tx);
      const members = (await allExtensions(tx)).filter((user) => user.siteCode === site.siteCode);
      for (const user of members) state.taken.delete(user.extension);
      for (const user of members) {
        const next = fullExtension(user.shortExtension, code, { siteCodes: true });
        const holder = state.taken.get(next);
        if (holder) fail({ code: 'EXTENSION_TAKEN', extension: next, holder, suggestions: [] });
        if (state.reserved.has(next)) fail({ code: 'EXTENSION_RESERVED', extension: next, suggestions: [] });
        renumbered.push({ email: user.email, from: user.extension, to: next });
      }
      await renumber(
        tx,
        members.map((user, i) => ({
          phoneUserId: user.phoneUserId,
          to: renumbered[i]?.to ?? user.extension,
        })),
        rec.at,
      );
    }
    const updated = await updateSite(tx, site.id, {
      ...(code !== undefined ? { siteCode: code } : {}),
      ...(first !== undefined ? { firstExtension: first } : {}),
      ...(country !== undefined ? { country } : {}),
    });
    rec.audit({
      action: 'site.edited',
      targetType: 'site',
      targetId: String(site.id),
      targetLabel: site.name,
      before: siteSnapshot(site),
      after: siteSnapshot(updated),
    });
    rec.emit({
      kind: 'site.changed',
      site: site.name,
      siteCode: updated.siteCode,
      firstExtension: updated.firstExtension,
    });
    return { site: updated, renumbered: renumbered.filter((r) => r.from !== r.to) };
  });
}

/**
 * Gives several users new extensions at once. Each goes through a placeholder first (7 digits starting with 0,
 * which no real extension has), so one user taking another's old number never trips the unique index midway.
 */
async function renumber(tx: Transaction, moves: { phoneUserId: number; to: string }[], at: Date) {
  for (const move of moves) {
    await updatePhoneUser(
      tx,
      move.phoneUserId,
      { extension: `0${String(move.phoneUserId).padStart(6, '0')}` },
      at,
    );
  }
  for (const move of moves) await updatePhoneUser(tx, move.phoneUserId, { extension: move.to }, at);
}

export type SiteCodesResult = { enabled: boolean; renumbered: { email: string; from: string; to: string }[] };

/**
 * Switches site codes on or off. On: every site needs a code and every extension must fit as a short extension
 * (2 to 5 digits); each user is then dialled as code + extension. Off: the short extensions must be unique
 * across the account. Either way every phone user is renumbered in the same transaction, or nothing changes.
 */
export async function setSiteCodes(
  deps: Deps,
  actor: Actor,
  enabled: boolean,
): Promise<Result<SiteCodesResult>> {
  return runChange(deps, actor, 'sitecodes', async (tx, rec, account) => {
    if (account.siteCodesEnabled === enabled) fail({ code: 'SITE_CODES_UNCHANGED', enabled });
    const sites = await listSites(tx);
    if (enabled) {
      const missing = sites.filter((site) => site.siteCode === null).map((site) => site.name);
      if (missing.length > 0) fail({ code: 'SITE_CODE_REQUIRED', sites: missing });
      for (const site of sites) {
        if (site.firstExtension !== null) checkFirstExtension(site.firstExtension, true, site.name);
      }
    }
    const rules = { siteCodes: enabled };
    const users = await allExtensions(tx);
    if (enabled) {
      const tooLong = users.filter((user) => !isValidExtension(user.shortExtension, rules));
      if (tooLong.length > 0) {
        const holders = await takenExtensions(tx);
        fail({
          code: 'SITE_CODES_EXTENSION_TOO_LONG',
          users: tooLong.map((user) => ({
            user: holders.get(user.extension) ?? { name: user.email, email: user.email, slackUserId: null },
            extension: user.extension,
          })),
        });
      }
    }
    const next = users.map((user) => ({
      ...user,
      next: fullExtension(user.shortExtension, user.siteCode, rules),
    }));
    const seen = new Map<string, number>();
    for (const user of next) seen.set(user.next, (seen.get(user.next) ?? 0) + 1);
    const clashes = [...seen].filter(([, n]) => n > 1).map(([extension]) => extension);
    if (clashes.length > 0) fail({ code: 'SITE_CODES_EXTENSION_CONFLICT', extensions: clashes });
    // A site code in front of a short extension (9 + 11) can spell a reserved number, and so can a short
    // extension on its own once the code is dropped; nobody may be given one.
    const reserved = await reservedSet(tx);
    const onReserved = next.find((user) => reserved.has(user.next));
    if (onReserved) fail({ code: 'EXTENSION_RESERVED', extension: onReserved.next, suggestions: [] });
    // Call queues and auto receptionists keep their numbers: a user renumbered onto one is refused by name.
    const taken = await takenExtensions(tx);
    for (const user of users) taken.delete(user.extension);
    const onOther = next.find((user) => taken.has(user.next));
    if (onOther) {
      const holder = taken.get(onOther.next) ?? { name: onOther.next, email: '', slackUserId: null };
      fail({ code: 'EXTENSION_TAKEN', extension: onOther.next, holder, suggestions: [] });
    }
    const moving = next.filter((user) => user.next !== user.extension);
    await renumber(
      tx,
      moving.map((user) => ({ phoneUserId: user.phoneUserId, to: user.next })),
      rec.at,
    );
    await updateAccount(tx, { siteCodesEnabled: enabled }, rec.at);
    rec.audit({
      ...accountTarget('site_codes'),
      action: 'account.site_codes',
      before: { enabled: !enabled },
      after: { enabled },
    });
    rec.emit({ kind: 'account.site_codes_changed', enabled });
    return {
      enabled,
      renumbered: moving.map((user) => ({ email: user.email, from: user.extension, to: user.next })),
    };
  });
}

export type NumbersAdded = { added: string[]; site: string | null };

/** Adds one number or a range (at most 1000) to the inventory; all of them or none. */
export async function addNumbers(
  deps: Deps,
  actor: Actor,
  input: { from: string; to?: string | undefined; site?: string | undefined },
): Promise<Result<NumbersAdded>> {
  return runChange(deps, actor, 'numbers add', async (tx, rec) => {
    let numbers: string[];
    const site = input.site === undefined ? undefined : await resolveSite(tx, input.site);
    const national = [input.from, input.to].some((end) => end !== undefined && !end.trim().startsWith('+'));
    const country = national ? await countryOf(deps, tx, site?.id) : undefined;
    if (input.to === undefined) {
      const one = normalizeE164(input.from, country);
      if (!one.ok) return fail(one.error);
      numbers = [one.number];
    } else {
      const range = expandRange(input.from, input.to, country);
      if (!range.ok) return fail(range.error);
      numbers = range.numbers;
      for (const number of numbers) {
        const valid = normalizeE164(number);
        if (!valid.ok) return fail(valid.error);
      }
    }
    const existing = await findNumbers(tx, numbers);
    if (existing.length > 0)
      fail({ code: 'NUMBER_ALREADY_IN_INVENTORY', numbers: existing.map((row) => row.number).sort() });
    await insertNumbers(tx, numbers, site?.id ?? null, rec.at);
    rec.audit({
      ...accountTarget('numbers'),
      action: 'numbers.added',
      before: null,
      after: { numbers, site: site?.name ?? null },
    });
    rec.emit({ kind: 'numbers.added', numbers, site: site?.name ?? null });
    return { added: numbers, site: site?.name ?? null };
  });
}

/** Removes a free number from the inventory; an assigned number must be released from its user first. */
export async function removeInventoryNumber(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<{ number: string }>> {
  return runChange(deps, actor, 'numbers remove', async (tx, rec) => {
    const normalized = await typedNumber(deps, tx, input);
    if (!normalized.ok) return fail(normalized.error);
    const number = normalized.number;
    const [row] = await findNumbers(tx, [number]);
    if (!row) return fail({ code: 'NUMBER_NOT_IN_INVENTORY', number });
    if (row.phoneUserId !== null) {
      fail({ code: 'NUMBER_IN_USE', number, holder: await personOfPhoneUser(tx, row.phoneUserId) });
    }
    if (row.isMain) fail({ code: 'NUMBER_IS_MAIN', number, action: 'remove' });
    if (!(await deleteFreeNumber(tx, number))) fail({ code: 'CONCURRENT_CHANGE', what: number });
    rec.audit({
      ...accountTarget('numbers'),
      action: 'numbers.removed',
      before: { number, site: row.site },
      after: null,
    });
    rec.emit({ kind: 'numbers.removed', numbers: [number] });
    return { number };
  });
}

/** Sets how many of a calling plan the account owns; never below the number held. */
export async function setPlanCount(
  deps: Deps,
  actor: Actor,
  planInput: string,
  countInput: string,
): Promise<Result<{ plan: string; inventory: number; used: number }>> {
  return runChange(deps, actor, 'plans set', async (tx, rec) => {
    const plan = await resolvePlan(tx, planInput);
    const inventory = parseCount(countInput) ?? fail({ code: 'PLAN_COUNT_INVALID', input: countInput });
    const [usage] = await planUsage(tx, [plan.code]);
    const used = usage?.used ?? 0;
    if (inventory < used)
      fail({ code: 'PLAN_COUNT_BELOW_USED', plan: plan.shortName, requested: inventory, used });
    await setPlanInventory(tx, plan.code, inventory);
    rec.audit({
      action: 'plan.inventory_set',
      targetType: 'plan',
      targetId: String(plan.code),
      targetLabel: plan.shortName,
      before: { inventory: plan.inventory },
      after: { inventory },
    });
    rec.emit({ kind: 'plan.inventory_changed', plan: plan.code, inventory });
    return { plan: plan.shortName, inventory, used };
  });
}

export async function reserveExtension(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<{ extension: string }>> {
  return runChange(deps, actor, 'reserved add', async (tx, rec, account) => {
    const extension = input.trim();
    if (!/^[0-9]{2,6}$/.test(extension)) fail({ code: 'RESERVED_INVALID', input });
    const taken = await takenExtensions(tx);
    // With site codes on, a reserved number is also refused as a short extension (see allocateExtensions).
    const shortHolder = account.siteCodesEnabled
      ? (await allExtensions(tx)).find((user) => user.shortExtension === extension)
      : undefined;
    const holder = taken.get(extension) ?? (shortHolder && taken.get(shortHolder.extension));
    if (holder) fail({ code: 'RESERVED_IN_USE', extension, holder });
    if ((await reservedSet(tx)).has(extension)) fail({ code: 'RESERVED_EXISTS', extension });
    await addReserved(tx, extension, null);
    rec.audit({
      ...accountTarget('reserved_extensions'),
      action: 'reserved.added',
      before: null,
      after: { extension },
    });
    rec.emit({ kind: 'reserved.added', extension });
    return { extension };
  });
}

export async function unreserveExtension(
  deps: Deps,
  actor: Actor,
  input: string,
): Promise<Result<{ extension: string }>> {
  return runChange(deps, actor, 'reserved remove', async (tx, rec) => {
    const extension = input.trim();
    if (!/^[0-9]{2,6}$/.test(extension)) fail({ code: 'RESERVED_INVALID', input });
    if (!(await removeReserved(tx, extension))) fail({ code: 'RESERVED_NOT_FOUND', extension });
    rec.audit({
      ...accountTarget('reserved_extensions'),
      action: 'reserved.removed',
      before: { extension },
      after: null,
    });
    rec.emit({ kind: 'reserved.removed', extension });
    return { extension };
  });
}
