import { validatePhoneNumberLength } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import type { DomainError } from './errors.ts';
import { normalizeE164 } from './phone-numbers.ts';

/** A blocked number (E.164) or prefix (digits, optionally with +): calls from it, or starting with it, are refused. */
export type BlockedEntry = { kind: 'number' | 'prefix'; value: string };

export const MAX_PREFIX_DIGITS = 15;

type Parsed = { ok: true; entry: BlockedEntry } | { ok: false; error: DomainError };

/**
 * Country calling codes and the regions that share each, the main one first: `1` is the US, Canada and much of
 * the Caribbean. Codes of no country (international freephone +800, networks +882) have none.
 */
const CALLING_CODES: ReadonlyMap<string, readonly string[]> = new Map([
  ...Object.entries(metadata.country_calling_codes).map(([code, regions]): [string, string[]] => [
    code,
    regions.filter((region: string) => region !== '001'),
  ]),
  ...Object.keys(metadata.nonGeographic ?? {}).map((code): [string, string[]] => [code, []]),
]);

/**
 * A `+` prefix must name more than a country: `+44` or `+1` would refuse every call from a country (or from
 * several: `+1` is 25 of them), which no one asks a blocked list for. `+4` is shorter still.
 */
function prefixProblem(input: string, digits: string): DomainError | undefined {
  for (let length = 1; length <= 3; length++) {
    const countries = CALLING_CODES.get(digits.slice(0, length));
    if (countries === undefined) continue;
    if (digits.length > length) return undefined;
    return { code: 'BLOCKED_PREFIX_TOO_SHORT', input, countryCode: digits, countries: [...countries] };
  }
  const starts = [...CALLING_CODES.keys()].some((code) => code.startsWith(digits));
  if (starts) return { code: 'BLOCKED_PREFIX_TOO_SHORT', input, countryCode: null, countries: [] };
  return { code: 'NUMBER_INVALID', input, reason: 'invalid' };
}

/**
 * Reads what an admin typed to block. `+14155550100` is a number (checked and normalised like any number), and so
 * is a whole number in the national format of `country` (the person's site's: `(415) 555-0100` in the US);
 * `+1900` or `1900` is a prefix. A `+` with too few digits for a whole number is a prefix, which must be longer
 * than the country code it starts with; with enough digits it must be a valid number, so a mistyped number is
 * refused rather than silently blocking everything that starts with it. Spaces, dashes, dots and brackets are
 * ignored; letters are refused. Unblocking takes any prefix, so that one blocked before the rule can be removed.
 */
export function parseBlockedEntry(
  input: string,
  purpose: 'block' | 'unblock' = 'block',
  country?: string,
): Parsed {
  const compact = input.trim().replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) {
    return { ok: false, error: { code: 'BLOCKED_ENTRY_INVALID', input, reason: 'characters' } };
  }
  const digits = compact.replace('+', '');
  if (digits.length > MAX_PREFIX_DIGITS) {
    return { ok: false, error: { code: 'BLOCKED_ENTRY_INVALID', input, reason: 'too_long' } };
  }
  if (!compact.startsWith('+')) {
    const national = country ? normalizeE164(input, country) : undefined;
    if (national?.ok) return { ok: true, entry: { kind: 'number', value: national.number } };
    return { ok: true, entry: { kind: 'prefix', value: digits } };
  }
  const number = normalizeE164(input);
  if (number.ok) return { ok: true, entry: { kind: 'number', value: number.number } };
  const length = validatePhoneNumberLength(compact);
  if (length === 'TOO_SHORT' || (length === 'INVALID_COUNTRY' && digits.length <= 3)) {
    const problem = prefixProblem(input, digits);
    if (problem && !(purpose === 'unblock' && problem.code === 'BLOCKED_PREFIX_TOO_SHORT')) {
      return { ok: false, error: problem };
    }
    return { ok: true, entry: { kind: 'prefix', value: compact } };
  }
  return { ok: false, error: number.error };
}
