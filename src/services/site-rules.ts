import type { DomainError, Person } from '../domain/errors.ts';
import {
  allocateExtensions,
  DEFAULT_FIRST_EXTENSION,
  DEFAULT_FIRST_SHORT_EXTENSION,
  type ExtensionRules,
  extensionDigits,
  fullExtension,
  isAllZeros,
  isValidExtension,
  suggestExtensions,
} from '../domain/extensions.ts';
import { matchPlan } from '../domain/plans.ts';
import { reservedSet } from '../store/account.ts';
import type { Executor } from '../store/database.ts';
import { takenExtensions } from '../store/phone-users.ts';
import { type CallingPlan, planCatalog } from '../store/plans.ts';
import { defaultSite, findSiteByName, listSites, type Site } from '../store/sites.ts';
import { fail } from './context.ts';

/** The calling plan an admin named by code, short or long name; an unknown name lists the catalog. */
export async function resolvePlan(db: Executor, input: string): Promise<CallingPlan> {
  const catalog = await planCatalog(db);
  return (
    matchPlan(input, catalog) ??
    fail({ code: 'PLAN_NOT_FOUND', input, known: catalog.map((p) => p.shortName) })
  );
}

/** The site an admin named, or the default site when none was named; an unknown name lists the known ones. */
export async function resolveSite(db: Executor, name: string | undefined): Promise<Site> {
  if (name === undefined || name.trim() === '') return defaultSite(db);
  const site = await findSiteByName(db, name);
  if (site) return site;
  const known = (await listSites(db)).map((s) => s.name);
  return fail({ code: 'SITE_NOT_FOUND', input: name, known });
}

export function firstExtensionOf(site: Site, rules: ExtensionRules): string {
  return site.firstExtension ?? (rules.siteCodes ? DEFAULT_FIRST_SHORT_EXTENSION : DEFAULT_FIRST_EXTENSION);
}

/** What the allocator needs to know of the account at this moment (read under the account lock). */
export async function extensionState(tx: Executor) {
  const [taken, reserved] = await Promise.all([takenExtensions(tx), reservedSet(tx)]);
  return { taken, reserved };
}

export type ExtensionState = Awaited<ReturnType<typeof extensionState>>;

/** Hands out `count` extensions in a site, lowest free first; refuses when the site's range is exhausted. */
export function allocateInSite(
  count: number,
  site: Site,
  rules: ExtensionRules,
  state: ExtensionState,
): string[] {
  const shorts = allocateExtensions(count, {
    first: firstExtensionOf(site, rules),
    siteCode: site.siteCode,
    rules,
    taken: new Set(state.taken.keys()),
    reserved: state.reserved,
  });
  if (shorts.length < count) fail({ code: 'EXTENSION_RANGE_FULL', site: site.name });
  return shorts;
}

export type CheckedExtension = { ok: true; full: string; short: string } | { ok: false; error: DomainError };

/**
 * Checks an extension an admin typed for a user in a site: digits and length, reserved, taken by someone else.
 * Returns the full and short extension; refusals carry the nearest free extensions.
 */
export function checkExtension(
  input: string,
  site: Site,
  rules: ExtensionRules,
  state: ExtensionState,
  self?: string,
): CheckedExtension {
  const short = input.trim();
  if (!isValidExtension(short, rules)) {
    const { min, max } = extensionDigits(rules);
    return {
      ok: false,
      error: { code: 'EXTENSION_INVALID', input, minDigits: min, maxDigits: max, siteCodes: rules.siteCodes },
    };
  }
  if (isAllZeros(short)) return { ok: false, error: { code: 'EXTENSION_ALL_ZEROS', input: short } };
  const full = fullExtension(short, site.siteCode, rules);
  const allocation = {
    siteCode: site.siteCode,
    rules,
    taken: new Set(state.taken.keys()),
    reserved: state.reserved,
  };
  if (state.reserved.has(full) || state.reserved.has(short)) {
    return {
      ok: false,
      error: {
        code: 'EXTENSION_RESERVED',
        extension: short,
        suggestions: suggestExtensions(short, allocation),
      },
    };
  }
  const holder: Person | undefined = state.taken.get(full);
  if (holder && full !== self) {
    return {
      ok: false,
      error: {
        code: 'EXTENSION_TAKEN',
        extension: short,
        holder,
        suggestions: suggestExtensions(short, allocation),
      },
    };
  }
  return { ok: true, full, short };
}

/** `checkExtension` inside a change: a refusal ends the change. */
export function checkRequestedExtension(
  input: string,
  site: Site,
  rules: ExtensionRules,
  state: ExtensionState,
  self?: string,
): { full: string; short: string } {
  const checked = checkExtension(input, site, rules, state, self);
  return checked.ok ? checked : fail(checked.error);
}

export type { DomainError };

/**
 * The extension a person keeps on moving to `site`: their short extension with the site's code where that full
 * number is free, otherwise the next free one of the site.
 */
export async function extensionAtSite(
  tx: Executor,
  person: { extension: string; shortExtension: string },
  site: Site,
  rules: ExtensionRules,
): Promise<{ full: string; short: string }> {
  let short = person.shortExtension;
  let full = fullExtension(short, site.siteCode, rules);
  const state = await extensionState(tx);
  state.taken.delete(person.extension);
  if (state.taken.has(full) || state.reserved.has(full)) {
    short = allocateInSite(1, site, rules, state)[0] as string;
    full = fullExtension(short, site.siteCode, rules);
  }
  return { full, short };
}
