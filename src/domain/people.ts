import { textProblem } from './characters.ts';
import type { DomainError } from './errors.ts';

export const MAX_USERS_PER_REQUEST = 100;

/**
 * The longest command text read at all: longer text is refused before it is parsed (and before anyone's rights are
 * checked), so that no command, whoever sends it, keeps the app busy. The longest real command names the most
 * people one request handles, each in the longest form Slack sends: a mention with its label (`<@` + an id of up
 * to 21 characters + `|` + a display name of up to 80 + `>`: 105 characters) or an email, which Slack sends twice
 * (`<mailto:ada@example.com|ada@example.com>`: 10 characters plus twice the address). 200 characters a person
 * hold either form, with an address of up to 95 characters, and a separator; 1,000 more hold the command words
 * and `site:` and `plan:` with quoted names: 100 × 200 + 1,000 = 21,000. Real commands stay far below it.
 */
export const MAX_COMMAND_TEXT_LENGTH = MAX_USERS_PER_REQUEST * 200 + 1_000;

/** Names are shown on cards and in DMs: printable, at most 64 characters. */
export const isValidName = (input: string): boolean =>
  input.trim().length > 0 && input.length <= 64 && !/[\p{Cc}<>]/u.test(input);

/**
 * A person's first or last name as typed: printable, and without invisible or direction control characters.
 * Letters of any script are welcome, mixed too ("Ли Smith", a Japanese name in kanji and kana): a name is not
 * how anyone is found, the email is.
 */
export function checkPersonName(field: 'first name' | 'last name', input: string): DomainError | undefined {
  if (!isValidName(input)) return { code: 'NAME_INVALID', field, input };
  return textProblem(field, input, { mixedScripts: 'allowed' });
}

/** Splits a Slack real name into first and last name the way an address book would. */
export function splitRealName(realName: string): { firstName: string; lastName: string } {
  const parts = realName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: '', lastName: '' };
  if (parts.length === 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) ?? '' };
}

/**
 * A count an admin typed: a whole number up to 9,999,999, with or without thousands separators ("1,000" or
 * "1 000"). Anything else (decimals, signs, "1.000") is undefined: a count of licenses is never fractional,
 * so an ambiguous separator is refused rather than guessed.
 */
export function parseCount(input: string): number | undefined {
  const trimmed = input.trim();
  const digits = /^[0-9]{1,3}([, \u00a0][0-9]{3})+$/.test(trimmed)
    ? trimmed.replace(/[, \u00a0]/g, '')
    : trimmed;
  return /^[0-9]{1,7}$/.test(digits) ? Number(digits) : undefined;
}
