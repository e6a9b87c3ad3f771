import { validatePhoneNumberLength } from 'libphonenumber-js/max';
import type { DomainError } from './errors.ts';
import { normalizeE164 } from './phone-numbers.ts';

/** A blocked number (E.164) or prefix (digits, optionally with +): calls from it, or starting with it, are refused. */
export type BlockedEntry = { kind: 'number' | 'prefix'; value: string };

export const MAX_PREFIX_DIGITS = 15;

type Parsed = { ok: true; entry: BlockedEntry } | { ok: false; error: DomainError };

/**
 * Reads what an admin typed to block. `+14155550100` is a number (checked and normalised like any number);
 * `+44` or `1900` is a prefix. A `+` with too few digits for a whole number is a prefix; with enough digits it
 * must be a valid number, so a mistyped number is refused rather than silently blocking everything that starts
 * with it. Spaces, dashes, dots and brackets are ignored; letters are refused.
 */
export function parseBlockedEntry(input: string): Parsed {
  const compact = input.trim().replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+?[0-9]+$/.test(compact)) {
    return { ok: false, error: { code: 'BLOCKED_ENTRY_INVALID', input, reason: 'characters' } };
  }
  const digits = compact.replace('+', '');
  if (digits.length > MAX_PREFIX_DIGITS) {
    return { ok: false, error: { code: 'BLOCKED_ENTRY_INVALID', input, reason: 'too_long' } };
  }
  if (!compact.startsWith('+')) return { ok: true, entry: { kind: 'prefix', value: digits } };
  const number = normalizeE164(input);
  if (number.ok) return { ok: true, entry: { kind: 'number', value: number.number } };
  const length = validatePhoneNumberLength(compact);
  // A country code has at most 3 digits: "+999" may start numbers, "+9991234" names no country.
  if (length === 'TOO_SHORT' || (length === 'INVALID_COUNTRY' && digits.length <= 3)) {
    return { ok: true, entry: { kind: 'prefix', value: compact } };
  }
  return { ok: false, error: number.error };
}
