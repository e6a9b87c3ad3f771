import { normalizeE164 } from '../domain/phone-numbers.ts';
import type { Executor } from '../store/database.ts';
import { siteCountry } from '../store/sites.ts';
import type { Deps } from './context.ts';

/** The account's country when DEFAULT_COUNTRY is not set. */
export const FALLBACK_COUNTRY = 'US';

/** Where a number typed without + is read for a site's people: the site's country, else the account's default. */
export async function countryOf(
  deps: Deps,
  db: Executor,
  siteId: number | null | undefined,
): Promise<string> {
  return siteCountryOr(siteId == null ? null : await siteCountry(db, siteId), deps.defaultCountry);
}

/** `countryOf` for a site already read: its own country, else the account's default. */
export function siteCountryOr(own: string | null | undefined, defaultCountry: string | undefined): string {
  return own ?? defaultCountry ?? FALLBACK_COUNTRY;
}

/**
 * A number as someone typed it, in E.164: international as it is, national in the country of the site it is for.
 * The site is read only for a national number, so an international one costs no statement.
 */
export async function typedNumber(deps: Deps, db: Executor, input: string, siteId?: number | null) {
  if (input.trim().startsWith('+')) return normalizeE164(input);
  return normalizeE164(input, await countryOf(deps, db, siteId));
}
