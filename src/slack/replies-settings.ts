import type { DomainError } from '../domain/errors.ts';
import type { SettingProblem } from '../domain/setting-problems.ts';
import { SETTING_KEYS } from '../domain/setting-problems.ts';
import { adminNames, listing, MRKDWN, type Style } from './format.ts';
import { languageWithCode } from './languages.ts';

type SettingsError = Extract<
  DomainError,
  {
    code:
      | 'SETTINGS_INVALID'
      | 'SETTINGS_UNCHANGED'
      | 'BLOCKED_ENTRY_INVALID'
      | 'BLOCKED_PREFIX_TOO_SHORT'
      | 'BLOCKED_ALREADY'
      | 'BLOCKED_NOT_FOUND'
      | 'ASSISTANT_SELF'
      | 'ASSISTANT_LIMIT'
      | 'ASSISTANT_ALREADY'
      | 'ASSISTANT_CYCLE'
      | 'ASSISTANT_NOT_FOUND'
      | 'COPY_TO_SELF'
      | 'MAIN_NUMBER_ALREADY'
      | 'NOT_MAIN_NUMBER'
      | 'NUMBER_IS_MAIN'
      | 'MAIN_NUMBER_IS_CALLER_ID'
      | 'NOT_OWN_SETTINGS'
      | 'PIN_NOT_VISIBLE';
  }
>;

const keyName = (key: string, { code, escape: asTyped }: Style) => code(asTyped(key.slice(0, 40)));

/** The words for the errors of settings, the blocked list, delegation, copying and main numbers. */
export function settingsErrorText(error: SettingsError, s: Style = MRKDWN): string {
  const { code, input, who } = s;
  const e = s.escape;
  switch (error.code) {
    case 'SETTINGS_INVALID': {
      const lines = error.problems.map((problem) => `• ${problemText(problem, s)}`);
      return `Nothing was changed:\n${lines.join('\n')}`;
    }
    case 'SETTINGS_UNCHANGED':
      return `${who(error.user)} already has ${error.keys.length === 1 ? 'that setting' : 'those settings'} (${listing(error.keys.map((key) => keyName(key, s)))}); nothing changed.`;
    case 'BLOCKED_ENTRY_INVALID':
      return error.reason === 'characters'
        ? `${input(error.input)} cannot be blocked: a number or prefix is digits, optionally starting with +, e.g. ${code('+14155550100')}, ${code('+4420')} or ${code('1900')}.`
        : `${input(error.input)} cannot be blocked: it has more than 15 digits, longer than any phone number. Check it and try again.`;
    case 'BLOCKED_PREFIX_TOO_SHORT': {
      const where =
        error.countryCode === null
          ? 'is shorter than a country code, so it would block every call from several countries'
          : error.countries.length > 0
            ? `is the country code of ${error.countries.length > 5 ? `${error.countries.slice(0, 5).join(', ')} and ${error.countries.length - 5} more` : listing(error.countries)}, so it would block every call from ${error.countries.length === 1 ? 'that country' : 'those countries'}`
            : 'is a whole international calling code, so it would block every number under it';
      return `${input(error.input)} ${where}. Block a longer prefix, the country code followed by an area code or a range (e.g. ${code('+1900')} for premium-rate numbers in North America, ${code('+4420')} for London), or the number itself.`;
    }
    case 'BLOCKED_ALREADY':
      return `${input(error.entry)} is already blocked for ${who(error.user)}; nothing changed.`;
    case 'BLOCKED_NOT_FOUND':
      return `${input(error.entry)} is not on the blocked list of ${who(error.user)}. See the list with ${code('/phone blocked')} followed by the user.`;
    case 'ASSISTANT_SELF':
      return `${who(error.user)} cannot be their own assistant. Name another phone user as the assistant.`;
    case 'ASSISTANT_LIMIT':
      return `${who(error.user)} already has ${error.max} assistants, the most allowed. Remove one with ${code(e('/phone delegate remove <user> <assistant>'))} first.`;
    case 'ASSISTANT_ALREADY':
      return `${who(error.assistant)} is already an assistant of ${who(error.owner)}; nothing changed.`;
    case 'ASSISTANT_CYCLE': {
      const [, ...rest] = error.chain;
      const links = rest.map((person, index) => {
        const before = error.chain[index];
        return `${who(person)} answers the calls of ${before ? who(before) : ''}`;
      });
      return `${who(error.assistant)} cannot become an assistant of ${who(error.owner)}: ${links.reverse().join(', and ')}, so calls handed on from one assistant to the next would go round in a circle. Remove one of those delegations first (${code(e('/phone delegate remove <user> <assistant>'))}), or choose another assistant.`;
    }
    case 'ASSISTANT_NOT_FOUND':
      return `${who(error.assistant)} is not an assistant of ${who(error.owner)}; nothing changed. See their assistants on the card (${code('/phone show')}).`;
    case 'COPY_TO_SELF':
      return `Settings cannot be copied from ${who(error.user)} to themselves: leave them out of the users to copy to.`;
    case 'MAIN_NUMBER_ALREADY':
      return `${code(error.number)} is already a main number; nothing changed.`;
    case 'NOT_MAIN_NUMBER':
      return `${code(error.number)} is not a main number; nothing changed. See the main numbers with ${code('/phone numbers')}.`;
    case 'NUMBER_IS_MAIN':
      return error.action === 'assign'
        ? `${code(error.number)} is a main number of the account, so it cannot be a person's direct number. Pick another from ${code('/phone numbers free')}, or first make it an ordinary number with ${code(`/phone numbers main remove ${error.number}`)}.`
        : `${code(error.number)} is a main number; make it an ordinary number with ${code(`/phone numbers main remove ${error.number}`)} before removing it from the inventory.`;
    case 'MAIN_NUMBER_IS_CALLER_ID':
      return `${code(error.number)} is the caller ID of ${listing(error.users.slice(0, 10).map(who))}${error.users.length > 10 ? ` and ${error.users.length - 10} more` : ''}, so it stays a main number. Give them another caller ID first, e.g. ${code(e('/phone set <user> caller-id=hidden'))}.`;
    case 'NOT_OWN_SETTINGS':
      return `Only phone admins can use ${code(`/phone ${error.command}`)} for someone else. You can use it for yourself: name yourself (your mention, email or extension).`;
    case 'PIN_NOT_VISIBLE':
      return `Only phone admins and the phone user themselves can see a voicemail PIN. Ask ${adminNames(error.admins, s)} if you need it.`;
  }
}

