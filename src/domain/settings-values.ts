import { getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normalizeE164 } from './phone-numbers.ts';
import { SETTING_KEYS, type SettingKey, type SettingProblem } from './setting-problems.ts';
import {
  AUDIO_PROMPT_LANGUAGES,
  type AudioPromptLanguage,
  type CallerId,
  type ClosedHoursAction,
  type RingMode,
  type UnansweredAction,
} from './settings.ts';

/** What a settings change writes, in the shape the settings row stores. */
export type SettingsValues = {
  language?: AudioPromptLanguage;
  areaCode?: string;
  callerId?: CallerId;
  ringMode?: RingMode;
  voicemailPin?: string;
  unanswered?: UnansweredAction;
  closedHours?: ClosedHoursAction;
};

/** What the values are checked against: the user's country, the numbers they may show, their call handling. */
export type SettingsContext = {
  country: string;
  /** Where a caller ID typed without + is read: the country of the user's site. */
  numberCountry?: string;
  ownNumbers: readonly string[];
  mainNumbers: readonly string[];
  forwardNumbers: number;
  unanswered: UnansweredAction;
  closedHours: ClosedHoursAction;
};

type Checked<T> = { ok: true; value: T } | { ok: false; problem: SettingProblem };

const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (problem: SettingProblem): Checked<never> => ({ ok: false, problem });

export const RING_MODES = ['simultaneous', 'sequential'] as const;
export const UNANSWERED_CHOICES = ['voicemail', 'disconnect'] as const;
export const CLOSED_CHOICES = ['voicemail', 'message', 'disconnect', 'forward'] as const;

export const PIN_DIGITS = { min: 4, max: 6 } as const;

/**
 * A new voicemail PIN: 4 to 6 digits (a shorter one is guessed in a few tries). PINs stored before this rule may
 * be shorter and keep working until changed; the database accepts 1 to 6 digits for them.
 */
export function checkPin(input: string): Checked<string> {
  if (/^[0-9]{4,6}$/.test(input)) return good(input);
  return bad({
    key: 'pin',
    problem: 'pin_format',
    length: [...input].length,
    nonDigits: /[^0-9]/.test(input),
  });
}

/** One of the audio prompt languages, in any case and with `-` or `_`: `EN-us` is en-US. */
export function checkLanguage(input: string): Checked<AudioPromptLanguage> {
  const wanted = input.trim().replace('_', '-').toLowerCase();
  const found = AUDIO_PROMPT_LANGUAGES.find((language) => language.toLowerCase() === wanted);
  return found
    ? good(found)
    : bad({ key: 'language', problem: 'choice', input, choices: AUDIO_PROMPT_LANGUAGES });
}

/** The country of the first of these numbers that has one (non-geographic numbers have none). */
export function countryOfNumbers(numbers: readonly string[]): string | undefined {
  for (const number of numbers) {
    const country = parsePhoneNumberFromString(number)?.country;
    if (country) return country;
  }
  return undefined;
}

// Subscriber parts that are valid in any North American area code; one of them makes a full number to test.
const NANP_PROBES = ['2345678', '5550100', '4567890', '2001234'];

/**
 * An outbound area code for a user in `country`. North American numbers have a 3-digit area code starting 2–9;
 * there, libphonenumber's metadata also tells whether the code exists and in which country. Elsewhere the length
 * of an area code varies, so only its shape is checked: 1 to 5 digits.
 */
export function checkAreaCode(input: string, country: string): Checked<string> {
  const code = input.trim();
  const isNanp = safeCallingCode(country) === '1';
  if (!isNanp) {
    return /^[0-9]{1,5}$/.test(code)
      ? good(code)
      : bad({ key: 'area-code', problem: 'area_code_digits', input, country });
  }
  if (!/^[2-9][0-9]{2}$/.test(code))
    return bad({ key: 'area-code', problem: 'area_code_nanp', input, country });
  const countries = NANP_PROBES.flatMap((rest) => {
    const parsed = parsePhoneNumberFromString(`+1${code}${rest}`);
    return parsed?.isValid() && parsed.country ? [parsed.country as string] : [];
  });
  if (countries.includes(country)) return good(code);
  const [belongsTo] = countries;
  if (belongsTo)
    return bad({ key: 'area-code', problem: 'area_code_other_country', input, country, belongsTo });
  return bad({ key: 'area-code', problem: 'area_code_unknown', input, country });
}

function safeCallingCode(country: string): string | undefined {
  try {
    return getCountryCallingCode(country as Parameters<typeof getCountryCallingCode>[0]);
  } catch {
    return undefined;
  }
}

