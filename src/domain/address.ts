import { getCountries } from 'libphonenumber-js/max';
import { checkRegion } from './address-regions.ts';
import { textProblem } from './characters.ts';
import type { DomainError } from './errors.ts';
import { err, ok, type Result } from './result.ts';

/** An emergency address as stored: every required part present, the country as ISO 3166 alpha-2 upper case. */
export type EmergencyAddress = {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};

/** What a person typed; any part may be missing or blank. */
export type AddressInput = { [K in keyof EmergencyAddress]?: string | null | undefined };

export type RequiredAddressField = Extract<DomainError, { code: 'ADDRESS_INCOMPLETE' }>['missing'][number];
type TextField = Extract<DomainError, { code: 'ADDRESS_FIELD_INVALID' }>['field'];

/** Each part with the words errors use for it and its longest accepted length. */
const TEXT_FIELDS: readonly {
  key: Exclude<keyof EmergencyAddress, 'country'>;
  field: TextField;
  max: number;
}[] = [
  { key: 'line1', field: 'line 1', max: 100 },
  { key: 'line2', field: 'line 2', max: 100 },
  { key: 'city', field: 'city', max: 64 },
  { key: 'state', field: 'state', max: 64 },
  { key: 'postalCode', field: 'postal code', max: 12 },
];

const REQUIRED: readonly { key: keyof EmergencyAddress; field: RequiredAddressField }[] = [
  { key: 'line1', field: 'line 1' },
  { key: 'city', field: 'city' },
  { key: 'state', field: 'state' },
  { key: 'postalCode', field: 'postal code' },
  { key: 'country', field: 'country' },
];

/** Common names people type for a country instead of its ISO code. */
const COUNTRY_HINTS: Readonly<Record<string, string>> = { UK: 'GB', EN: 'GB', USA: 'US' };

const countries: ReadonlySet<string> = new Set(getCountries());

/** Control characters and Slack's markup brackets: text that would not print as typed on a dispatcher's screen. */
const UNPRINTABLE = /[\p{Cc}<>]/u;
const POSTAL_CODE = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;

const clean = (value: string | null | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

/**
 * Checks an emergency address. Every missing required part is named at once ("city and postal code are
 * missing"); then each part's length and characters, in the order of the address; then the country; then,
 * where the country is one this product knows, that the state and postal code are of that country.
 */
export function checkAddress(input: AddressInput): Result<EmergencyAddress> {
  const value = {
    line1: clean(input.line1),
    line2: clean(input.line2),
    city: clean(input.city),
    state: clean(input.state),
    postalCode: clean(input.postalCode),
    country: clean(input.country).toUpperCase(),
  };
  const missing = REQUIRED.filter(({ key }) => value[key] === '').map(({ field }) => field);
  if (missing.length > 0) return err({ code: 'ADDRESS_INCOMPLETE', missing });
  const unreadable = readableProblem(input);
  if (unreadable) return err(unreadable);
  for (const { key, field, max } of TEXT_FIELDS) {
    const text = value[key];
    const shaped = key === 'postalCode' ? POSTAL_CODE.test(text) : !UNPRINTABLE.test(text);
    if (text.length > max || !shaped) {
      return err({ code: 'ADDRESS_FIELD_INVALID', field, input: input[key] ?? '', max });
    }
  }
  if (!countries.has(value.country)) {
    const suggestion = COUNTRY_HINTS[value.country] ?? null;
    return err({ code: 'ADDRESS_COUNTRY_INVALID', input: input.country ?? '', suggestion });
  }
  const region = checkRegion(value.country, value.state, value.postalCode);
  if (!region.ok) {
    const typed = region.field === 'state' ? input.state : input.postalCode;
    return err({
      code: 'ADDRESS_NOT_IN_COUNTRY',
      field: region.field,
      input: typed ?? '',
      country: value.country,
    });
  }
  const { state, postalCode } = region;
  return ok({ ...value, state, postalCode, line2: value.line2 === '' ? null : value.line2 });
}

/**
 * A dispatcher must read the address as it is stored: no invisible or direction control characters, and no word
 * mixing Latin letters with Cyrillic or Greek ones drawn like them.
 */
function readableProblem(input: AddressInput): DomainError | undefined {
  for (const { key, field } of TEXT_FIELDS) {
    const name = field === 'line 1' || field === 'line 2' ? (`address ${field}` as const) : field;
    const problem = textProblem(name, input[key] ?? '', { mixedScripts: 'refused' });
    if (problem) return problem;
  }
  return undefined;
}

/** "1 Main St, Suite 5, San Francisco, CA 94105, US": one line, the way a card or a message shows it. */
export function addressLine(address: EmergencyAddress): string {
  return [
    address.line1,
    address.line2,
    `${address.city}, ${address.state} ${address.postalCode}`,
    address.country,
  ]
    .filter((part): part is string => Boolean(part))
    .join(', ');
}