const numberReasons = ({ code }: Style) => ({
  not_e164: `it must start with + and the country code, e.g. ${code('+14155550100')}`,
  not_a_number: 'only digits may follow the +',
  too_short: 'it has too few digits',
  too_long: 'it has too many digits',
  invalid: 'no phone number exists with those digits',
  not_national: 'it is not a number of the country of their site; write it with + and the country code',
});

function problemText(problem: SettingProblem, s: Style): string {
  const { code, input } = s;
  const e = s.escape;
  switch (problem.problem) {
    case 'unknown_key':
      return `${keyName(problem.key, s)} is not a setting. The settings are ${listing(SETTING_KEYS.map((k) => code(k)))}.`;
    case 'given_twice':
      return `${keyName(problem.key, s)} is given twice; give it once.`;
    case 'choice':
      return problem.key === 'language'
        ? `${keyName(problem.key, s)}: ${input(problem.input)} is not one of the languages: ${problem.choices.map((c) => languageWithCode(c, code)).join(', ')}.`
        : `${keyName(problem.key, s)}: ${input(problem.input)} is not one of ${listing(problem.choices.map((c) => code(c)))}.`;
    case 'pin_format':
      return problem.nonDigits
        ? `${code('pin')}: a voicemail PIN is 4 to 6 digits, and the one given has something other than digits.`
        : `${code('pin')}: a voicemail PIN is 4 to 6 digits, and the one given has ${problem.length}.`;
    case 'area_code_digits':
      return `${code('area-code')}: ${input(problem.input)} is not an area code: use 1 to 5 digits (the user's numbers are in ${problem.country}).`;
    case 'area_code_nanp':
      return `${code('area-code')}: ${input(problem.input)} is not an area code of ${problem.country}: use 3 digits, the first 2 to 9, e.g. ${code('415')}.`;
    case 'area_code_unknown':
      return `${code('area-code')}: ${input(problem.input)} is not an area code in use in ${problem.country}. Check it, e.g. ${code('415')}.`;
    case 'area_code_other_country':
      return `${code('area-code')}: ${input(problem.input)} is an area code of ${problem.belongsTo}, and the user's numbers are in ${problem.country}. Give an area code of ${problem.country}.`;
    case 'caller_id_number':
      return `${code('caller-id')}: ${input(problem.input)} is not a phone number: ${numberReasons(s)[problem.reason]}. Or use ${code('hidden')}.`;
    case 'caller_id_not_available': {
      const choices = [...problem.own, ...problem.main].map(code);
      const offer =
        choices.length > 0
          ? `Choose one of ${listing(choices)}, or ${code('hidden')}.`
          : `The user has no numbers and the account has no main numbers (add one with ${code(e('/phone numbers main add <+E164>'))}), so only ${code('hidden')} is possible.`;
      return `${code('caller-id')}: ${code(problem.number)} is neither one of the user's numbers nor a main number of the account. ${offer}`;
    }
    case 'closed_needs_forward':
      return `${code('closed')}: forwarding needs a forward number, and the user has none. Add one with ${code(e('/phone forward add <user> <+E164>'))} first.`;
    case 'closed_needs_message':
      return `${code('closed')}: playing a message needs the message, and none is uploaded. Upload a closed-hours message first: send a WAV or MP3 file to Switchboard in a direct message with the word ${code('message')}.`;
  }
}
