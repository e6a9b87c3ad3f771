/**
 * Characters that make two different texts look the same: invisible ones, ones that reorder the text around them
 * (bidirectional controls), and Cyrillic or Greek letters drawn like Latin ones. Emails, names of sites, call
 * queues and auto receptionists, people's names and emergency addresses are checked with these rules, so that
 * nobody gets a second phone line, or a second site, that only looks like the first.
 */

import type { DomainError, TextField } from './errors.ts';

/** A character at a 1-based position, counted in characters as the person typed them. */
export type PlacedCharacter = { char: string; position: number };

export type HiddenCharacter = PlacedCharacter & { kind: 'invisible' | 'bidi' };

export type LookalikeScript = 'Cyrillic' | 'Greek';

export type LookalikeCharacter = PlacedCharacter & { script: LookalikeScript; latin: string };

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** Emoji are built with a zero-width joiner and the emoji variation selector: visible, so allowed there. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const ZWJ = '\u200d';
const EMOJI_PRESENTATION = '\ufe0f';

/**
 * Cyrillic and Greek letters that common fonts draw like a Latin letter, with that letter. A small hand-written
 * table rather than Unicode's full confusables list: that list also pairs Latin with Latin (`rn` and `m`, `l`
 * and `1`), which would refuse honest names like "Barn" next to "Bam".
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  А: 'A',
  В: 'B',
  ь: 'b',
  с: 'c',
  С: 'C',
  ԁ: 'd',
  е: 'e',
  Е: 'E',
  һ: 'h',
  Н: 'H',
  і: 'i',
  І: 'I',
  ӏ: 'l',
  Ӏ: 'I',
  ј: 'j',
  Ј: 'J',
  к: 'k',
  К: 'K',
  М: 'M',
  о: 'o',
  О: 'O',
  р: 'p',
  Р: 'P',
  ԛ: 'q',
  Ԛ: 'Q',
  ѕ: 's',
  Ѕ: 'S',
  Т: 'T',
  у: 'y',
  У: 'Y',
  Ү: 'Y',
  ԝ: 'w',
  Ԝ: 'W',
  х: 'x',
  Х: 'X',
  // Greek
  α: 'a',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  ι: 'i',
  Ι: 'I',
  κ: 'k',
  Κ: 'K',
  Μ: 'M',
  ν: 'v',
  Ν: 'N',
  ο: 'o',
  Ο: 'O',
  ρ: 'p',
  Ρ: 'P',
  Τ: 'T',
  υ: 'u',
  Υ: 'Y',
  χ: 'x',
  Χ: 'X',
  γ: 'y',
};

const LATIN_LETTER = /\p{Script=Latin}/u;
/** Printable ASCII holds no hidden character and no lookalike letter: most text is checked by this alone. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The first invisible or bidirectional control character, if any; emoji joiners between emoji are not hidden. */
export function findHiddenCharacter(text: string): HiddenCharacter | undefined {
  if (PLAIN_ASCII.test(text)) return undefined;
  const chars = [...text];
  for (const [index, char] of chars.entries()) {
    const position = index + 1;
    if (BIDI_CONTROLS.test(char)) return { kind: 'bidi', char, position };
    if (!INVISIBLE.test(char)) continue;
    const before = chars[index - 1] ?? '';
    const after = chars[index + 1] ?? '';
    if (char === ZWJ && PICTOGRAPH.test(before.replace(EMOJI_PRESENTATION, '')) && PICTOGRAPH.test(after))
      continue;
    if (char === EMOJI_PRESENTATION && PICTOGRAPH.test(before)) continue;
    if (char === ZWJ && before === EMOJI_PRESENTATION && PICTOGRAPH.test(after)) continue;
    return { kind: 'invisible', char, position };
  }
  return undefined;
}

/** The Latin letter a Cyrillic or Greek letter is drawn like, with its script; undefined for any other character. */
export function latinLookalike(char: string): { script: LookalikeScript; latin: string } | undefined {
  const latin = LOOKALIKES[char];
  if (latin === undefined) return undefined;
  return { script: CYRILLIC.test(char) ? 'Cyrillic' : 'Greek', latin };
}

/**
 * The first Cyrillic or Greek lookalike letter in a word that also holds Latin letters ("Маin" with a Cyrillic
 * М). A word written wholly in one script is left alone: "Москва" and "Αθήνα" are genuine names.
 */
export function findMixedScript(text: string): LookalikeCharacter | undefined {
  if (PLAIN_ASCII.test(text)) return undefined;
  const chars = [...text];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    while (end < chars.length && /[\p{L}\p{M}\p{N}]/u.test(chars[end] ?? '')) end++;
    const word = chars.slice(start, end);
    if (word.some((char) => LATIN_LETTER.test(char))) {
      for (const [offset, char] of word.entries()) {
        const lookalike = latinLookalike(char);
        if (lookalike) return { char, position: start + offset + 1, ...lookalike };
      }
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * What a name looks like, for telling lookalikes apart from genuinely different names: compatibility forms
 * folded (full-width letters, ligatures), Cyrillic and Greek lookalikes read as their Latin letter, case ignored,
 * invisible characters dropped and spaces collapsed. Two names with one skeleton are one name to a reader.
 */
export function skeleton(text: string): string {
  const mapped = [...text.normalize('NFKC')]
    .map((char) => LOOKALIKES[char] ?? char)
    .join('')
    .toLowerCase();
  return [...mapped]
    .map((char) => LOOKALIKES[char] ?? char)
    .filter((char) => !BIDI_CONTROLS.test(char) && !INVISIBLE.test(char))
    .join('')
    .trim()
    .replace(/\s+/g, ' ');
}

/**
 * The existing name that `name` looks like, if any. Run after the check for the same name (which the database
 * makes without regard to ASCII case), so any other name with the same skeleton is a lookalike.
 */
export function findLookalikeName(name: string, existing: Iterable<string>): string | undefined {
  const wanted = skeleton(name);
  for (const other of existing) {
    if (other !== name.trim() && skeleton(other) === wanted) return other;
  }
  return undefined;
}

/**
 * A problem with free text a person typed: an invisible or direction control character, and, unless the text
 * is a person's name (where scripts mix for good reasons), a word mixing Latin with lookalike letters.
 */
export function textProblem(
  field: TextField,
  input: string,
  { mixedScripts }: { mixedScripts: 'allowed' | 'refused' },
): DomainError | undefined {
  const text = input.trim();
  const hidden = findHiddenCharacter(text);
  if (hidden) return { code: 'TEXT_HIDDEN_CHARACTER', field, input, character: hidden };
  const mixed = mixedScripts === 'refused' ? findMixedScript(text) : undefined;
  if (mixed) return { code: 'TEXT_MIXED_SCRIPT', field, input, character: mixed };
  return undefined;
}

/** "U+200B": how a character that cannot be seen is named in a message. */
export const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
