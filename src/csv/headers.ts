import type { CsvFileResult } from './errors.ts';

export type CsvMode = 'add' | 'update';

/** Header text as written in samples and exports, per column key, in file order. */
const SHARED_HEAD = {
  email: 'Email',
  firstName: 'First Name',
  lastName: 'Last Name',
  site: 'Site',
  extension: 'Extension',
  callingPlans: 'Calling Plans',
  phoneNumbers: 'Phone Numbers',
  outboundCallerId: 'Outbound Caller ID',
} as const;

const EMERGENCY_AND_DESK_PHONE = {
  emergencyAddressLine1: 'Emergency Address Line 1',
  emergencyAddressLine2: 'Emergency Address Line 2',
  emergencyCity: 'Emergency City',
  emergencyState: 'Emergency State',
  emergencyPostalCode: 'Emergency Postal Code',
  emergencyCountry: 'Emergency Country',
  deskPhoneMac: 'Desk Phone MAC',
  deskPhoneModel: 'Desk Phone Model',
} as const;

export const ADD_HEADERS = {
  ...SHARED_HEAD,
  ...EMERGENCY_AND_DESK_PHONE,
  copySettingsFrom: 'Copy Settings From',
} as const;

export const UPDATE_HEADERS = {
  ...SHARED_HEAD,
  status: 'Status',
  areaCode: 'Area Code',
  audioPromptLanguage: 'Audio Prompt Language',
  ...EMERGENCY_AND_DESK_PHONE,
} as const;

export type AddColumnKey = keyof typeof ADD_HEADERS;
export type UpdateColumnKey = keyof typeof UPDATE_HEADERS;
export type ColumnKey = AddColumnKey | UpdateColumnKey;
/**
 * Columns whose cells are free text, which could start a spreadsheet formula: an export neutralises them and an
 * import reads them back without it. The other columns hold checked values. Emails are here: an address may
 * start with `-`, and one stored before addresses were checked as they are now may start with anything.
 */
export const FREE_TEXT_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'email',
  'copySettingsFrom',
  'firstName',
  'lastName',
  'site',
  'emergencyAddressLine1',
  'emergencyAddressLine2',
  'emergencyCity',
  'emergencyState',
  'emergencyPostalCode',
  'emergencyCountry',
  'deskPhoneModel',
]);

export type ColumnKeyOf<M extends CsvMode> = M extends 'add' ? AddColumnKey : UpdateColumnKey;

export const HEADERS_BY_MODE: { [M in CsvMode]: Record<ColumnKeyOf<M>, string> } = {
  add: ADD_HEADERS,
  update: UPDATE_HEADERS,
};

/** Columns whose cell may hold several values separated by `;`. */
export const MULTI_VALUE_COLUMNS: ReadonlySet<ColumnKey> = new Set(['callingPlans', 'phoneNumbers']);

/** Other names admins and other products' exports use, written in their normalised form. */
const ALIASES: Record<string, ColumnKey> = {
  emailaddress: 'email',
  firstname: 'firstName',
  givenname: 'firstName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  sitename: 'site',
  sitecode: 'site',
  ext: 'extension',
  extensionnumber: 'extension',
  callingplan: 'callingPlans',
  plan: 'callingPlans',
  plans: 'callingPlans',
  phonenumber: 'phoneNumbers',
  directnumber: 'phoneNumbers',
  callerid: 'outboundCallerId',
  outboundcallerid: 'outboundCallerId',
  emergencyaddress1: 'emergencyAddressLine1',
  emergencyaddress: 'emergencyAddressLine1',
  emergencyaddress2: 'emergencyAddressLine2',
  emergencyzip: 'emergencyPostalCode',
  emergencyzipcode: 'emergencyPostalCode',
  emergencypostcode: 'emergencyPostalCode',
  emergencyprovince: 'emergencyState',
  emergencystateprovince: 'emergencyState',
  deskphonemacaddress: 'deskPhoneMac',
  macaddress: 'deskPhoneMac',
  mac: 'deskPhoneMac',
  deskphonetype: 'deskPhoneModel',
  language: 'audioPromptLanguage',
  audiolanguage: 'audioPromptLanguage',
  promptlanguage: 'audioPromptLanguage',
  copyfrom: 'copySettingsFrom',
};

/** Case, spaces, underscores and hyphens never matter: `E-mail`, `EMAIL`, `e_mail` are one header. */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[\s_-]+/g, '');

const CANONICAL: Record<string, ColumnKey> = Object.fromEntries(
  Object.entries({ ...ADD_HEADERS, ...UPDATE_HEADERS }).map(([key, header]) => [
    normaliseHeader(header),
    key as ColumnKey,
  ]),
);

export type MatchedColumn<K extends ColumnKey> = { key: K; header: string; index: number };

/** A header the mode does not use; `usedIn` names the other mode when the column belongs there. */
export type UnknownHeader = { header: string; index: number; usedIn: CsvMode | null };

export type HeaderMatch<K extends ColumnKey> = { columns: MatchedColumn<K>[]; unknown: UnknownHeader[] };

/**
 * Maps a header row to column keys. Unknown headers are returned as warnings (the rest of the file can still be
 * imported); a column named twice or a missing Email column stops the file, since no row could be trusted.
 */
export function matchHeaders<M extends CsvMode>(
  headers: readonly string[],
  mode: M,
): CsvFileResult<HeaderMatch<ColumnKeyOf<M>>> {
  const known = HEADERS_BY_MODE[mode] as Record<string, string>;
  const columns: MatchedColumn<ColumnKeyOf<M>>[] = [];
  const unknown: UnknownHeader[] = [];
  for (const [index, raw] of headers.entries()) {
    const header = raw.trim();
    // Spreadsheets often save trailing empty columns; a blank header carries nothing to import.
    if (header === '') continue;
    const normalised = normaliseHeader(header);
    const key = CANONICAL[normalised] ?? ALIASES[normalised];
    if (key === undefined || !(key in known)) {
      unknown.push({ header, index, usedIn: key === undefined ? null : otherMode(mode) });
      continue;
    }
    const twin = columns.find((column) => column.key === key);
    if (twin) {
      return {
        ok: false,
        error: { code: 'CSV_DUPLICATE_COLUMN', column: known[key] ?? key, headers: [twin.header, header] },
      };
    }
    columns.push({ key: key as ColumnKeyOf<M>, header, index });
  }
  if (!columns.some((column) => column.key === 'email')) {
    return {
      ok: false,
      error: { code: 'CSV_EMAIL_COLUMN_MISSING', headers: headers.map((h) => h.trim()).filter(Boolean) },
    };
  }
  return { ok: true, value: { columns, unknown } };
}

const otherMode = (mode: CsvMode): CsvMode => (mode === 'add' ? 'update' : 'add');
