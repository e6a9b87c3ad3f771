import { codePoint, type HiddenCharacter, type LookalikeCharacter } from '../domain/characters.ts';
import type { EmailProblem } from '../domain/email.ts';
import type { DomainError } from '../domain/errors.ts';
import { MRKDWN, type Style, visibleInput } from './format.ts';

type IdentityError = Extract<
  DomainError,
  {
    code:
      | 'EMAIL_INVALID'
      | 'SLACK_PROFILE_EMAIL_INVALID'
      | 'TEXT_HIDDEN_CHARACTER'
      | 'TEXT_MIXED_SCRIPT'
      | 'NAME_LOOKALIKE';
  }
>;

/** Words for emails and names that could pass for someone or something else. */
export function identityErrorText(error: IdentityError, s: Style = MRKDWN): string {
  const { code, mention } = s;
  const e = s.escape;
  const shown = (input: string) => code(e(visibleInput(input)));
  switch (error.code) {
    case 'EMAIL_INVALID':
      return error.problem.kind === 'empty'
        ? `The email is missing: type it like ${code('ada@example.com')}.`
        : `The email ${shown(error.input)} cannot be used: ${emailProblemText(error.problem, s)}`;
    case 'SLACK_PROFILE_EMAIL_INVALID':
      return `The email in the Slack profile of ${mention(error.slackUserId)}, ${shown(error.input)}, cannot be used: ${emailProblemText(error.problem, s)} Ask them or a workspace admin to correct it in Slack, or add them with ${code(e('/phone user add <email> <first> <last>'))}.`;
    case 'TEXT_HIDDEN_CHARACTER':
      return `The ${error.field} ${shown(error.input)} cannot be used: ${hiddenText(error.character)} retype it without it.`;
    case 'TEXT_MIXED_SCRIPT':
      return `The ${error.field} ${shown(error.input)} cannot be used: ${lookalikeText(error.character, s)} retype it in one alphabet.`;
    case 'NAME_LOOKALIKE':
      return `The ${error.kind} name ${shown(error.input)} looks like the existing ${error.kind} ${shown(error.existing)}, so people could not tell them apart. Use that ${error.kind}, or pick a name that reads differently.`;
  }
}

/** Why an email is refused, and what to do: the same sentence on every surface (command, form, CSV line). */
export function emailProblemText(problem: EmailProblem, s: Style = MRKDWN): string {
  const { code } = s;
  const e = s.escape;
  const quoted = (char: string) => `'${e(visibleInput(char))}'`;
  switch (problem.kind) {
    case 'empty':
      return `it is empty: type it like ${code('ada@example.com')}.`;
    case 'too_long':
      return `it has ${problem.length} characters and an address has at most ${problem.max}: check that the cell or word holds one address.`;
    case 'hidden':
      return `${hiddenText(problem.character)} retype the address.`;
    case 'lookalike':
      return `${lookalikeText(problem.character, s)} retype the address.`;
    case 'not_ascii':
      return `the ${quoted(problem.character.char)} in position ${problem.character.position} is not an ASCII character, and Switchboard keeps addresses in ASCII: type the address as your mail system gives it (a domain in its ${code('xn--')} form).`;
    case 'leading':
      return problem.char === "'"
        ? 'an address cannot start with an apostrophe (a spreadsheet adds one to mark text): remove it.'
        : `an address cannot start with ${code(e(problem.char))}, which a spreadsheet reads as a formula: remove it.`;
    case 'character':
      return `${problem.character.char === ' ' ? 'the space' : `the ${code(e(visibleInput(problem.character.char)))}`} in position ${problem.character.position} cannot be part of an address: give one address, like ${code('ada@example.com')}.`;
    case 'shape':
      switch (problem.reason) {
        case 'no_at':
          return `it has no ${code('@')}: type it like ${code('ada@example.com')}.`;
        case 'two_at':
          return `it has more than one ${code('@')}: give one address, like ${code('ada@example.com')}.`;
        case 'local_part':
          return `the part before the ${code('@')} is not valid: use letters, digits and ${code(". _ % + - '")}, with no dot at either end and no two dots in a row.`;
        case 'domain':
          return `the part after the ${code('@')} is not a domain: use one like ${code('example.com')}.`;
      }
  }
}

function hiddenText(character: HiddenCharacter): string {
  const name = HIDDEN_NAMES[character.char];
  const what = `${codePoint(character.char)}${name ? ` ${name}` : ''}`;
  return character.kind === 'bidi'
    ? `the character in position ${character.position} (${what}) is a direction control, which shows the text in another order than it is stored:`
    : `there is an invisible character (${what}) in position ${character.position}:`;
}

/** A letter quoted in a message, 'а', with any character that cannot be seen written as its code point. */
function lookalikeText(character: LookalikeCharacter, s: Style): string {
  const quoted = (char: string) => `'${s.escape(visibleInput(char))}'`;
  return `the ${quoted(character.char)} in position ${character.position} is a ${character.script} letter that looks like a Latin one (${quoted(character.latin)}):`;
}

const HIDDEN_NAMES: Readonly<Record<string, string>> = {
  '\u00ad': 'soft hyphen',
  '\u061c': 'Arabic letter mark',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\u200e': 'left-to-right mark',
  '\u200f': 'right-to-left mark',
  '\u202a': 'left-to-right embedding',
  '\u202b': 'right-to-left embedding',
  '\u202c': 'pop directional formatting',
  '\u202d': 'left-to-right override',
  '\u202e': 'right-to-left override',
  '\u2060': 'word joiner',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
  '\ufeff': 'byte order mark',
};
