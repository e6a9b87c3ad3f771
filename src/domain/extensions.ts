/** Extension rules of the account. Pure: the store supplies what is taken and reserved. */

export const DEFAULT_FIRST_EXTENSION = '1000';
export const DEFAULT_FIRST_SHORT_EXTENSION = '100';

export type ExtensionRules = { siteCodes: boolean };

/** How many digits an extension typed by an admin may have: the short extension when site codes are on. */
export function extensionDigits(rules: ExtensionRules): { min: number; max: number } {
  return rules.siteCodes ? { min: 2, max: 5 } : { min: 2, max: 6 };
}

export function isValidExtension(input: string, rules: ExtensionRules): boolean {
  const { min, max } = extensionDigits(rules);
  return new RegExp(`^[0-9]{${min},${max}}$`).test(input);
}

/**
 * `00`, `0000`: zeros alone cannot be an extension. Desk phones and phone systems read a leading 0 as the
 * operator or the way out to the public network, and `00` as the international prefix, so dialling it would not
 * reach a colleague.
 */
export const isAllZeros = (extension: string): boolean => /^0+$/.test(extension);

/** 1 or 2 digits, not starting with 0 (0 is the usual operator and trunk prefix). */
export const isValidSiteCode = (input: string): boolean => /^[1-9][0-9]?$/.test(input);

/** The number dialled inside the account: site code + short extension when site codes are on. */
export function fullExtension(
  shortExtension: string,
  siteCode: string | null,
  rules: ExtensionRules,
): string {
  return rules.siteCodes && siteCode ? `${siteCode}${shortExtension}` : shortExtension;
}

export type Allocation = {
  /** Short extension to start from. */
  first: string;
  siteCode: string | null;
  rules: ExtensionRules;
  /** Full extensions already held by someone. */
  taken: ReadonlySet<string>;
  /** Reserved extensions (compared with both the short and the full number). */
  reserved: ReadonlySet<string>;
};

function isFree(short: string, a: Allocation): boolean {
  const full = fullExtension(short, a.siteCode, a.rules);
  return !a.taken.has(full) && !a.reserved.has(full) && !a.reserved.has(short);
}

/** The `count` lowest free, non-reserved short extensions from `first` up, or fewer if the range runs out. */
export function allocateExtensions(count: number, a: Allocation): string[] {
  const { max } = extensionDigits(a.rules);
  const last = 10 ** max - 1;
  const found: string[] = [];
  for (let n = Number(a.first); n <= last && found.length < count; n++) {
    const short = String(n);
    if (isFree(short, a)) found.push(short);
  }
  return found;
}

/**
 * Free extensions nearest to a refused one, with the same number of digits, closest first (ties: the lower).
 * "4102 is taken. Free nearby: 4103, 4101, 4105."
 */
export function suggestExtensions(refused: string, a: Omit<Allocation, 'first'>, count = 3): string[] {
  const digits = refused.length;
  const low = digits === 1 ? 0 : 10 ** (digits - 1);
  const high = 10 ** digits - 1;
  const center = Number(refused);
  const found: string[] = [];
  for (
    let distance = 1;
    found.length < count && (center - distance >= low || center + distance <= high);
    distance++
  ) {
    for (const n of [center - distance, center + distance]) {
      if (n < low || n > high || found.length >= count) continue;
      const short = String(n).padStart(digits, '0');
      if (isFree(short, { ...a, first: short })) found.push(short);
    }
    if (distance > 100_000) break;
  }
  return found;
}
