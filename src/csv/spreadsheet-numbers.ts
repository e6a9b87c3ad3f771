import type { DomainError } from '../domain/errors.ts';
import { normalizeE164 } from '../domain/phone-numbers.ts';

type NumberInvalid = Extract<DomainError, { code: 'NUMBER_INVALID' }>;

/** A cell a spreadsheet turned into a number we must not guess at. */
export type NumberMangled = {
  code: 'NUMBER_MANGLED';
  input: string;
  reason: 'digits_lost' | 'not_a_whole_number';
};

export type SpreadsheetNumber =
  | { ok: true; number: string; repaired: 'plus_restored' | 'scientific_notation' | null }
  | { ok: false; error: NumberInvalid | NumberMangled };

// 1.41555501E+10, 1,41555501E+10 (a comma where the locale writes decimals that way), 1.4E10.
const SCIENTIFIC = /^([0-9])(?:[.,]([0-9]+))?e\+?([0-9]{1,2})$/i;
const SEPARATORS = /[\s().\-\u00a0]/g;

/**
 * Excel's General format shows at most 6 significant digits of a long number (1.41556E+10) and saves the CSV as
 * shown; a shortest round-trip writer (JavaScript, Python, Sheets) keeps every digit but drops trailing zeros
 * (1.41555501E+10). More than this many significant digits means the second kind, so the zeros are real.
 */
const ROUNDED_DISPLAY_DIGITS = 6;

/**
 * Reads a phone number cell, repairing the two ways spreadsheets mangle numbers: the leading "+" dropped (the
 * cell became a number) and scientific notation. A repair happens only when the result is exact and a valid
 * E.164 number; otherwise the error says why, so the admin can fix the cell rather than get a wrong number.
 * With a `country` (the row's site's, or the account's default), a cell without + that is a number of that
 * country in its national format (`(415) 555-0100`, `020 7946 0958`) is read as one, as a typed number is; digits
 * that are one only with a + put back in front are read that way.
 */
export function repairSpreadsheetNumber(input: string, country?: string): SpreadsheetNumber {
  const trimmed = input.trim();
  if (trimmed.startsWith('+')) return asResult(normalizeE164(trimmed), null);

  const scientific = SCIENTIFIC.exec(trimmed);
  if (scientific) {
    const [, lead = '', fraction = '', exponentText = '0'] = scientific;
    const significant = withoutTrailingZeros(lead + fraction);
    const digitCount = Number(exponentText) + 1;
    if (significant.length > digitCount) return mangled(input, 'not_a_whole_number');
    if (significant.length < digitCount && significant.length <= ROUNDED_DISPLAY_DIGITS) {
      return mangled(input, 'digits_lost');
    }
    const digits = significant.padEnd(digitCount, '0');
    return asResult(normalizeE164(`+${digits}`), 'scientific_notation', input);
  }

  const compact = trimmed.replace(SEPARATORS, '');
  if (/^[0-9]+$/.test(compact)) {
    const national = country ? normalizeE164(trimmed, country) : undefined;
    const restored = normalizeE164(`+${compact}`);
    // `14155550100` in the US reads the same both ways: a lost + is the likelier story, and the one told.
    if (restored.ok && (!national?.ok || national.number === restored.number)) {
      return { ok: true, number: restored.number, repaired: 'plus_restored' };
    }
    if (national?.ok) return { ok: true, number: national.number, repaired: null };
    if (national) return asResult(national, null);
  }
  // Not repairable: report it as the admin typed it.
  return asResult(normalizeE164(input), null);
}

function asResult(
  result: ReturnType<typeof normalizeE164>,
  repaired: 'scientific_notation' | null,
  input?: string,
): SpreadsheetNumber {
  if (result.ok) return { ok: true, number: result.number, repaired };
  return { ok: false, error: input === undefined ? result.error : { ...result.error, input } };
}

const mangled = (input: string, reason: NumberMangled['reason']): SpreadsheetNumber => ({
  ok: false,
  error: { code: 'NUMBER_MANGLED', input, reason },
});

/** A loop rather than `/0+$/`, which would rescan a long run of zeros in a cell from each of its characters. */
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits[end - 1] === '0') end -= 1;
  return digits.slice(0, end);
}
