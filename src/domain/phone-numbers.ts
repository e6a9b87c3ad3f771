import {
  type CountryCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { DomainError } from './errors.ts';

export const MAX_NUMBERS_PER_USER = 10;
export const MAX_NUMBER_RANGE = 1000;

type NumberError = Extract<DomainError, { code: 'NUMBER_INVALID' }>;

type Normalized = { ok: true; number: string } | { ok: false; error: NumberError };

/** Validating against the full numbering plan is slow (tens of microseconds); an import checks thousands. */
const known = new Map<string, Normalized>();
const KNOWN_LIMIT = 200_000;

/**
 * Whether a number of the inventory may not become a direct number of a person at `siteId`: the phone system takes
 * a user's direct numbers only from their own site's numbers; a number tied to no site serves every site.
 */
export function ofAnotherSite(number: { siteId: number | null }, siteId: number): boolean {
  return number.siteId !== null && number.siteId !== siteId;
}

/** Whether `code` is an ISO 3166 alpha-2 country whose numbering plan is known (`US`, `GB`). */
export function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * Validates a number typed by an admin and returns it in E.164 (+14155550100). Spaces, dashes, dots and brackets
 * are fine. With a `country` (the site's, or the account's default), a number without `+` is read as that
 * country's national format: `(415) 555-0100` in the US, `020 7946 0958` in GB.
 */
export function normalizeE164(input: string, country?: string): Normalized {
  const key = country && !input.trim().startsWith('+') ? `${country}|${input}` : input;
  const cached = known.get(key);
  if (cached) return cached;
  const result = validate(input, country);
  if (known.size >= KNOWN_LIMIT) known.clear();
  known.set(key, result);
  return result;
}

function validate(input: string, country: string | undefined): Normalized {
  const trimmed = input.trim();
  const fail = (reason: NumberError['reason']) => ({
    ok: false as const,
    error: { code: 'NUMBER_INVALID' as const, input, reason },
  });
  if (!trimmed.startsWith('+')) {
    if (!country || !isCountry(country)) return fail('not_e164');
    const national = trimmed.replace(/[\s().\-\u00a0]/g, '');
    if (!/^[0-9]+$/.test(national)) return fail('not_a_number');
    const parsed = parsePhoneNumberFromString(national, country as CountryCode);
    if (parsed?.isValid()) return { ok: true, number: parsed.number };
    return { ok: false, error: { code: 'NUMBER_INVALID', input, reason: 'not_national', country } };
  }
  const compact = trimmed.replace(/[\s().\-\u00a0]/g, '');
  if (!/^\+[0-9]+$/.test(compact)) return fail('not_a_number');
  const parsed = parsePhoneNumberFromString(compact);
  if (parsed?.isValid()) return { ok: true, number: parsed.number };
  const lengthProblem = validatePhoneNumberLength(compact);
  if (lengthProblem === 'TOO_SHORT' || lengthProblem === 'NOT_A_NUMBER') return fail('too_short');
  if (lengthProblem === 'TOO_LONG') return fail('too_long');
  return fail('invalid');
}

/**
 * The kinds of number whose calls cost more than an ordinary call, and by how much is the callee's choice:
 * premium-rate (US 1-900, UK 09 and 087), shared-cost (UK 084, France 081) and personal numbers (UK 070, charged
 * like premium-rate and a classic of toll fraud). Universal access numbers are not among them: most (UK 03) cost
 * what a call to a landline costs.
 */
export type ChargedKind = 'premium_rate' | 'shared_cost' | 'personal_number';

const CHARGED: Readonly<Record<string, ChargedKind>> = {
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
};

/** Whether calls to a valid E.164 number are charged above an ordinary call, and as what. */
export function chargedKind(e164: string): ChargedKind | undefined {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type ? CHARGED[type] : undefined;
}

/**
 * Expands `+14155550100..+14155550199` into every number between, inclusive. Both ends must be valid and of
 * the same length; the caller checks each number again as it is stored.
 */
export function expandRange(
  from: string,
  to: string,
  country?: string,
): { ok: true; numbers: string[] } | { ok: false; error: DomainError } {
  const start = normalizeE164(from, country);
  if (!start.ok) return start;
  const end = normalizeE164(to, country);
  if (!end.ok) return end;
  if (start.number.length !== end.number.length) {
    return { ok: false, error: { code: 'NUMBER_RANGE_INVALID', from, to, reason: 'shape' } };
  }
  const a = BigInt(start.number.slice(1));
  const b = BigInt(end.number.slice(1));
  if (b < a) return { ok: false, error: { code: 'NUMBER_RANGE_INVALID', from, to, reason: 'order' } };
  const count = Number(b - a) + 1;
  if (count > MAX_NUMBER_RANGE) {
    return { ok: false, error: { code: 'NUMBER_RANGE_TOO_LARGE', count, max: MAX_NUMBER_RANGE } };
  }
  const numbers: string[] = [];
  for (let n = a; n <= b; n++) numbers.push(`+${n.toString()}`);
  return { ok: true, numbers };
}
