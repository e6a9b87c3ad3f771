import {
  findHiddenCharacter,
  type HiddenCharacter,
  type LookalikeCharacter,
  latinLookalike,
  type PlacedCharacter,
} from './characters.ts';

/**
 * Why a text is not an email address Switchboard keeps. Positions count characters of the text as typed (after
 * spaces at either end), starting at 1.
 */
export type EmailProblem =
  | { kind: 'empty' }
  | { kind: 'too_long'; length: number; max: number }
  | { kind: 'hidden'; character: HiddenCharacter }
  | { kind: 'lookalike'; character: LookalikeCharacter }
  /** A letter outside ASCII that is no lookalike (`é`, `ж`): addresses are kept in ASCII, see `parseEmail`. */
  | { kind: 'not_ascii'; character: PlacedCharacter }
  /** A first character no mailbox starts with, which a spreadsheet would read as a formula or a text marker. */
  | { kind: 'leading'; char: string }
  /** An ASCII character an address cannot hold (a space, a comma, a bracket). */
  | { kind: 'character'; character: PlacedCharacter }
  | { kind: 'shape'; reason: 'no_at' | 'two_at' | 'local_part' | 'domain' };

export type EmailResult = { ok: true; email: string } | { ok: false; problem: EmailProblem };

export const MAX_EMAIL_LENGTH = 254;

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const LOCAL_CHARACTER = /[A-Za-z0-9._%+'-]/;
const ADDRESS_CHARACTERS = /^[A-Za-z0-9._%+'@-]+$/;
const LOCAL_PART = /^[A-Za-z0-9_%+'-]+(\.[A-Za-z0-9_%+'-]+)*$/;
/** Labels of letters, digits and inner hyphens, up to 63 long; the last one letters, or an `xn--` label. */
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
/**
 * `=`, `+` and `@` start a spreadsheet formula and begin no mailbox (`+` begins a tag after a mailbox name); a
 * leading `'` is what a spreadsheet adds to mark text. `-` also starts a formula, but `-ops@example.com` is a
 * real address, so it is kept, and exports write it so that a spreadsheet shows it as text.
 */
const LEADING = new Set(['=', '+', '@', "'"]);

/**
 * The one reading of an email address, whoever typed it (a command, a form, a CSV cell, a Slack profile).
 *
 * The address is normalised to NFKC, so full-width letters become ASCII; its case is kept, and addresses are
 * compared without regard to case (`emailKey`). Refused: invisible and bidirectional control characters, Cyrillic
 * and Greek letters drawn like Latin ones, any other character outside ASCII, a first character that starts a
 * spreadsheet formula, and anything not shaped `name@domain.tld`.
 *
 * Internationalised addresses (`josé@example.com`, `почта@пример.рф`) are refused: phone systems and chat
 * workspaces identify people by ASCII addresses; an internationalised domain and its `xn--` form would be two
 * spellings of one person; and the database's case-insensitive index folds case only in ASCII on some servers.
 * A domain in its `xn--` form is accepted.
 */
export function parseEmail(input: string): EmailResult {
  // Spaces at either end go, as in every other field; a byte order mark stays, to be refused as invisible.
  const text = input.includes('\ufeff') ? input.replace(/^[^\S\ufeff]+|[^\S\ufeff]+$/g, '') : input.trim();
  if (text === '') return refuse({ kind: 'empty' });
  // Most addresses are plain ASCII: the character checks below are only for the others.
  const ascii = PRINTABLE_ASCII.test(text);
  if (!ascii) {
    const hidden = findHiddenCharacter(text);
    if (hidden) return refuse({ kind: 'hidden', character: hidden });
    for (const [index, char] of [...text].entries()) {
      if (PRINTABLE_ASCII.test(char.normalize('NFKC'))) continue;
      if (/\p{Cc}/u.test(char))
        return refuse({ kind: 'character', character: { char, position: index + 1 } });
      const lookalike = latinLookalike(char);
      if (lookalike)
        return refuse({ kind: 'lookalike', character: { char, position: index + 1, ...lookalike } });
      return refuse({ kind: 'not_ascii', character: { char, position: index + 1 } });
    }
  }
  const email = ascii ? text : text.normalize('NFKC');
  const first = email.charAt(0);
  if (LEADING.has(first)) return refuse({ kind: 'leading', char: first });
  if (email.length > MAX_EMAIL_LENGTH)
    return refuse({ kind: 'too_long', length: email.length, max: MAX_EMAIL_LENGTH });
  const at = email.indexOf('@');
  if (at === -1) return refuse({ kind: 'shape', reason: 'no_at' });
  if (email.indexOf('@', at + 1) !== -1) return refuse({ kind: 'shape', reason: 'two_at' });
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!ADDRESS_CHARACTERS.test(email)) {
    const chars = [...email];
    const index = chars.findIndex((char) => char !== '@' && !LOCAL_CHARACTER.test(char));
    return refuse({ kind: 'character', character: { char: chars[index] ?? '', position: index + 1 } });
  }
  if (local.length > 64 || !LOCAL_PART.test(local) || local.endsWith("'"))
    return refuse({ kind: 'shape', reason: 'local_part' });
  if (!DOMAIN.test(domain)) return refuse({ kind: 'shape', reason: 'domain' });
  return { ok: true, email };
}

/** How two addresses are compared: without regard to case, as the directory's unique index does. */
export const emailKey = (email: string): string => email.toLowerCase();

/** Whether a word reads as an email address (an `@` between other characters), valid or not. */
export const looksLikeEmail = (text: string): boolean => /.@|@./.test(text.trim());

const refuse = (problem: EmailProblem): EmailResult => ({ ok: false, problem });
