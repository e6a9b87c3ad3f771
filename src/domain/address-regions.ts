/**
 * The states and postal codes of the countries whose calling plans the account can buy (US/CA, UK/Ireland,
 * AU/NZ, Japan, India): an emergency address a dispatcher cannot place is refused. Other countries keep the
 * general checks of `checkAddress`. Names and codes are matched without regard to case, spaces or dots, and
 * stored the way the country's post writes them (`CA`, `K1A 0B1`, `SW1A 1AA`).
 */

/** A state (or province, territory) by code and name; `codes` is what is stored. */
type Regions = ReadonlyMap<string, string>;

function regions(entries: Record<string, string>): Regions {
  const byKey = new Map<string, string>();
  for (const [code, name] of Object.entries(entries)) {
    byKey.set(key(code), code);
    byKey.set(key(name), code);
  }
  return byKey;
}

const key = (text: string) => text.toLowerCase().replace(/[\s.'-]/g, '');

const US_STATES = regions({
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  AS: 'American Samoa',
  GU: 'Guam',
  MP: 'Northern Mariana Islands',
  PR: 'Puerto Rico',
  VI: 'U.S. Virgin Islands',
  UM: 'U.S. Minor Outlying Islands',
});

const CA_PROVINCES = regions({
  AB: 'Alberta',
  BC: 'British Columbia',
  MB: 'Manitoba',
  NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia',
  NT: 'Northwest Territories',
  NU: 'Nunavut',
  ON: 'Ontario',
  PE: 'Prince Edward Island',
  QC: 'Quebec',
  SK: 'Saskatchewan',
  YT: 'Yukon',
});

const AU_STATES = regions({
  ACT: 'Australian Capital Territory',
  NSW: 'New South Wales',
  NT: 'Northern Territory',
  QLD: 'Queensland',
  SA: 'South Australia',
  TAS: 'Tasmania',
  VIC: 'Victoria',
  WA: 'Western Australia',
  JBT: 'Jervis Bay Territory',
});

/** Canada's letters: D, F, I, O, Q, U never appear, and W, Z never first. */
const CA_POSTAL = /^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]) ?([0-9][ABCEGHJ-NPRSTV-Z][0-9])$/;
/** Royal Mail's outward code (area, district, sub-district) and inward code (sector, unit). */
const GB_POSTAL = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;
/** An Eircode: a routing key (a letter and two digits, or D6W) and four characters. */
const IE_POSTAL = /^([AC-FHKNPRTV-Y][0-9]{2}|D6W) ?([0-9AC-FHKNPRTV-Y]{4})$/;

type Country = {
  states?: Regions;
  /** The postal code as stored, or undefined when it is not one of this country. */
  postalCode: (typed: string) => string | undefined;
};

const pattern =
  (shape: RegExp, spaced = true) =>
  (typed: string): string | undefined => {
    const match = shape.exec(typed.toUpperCase());
    if (!match) return undefined;
    return spaced && match[2] !== undefined ? `${match[1]} ${match[2]}` : match[0];
  };

const COUNTRIES: Readonly<Record<string, Country>> = {
  US: { states: US_STATES, postalCode: pattern(/^[0-9]{5}(?:-[0-9]{4})?$/, false) },
  CA: { states: CA_PROVINCES, postalCode: pattern(CA_POSTAL) },
  GB: { postalCode: pattern(GB_POSTAL) },
  IE: { postalCode: pattern(IE_POSTAL) },
  AU: { states: AU_STATES, postalCode: pattern(/^[0-9]{4}$/, false) },
  NZ: { postalCode: pattern(/^[0-9]{4}$/, false) },
  JP: { postalCode: pattern(/^[0-9]{3}-?[0-9]{4}$/, false) },
  IN: { postalCode: pattern(/^[1-9][0-9]{5}$/, false) },
};

/** The countries whose states or postal codes are checked here. */
export const CHECKED_COUNTRIES: readonly string[] = Object.keys(COUNTRIES);

export type RegionCheck =
  | { ok: true; state: string; postalCode: string }
  | { ok: false; field: 'state' | 'postal code' };

/**
 * Checks the state and postal code of an address in `country` (ISO alpha-2, upper case): the state first, as an
 * address is read. Countries not checked here pass as typed.
 */
export function checkRegion(country: string, state: string, postalCode: string): RegionCheck {
  const rules = COUNTRIES[country];
  if (!rules) return { ok: true, state, postalCode };
  const stateCode = rules.states ? rules.states.get(key(state)) : state;
  if (stateCode === undefined) return { ok: false, field: 'state' };
  const postal = rules.postalCode(postalCode.trim());
  if (postal === undefined) return { ok: false, field: 'postal code' };
  return { ok: true, state: stateCode, postalCode: postal };
}