/** `hidden`, or a number the user may show: one of their own, or one of the account's main numbers. */
export function checkCallerId(
  input: string,
  own: readonly string[],
  main: readonly string[],
  country?: string,
): Checked<CallerId> {
  if (input.trim().toLowerCase() === 'hidden') return good({ kind: 'hidden' });
  const normalized = normalizeE164(input, country);
  if (!normalized.ok) {
    return bad({ key: 'caller-id', problem: 'caller_id_number', input, reason: normalized.error.reason });
  }
  const number = normalized.number;
  if (own.includes(number) || main.includes(number)) return good({ kind: 'number', number });
  return bad({
    key: 'caller-id',
    problem: 'caller_id_not_available',
    number,
    own: [...own],
    main: [...main],
  });
}

function choice<T extends string>(key: SettingKey, input: string, choices: readonly T[]): Checked<T> {
  const wanted = input.trim().toLowerCase();
  const found = choices.find((c) => c === wanted);
  return found ? good(found) : bad({ key, problem: 'choice', input, choices });
}

/** The unanswered action: voicemail keeps the greeting already chosen. */
export function checkUnanswered(input: string, current: UnansweredAction): Checked<UnansweredAction> {
  const picked = choice('unanswered', input, UNANSWERED_CHOICES);
  if (!picked.ok) return picked;
  if (picked.value === 'disconnect') return good({ action: 'disconnect' });
  return good(current.action === 'voicemail' ? current : { action: 'voicemail', greetingId: null });
}

/**
 * The closed-hours action. Forwarding needs a forward number to forward to; playing a message needs the message,
 * uploaded to the audio library, so `message` only keeps a message already chosen.
 */
export function checkClosed(
  input: string,
  current: ClosedHoursAction,
  forwardNumbers: number,
): Checked<ClosedHoursAction> {
  const picked = choice('closed', input, CLOSED_CHOICES);
  if (!picked.ok) return picked;
  switch (picked.value) {
    case 'voicemail':
      return good(current.action === 'voicemail' ? current : { action: 'voicemail', greetingId: null });
    case 'disconnect':
      return good({ action: 'disconnect' });
    case 'forward':
      return forwardNumbers > 0
        ? good({ action: 'forward' })
        : bad({ key: 'closed', problem: 'closed_needs_forward' });
    case 'message':
      return current.action === 'message' && current.audioId !== null
        ? good(current)
        : bad({ key: 'closed', problem: 'closed_needs_message' });
  }
}

export type SettingInput = { key: string; value: string };

/** Which key, in any case; undefined for a key that is not a setting. */
export function settingKey(key: string): SettingKey | undefined {
  const wanted = key.trim().toLowerCase();
  return SETTING_KEYS.find((known) => known === wanted);
}

/**
 * Checks every `key=value` of one change against the user's context. Either all are good and the values come
 * back together, or every problem comes back, each naming its key: nothing is half applied.
 */
export function checkSettings(
  inputs: readonly SettingInput[],
  context: SettingsContext,
): { ok: true; values: SettingsValues } | { ok: false; problems: SettingProblem[] } {
  const values: SettingsValues = {};
  const problems: SettingProblem[] = [];
  const seen = new Set<SettingKey>();
  for (const input of inputs) {
    const key = settingKey(input.key);
    if (!key) {
      problems.push({ key: input.key, problem: 'unknown_key' });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ key, problem: 'given_twice' });
      continue;
    }
    seen.add(key);
    const checked = checkOne(key, input.value, context);
    if (checked.ok) Object.assign(values, checked.value);
    else problems.push(checked.problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function checkOne(key: SettingKey, value: string, context: SettingsContext): Checked<SettingsValues> {
  const as = <K extends keyof SettingsValues>(field: K, checked: Checked<SettingsValues[K]>) =>
    checked.ok ? good({ [field]: checked.value } as SettingsValues) : checked;
  switch (key) {
    case 'language':
      return as('language', checkLanguage(value));
    case 'area-code':
      return as('areaCode', checkAreaCode(value, context.country));
    case 'caller-id':
      return as(
        'callerId',
        checkCallerId(value, context.ownNumbers, context.mainNumbers, context.numberCountry),
      );
    case 'ring-mode':
      return as('ringMode', choice('ring-mode', value, RING_MODES));
    case 'pin':
      return as('voicemailPin', checkPin(value));
    case 'unanswered':
      return as('unanswered', checkUnanswered(value, context.unanswered));
    case 'closed':
      return as('closedHours', checkClosed(value, context.closedHours, context.forwardNumbers));
  }
}
