import { restoreFormulaText } from '../../csv/formula.ts';
import { type ColumnKey, type CsvMode, FREE_TEXT_COLUMNS, HEADERS_BY_MODE } from '../../csv/headers.ts';
import { repairSpreadsheetNumber } from '../../csv/spreadsheet-numbers.ts';
import { checkAddress, type EmergencyAddress } from '../../domain/address.ts';
import { emailKey, looksLikeEmail, parseEmail } from '../../domain/email.ts';
import type { DomainError, Person } from '../../domain/errors.ts';
import { fullExtension } from '../../domain/extensions.ts';
import type { ImportCounts } from '../../domain/imports.ts';
import { normalizeMac } from '../../domain/mac.ts';
import { checkPersonName } from '../../domain/people.ts';
import { MAX_NUMBERS_PER_USER, ofAnotherSite } from '../../domain/phone-numbers.ts';
import type { CurrentUser, DeskPhoneValue, UserFields } from '../../domain/phone-user-fields.ts';
import { matchPlan } from '../../domain/plans.ts';
import type { CallerId } from '../../domain/settings.ts';
import { MAX_DESK_PHONES } from '../../domain/settings.ts';
import {
  checkAreaCode,
  checkCallerId,
  checkLanguage,
  countryOfNumbers,
} from '../../domain/settings-values.ts';
import type { Site } from '../../store/sites.ts';
import { cleanModel, MAX_MODEL_LENGTH } from '../settings/desk-phones.ts';
import { checkExtension } from '../site-rules.ts';
import { siteCountryOr } from '../typed-numbers.ts';
import { type ImportSample, sampleOf } from './sample.ts';
import type { AccountView } from './view.ts';

export type ImportOptions = { site?: string | undefined; copyFrom?: string | undefined };

/** A problem of one row; `column` is the header as the import's format writes it. */
export type RowProblem = { column: string; error: DomainError };

/** A spreadsheet-mangled number that was restored, shown in the preview so the admin can check it. */
export type Repair = { line: number; column: string; from: string; to: string };

export type ChangedField =
  | 'name'
  | 'site'
  | 'extension'
  | 'plans'
  | 'numbers'
  | 'callerId'
  | 'status'
  | 'areaCode'
  | 'language'
  | 'address'
  | 'deskPhones';

export type PlannedRow =
  | { kind: 'invalid'; line: number; email: string; problems: RowProblem[] }
  | {
      kind: 'create';
      line: number;
      email: string;
      /** An existing directory entry, or the names of the one to create. */
      person: { id: number } | { firstName: string; lastName: string };
      fields: UserFields;
      /** True when the extension is to be handed out at apply time (the cell was blank). */
      autoExtension: boolean;
      copyFrom: CurrentUser | null;
    }
  | {
      kind: 'update';
      line: number;
      email: string;
      current: CurrentUser;
      fields: UserFields;
      changed: ChangedField[];
      autoExtension: boolean;
    }
  | { kind: 'unchanged'; line: number; email: string; current: CurrentUser };

export type ImportPlan = {
  mode: CsvMode;
  rows: PlannedRow[];
  repairs: Repair[];
  counts: ImportCounts;
  /** The first rows that add or change someone, as the preview shows them. */
  sample: ImportSample;
};

type Cells = Partial<Record<ColumnKey, string>>;

/** A data row of a file: its first line and its cells by column (a column the file lacks reads as blank). */
export type SourceRow = { line: number; cells: Cells };

/**
 * A row as its values are meant: the apostrophe an export put before free text that could start a spreadsheet
 * formula is taken off again, so an exported file reads back exactly.
 */
export function fromFile(row: SourceRow): SourceRow {
  const cells: Cells = {};
  for (const [key, raw] of Object.entries(row.cells) as [ColumnKey, string][]) {
    cells[key] = FREE_TEXT_COLUMNS.has(key) ? restoreFormulaText(raw) : raw;
  }
  return { line: row.line, cells };
}

/**
 * The address a row's Email cell names, and its key. An update row may also name a phone user by the address
 * stored for them before addresses were checked as they are now (one with a lookalike letter): such a row
 * changes that user, as an exported file must read back, but no new person is ever created with it.
 */
export function rowEmail(
  input: string,
  mode: CsvMode,
  phoneUsers: ReadonlyMap<string, { email: string }>,
): { ok: true; email: string } | { ok: false; error: DomainError } {
  const parsed = parseEmail(input);
  if (parsed.ok) return parsed;
  const stored = mode === 'update' ? phoneUsers.get(emailKey(input.trim())) : undefined;
  if (stored && stored.email === input.trim()) return { ok: true, email: stored.email };
  return { ok: false, error: { code: 'EMAIL_INVALID', input, problem: parsed.problem } };
}

export const CLEAR = '-';

const DEFAULT_FIELDS = {
  planCodes: [],
  numbers: [],
  callerId: { kind: 'hidden' },
  status: 'active',
  areaCode: null,
  language: 'en-US',
  address: null,
  deskPhones: [],
} as const satisfies Partial<UserFields>;

const splitValues = (cell: string) =>
  cell
    .split(';')
    .map((value) => value.trim())
    .filter((value) => value !== '');

/** Claims of one file on things only one user may hold, to report the second and later claims. */
class Claims {
  private readonly seen = new Map<string, number>();
  constructor(readonly column: string) {}
  claim(value: string, line: number): DomainError | undefined {
    const first = this.seen.get(value);
    if (first !== undefined)
      return { code: 'IMPORT_DUPLICATE_IN_FILE', column: this.column, value, line: first };
    this.seen.set(value, line);
    return undefined;
  }
}

/**
 * Checks every row of a file against the account and against the rest of the file, and decides what each row
 * does: create a phone user, update one, nothing, or nothing because it is invalid. Changes nothing: `apply.ts`
 * carries out the plan, inside the transaction that read `view`.
 */
export function planImport(
  rows: readonly SourceRow[],
  mode: CsvMode,
  options: ImportOptions,
  view: AccountView,
): ImportPlan {
  const header = (key: ColumnKey) => (HEADERS_BY_MODE[mode] as Record<string, string>)[key] ?? key;
  const claims = {
    email: new Claims(header('email')),
    extension: new Claims(header('extension')),
    number: new Claims(header('phoneNumbers')),
    mac: new Claims(header('deskPhoneMac')),
  };
  const repairs: Repair[] = [];
  const rules = { siteCodes: view.siteCodes };
  const sitesById = new Map(view.sites.map((site) => [site.id, site]));
  const uploadSite = options.site ? findSite(view.sites, options.site) : undefined;
  const defaultSite = uploadSite ?? (view.sites[0] as Site);
  // A value held by someone the file also changes may be free once the whole file is applied (a swap): such a
  // claim is settled once every row is read, against the file's end state.
  const moves: Move[] = [];
  const fileUsers = new Map<number, CurrentUser>();
  const fileUserByExtension = new Map<string, CurrentUser>();
  if (mode === 'update') {
    for (const user of view.phoneUsers.values()) {
      fileUsers.set(user.phoneUserId, user);
      fileUserByExtension.set(user.extension, user);
    }
  }

  const planned = rows.map((row, index): PlannedRow => {
    const cells = row.cells;
    const problems: RowProblem[] = [];
    const problem = (key: ColumnKey, error: DomainError) => problems.push({ column: header(key), error });
    const cell = (key: ColumnKey) => cells[key] ?? '';
    const cleared = (key: ColumnKey) => mode === 'update' && cell(key) === CLEAR;
    const given = (key: ColumnKey) => cell(key) !== '' && !cleared(key);
    const refuseClear = (key: ColumnKey) => {
      if (cleared(key)) problem(key, { code: 'IMPORT_CANNOT_CLEAR', column: header(key) });
    };
    let email = cell('email');
    const invalid = () => ({ kind: 'invalid' as const, line: row.line, email, problems });

    const read = rowEmail(email, mode, view.phoneUsers);
    if (!read.ok) problem('email', read.error);
    else {
      email = read.email;
      const twice = claims.email.claim(emailKey(email), row.line);
      if (twice) problem('email', twice);
    }
    if (problems.length > 0) return invalid();

    const current = view.phoneUsers.get(emailKey(email));
    const entry = view.directory.get(emailKey(email));
    if (mode === 'add' && current) {
      problem('email', { code: 'IMPORT_ALREADY_PHONE_USER', email, extension: current.extension });
      return invalid();
    }
    if (mode === 'update' && !current) {
      problem('email', { code: 'IMPORT_NOT_PHONE_USER', email });
      return invalid();
    }

    // Names: an update may rename; an add uses the directory entry, or creates one from the row's names.
    let firstName = current?.firstName ?? entry?.firstName ?? '';
    let lastName = current?.lastName ?? entry?.lastName ?? '';
    for (const [key, field] of [
      ['firstName', 'first name'],
      ['lastName', 'last name'],
    ] as const) {
      refuseClear(key);
      if (!given(key) || (mode === 'add' && entry)) continue;
      const value = cell(key);
      const bad = checkPersonName(field, value);
      if (bad) problem(key, bad);
      else if (key === 'firstName') firstName = value;
      else lastName = value;
    }
    if (mode === 'add' && !entry) {
      const missing = [
        ...(given('firstName') ? [] : (['first name'] as const)),
        ...(given('lastName') ? [] : (['last name'] as const)),
      ];
      if (missing.length > 0) {
        problem(missing[0] === 'first name' ? 'firstName' : 'lastName', {
          code: 'IMPORT_NAME_NEEDED',
          email,
          missing,
        });
      }
    }

    // Site.
    refuseClear('site');
    let site: Site | undefined = current ? sitesById.get(current.siteId) : defaultSite;
    if (given('site')) {
      site = findSite(view.sites, cell('site'));
      if (!site) {
        problem('site', {
          code: 'SITE_NOT_FOUND',
          input: cell('site'),
          known: view.sites.map((s) => s.name),
        });
      }
    } else if (!current && options.site && !uploadSite) {
      problem('site', { code: 'SITE_NOT_FOUND', input: options.site, known: view.sites.map((s) => s.name) });
    }

    // Extension: as given, kept, or handed out at apply time.
    refuseClear('extension');
    let extension = current?.extension ?? '';
    let shortExtension = current?.shortExtension ?? '';
    let autoExtension = !current;
    if (site && given('extension')) {
      // Held by someone else in the file: checked as free here (without the search for free ones nearby, slow
      // when thousands of rows move), and settled against the file's end state below.
      const full = fullExtension(cell('extension').trim(), site.siteCode, rules);
      const holder = fileUserByExtension.get(full);
      const moving = holder && holder.phoneUserId !== current?.phoneUserId ? holder : undefined;
      const checked = checkExtension(
        cell('extension'),
        site,
        rules,
        view,
        moving ? full : current?.extension,
      );
      if (moving && checked.ok) {
        const error = {
          code: 'EXTENSION_TAKEN' as const,
          extension: checked.short,
          holder: view.taken.get(full) ?? { name: moving.email, email: moving.email, slackUserId: null },
          suggestions: [],
        };
        moves.push({ index, key: 'extension', value: full, holderId: moving.phoneUserId, error });
      }
      if (!checked.ok) problem('extension', checked.error);
      else {
        const twice = claims.extension.claim(checked.full, row.line);
        if (twice) problem('extension', twice);
        extension = checked.full;
        shortExtension = checked.short;
        autoExtension = false;
      }
    } else if (site && current && site.id !== current.siteId) {
      // A move keeps the short extension when the new site's full number for it is free.
      const full = fullExtension(current.shortExtension, site.siteCode, rules);
      const holder = view.taken.get(full);
      const free = (!holder || full === current.extension) && !view.reserved.has(full);
      if (free && !claims.extension.claim(full, row.line)) extension = full;
      else autoExtension = true;
    }

    // Calling plans.
    let planCodes = current?.planCodes ?? [...DEFAULT_FIELDS.planCodes];
    if (cleared('callingPlans')) planCodes = [];
    else if (given('callingPlans')) {
      const codes: number[] = [];
      for (const name of splitValues(cell('callingPlans'))) {
        const plan = matchPlan(name, view.plans);
        if (!plan) {
          problem('callingPlans', {
            code: 'PLAN_NOT_FOUND',
            input: name,
            known: view.plans.map((p) => p.shortName),
          });
        } else if (!codes.includes(plan.code)) codes.push(plan.code);
      }
      planCodes = codes.sort((a, b) => a - b);
    }

    // Direct numbers, and the caller ID below: a number without + is read in the country of the row's site.
    const country = siteCountryOr(site?.country, view.defaultCountry);
    const person = (): Person => ({
      name: `${firstName} ${lastName}`.trim() || email,
      email,
      slackUserId: null,
    });
    let numbers = current?.numbers ?? [...DEFAULT_FIELDS.numbers];
    if (cleared('phoneNumbers')) numbers = [];
    else if (given('phoneNumbers')) {
      numbers = [];
      // A cell may hold any number of values: a set keeps a long one from being checked in quadratic time.
      const listed = new Set<string>();
      for (const input of splitValues(cell('phoneNumbers'))) {
        const read = repairSpreadsheetNumber(input, country);
        if (!read.ok) {
          problem('phoneNumbers', read.error);
          continue;
        }
        if (read.repaired) {
          repairs.push({ line: row.line, column: header('phoneNumbers'), from: input, to: read.number });
        }
        let held = checkNumber(read.number, view, current, site, person());
        const holderId = view.numbers.get(read.number)?.phoneUserId;
        if (held?.code === 'NUMBER_TAKEN' && holderId != null && fileUsers.has(holderId)) {
          moves.push({ index, key: 'phoneNumbers', value: read.number, holderId, error: held });
          held = undefined;
        }
        if (held) problem('phoneNumbers', held);
        else if (!listed.has(read.number)) {
          const twice = claims.number.claim(read.number, row.line);
          if (twice) problem('phoneNumbers', twice);
          listed.add(read.number);
          numbers.push(read.number);
        }
      }
      numbers.sort();
      if (numbers.length > MAX_NUMBERS_PER_USER) {
        problem('phoneNumbers', {
          code: 'NUMBER_LIMIT',
          user: person(),
          max: MAX_NUMBERS_PER_USER,
        });
      }
    }
    if (numbers.length > 0 && planCodes.length === 0) {
      problem(given('phoneNumbers') ? 'phoneNumbers' : 'callingPlans', { code: 'IMPORT_NUMBERS_NEED_PLAN' });
    }
    // Forwarding outside the account is an outbound call: the last plan stays while the user forwards there.
    const forwardsOut =
      current && planCodes.length === 0 ? view.externalForwards.get(current.phoneUserId) : [];
    if (current && current.planCodes.length > 0 && forwardsOut && forwardsOut.length > 0) {
      problem('callingPlans', {
        code: 'PLAN_NEEDED_FOR_FORWARD',
        user: {
          name: `${current.firstName} ${current.lastName}`.trim() || email,
          email,
          slackUserId: current.slackUserId,
        },
        numbers: forwardsOut,
      });
    }

    // Outbound caller ID: checked against the numbers the row leaves the user with.
    let callerId: CallerId = current?.callerId ?? DEFAULT_FIELDS.callerId;
    if (cleared('outboundCallerId')) callerId = { kind: 'hidden' };
    else if (given('outboundCallerId') || callerId.kind === 'number') {
      const wanted = given('outboundCallerId')
        ? cell('outboundCallerId')
        : callerId.kind === 'number'
          ? callerId.number
          : 'hidden';
      const checked = checkCallerId(wanted, numbers, view.mainNumbers, country);
      if (checked.ok) callerId = checked.value;
      else problem('outboundCallerId', { code: 'SETTINGS_INVALID', problems: [checked.problem] });
    }

    // Status, area code and audio prompt language: update files only.
    let status = current?.status ?? DEFAULT_FIELDS.status;
    refuseClear('status');
    if (given('status')) {
      const wanted = cell('status').toLowerCase();
      if (wanted === 'active' || wanted === 'inactive') status = wanted;
      else problem('status', { code: 'IMPORT_STATUS_INVALID', input: cell('status') });
    }
    let areaCode = current?.areaCode ?? DEFAULT_FIELDS.areaCode;
    if (cleared('areaCode')) areaCode = null;
    else if (given('areaCode')) {
      const checked = checkAreaCode(cell('areaCode'), countryOfNumbers(numbers) ?? 'US');
      if (checked.ok) areaCode = checked.value;
      else problem('areaCode', { code: 'SETTINGS_INVALID', problems: [checked.problem] });
    }
    let language: string = current?.language ?? DEFAULT_FIELDS.language;
    refuseClear('audioPromptLanguage');
    if (given('audioPromptLanguage')) {
      const checked = checkLanguage(cell('audioPromptLanguage'));
      if (checked.ok) language = checked.value;
      else problem('audioPromptLanguage', { code: 'SETTINGS_INVALID', problems: [checked.problem] });
    }

    const address = readAddress(cells, mode, current?.address ?? null, (error) =>
      problem('emergencyAddressLine1', error),
    );
    const deskPhones = readDeskPhones(
      cells,
      mode,
      current,
      view,
      row.line,
      claims.mac,
      (key, error) => problem(key, error),
      (mac, holderId, error) => {
        if (!fileUsers.has(holderId)) return false;
        moves.push({ index, key: 'deskPhoneMac', value: mac, holderId, error });
        return true;
      },
    );

    // Copy Settings From: add files only; the row's cell, or the upload's `copy:`.
    let copyFrom: CurrentUser | null = null;
    const copyInput = mode === 'add' ? cell('copySettingsFrom') || options.copyFrom || '' : '';
    if (copyInput !== '') {
      const address = looksLikeEmail(copyInput) ? parseEmail(copyInput) : undefined;
      const source = address
        ? address.ok
          ? view.phoneUsers.get(emailKey(address.email))
          : undefined
        : view.phoneUsersByExtension.get(copyInput.trim());
      if (source) copyFrom = source;
      else if (address && !address.ok)
        problem('copySettingsFrom', { code: 'EMAIL_INVALID', input: copyInput, problem: address.problem });
      else problem('copySettingsFrom', { code: 'USER_NOT_FOUND', input: copyInput });
    }

    if (problems.length > 0 || !site) return invalid();
    const fields: UserFields = {
      firstName,
      lastName,
      siteId: site.id,
      extension,
      shortExtension,
      planCodes,
      numbers,
      callerId,
      status,
      areaCode,
      language,
      address: address ?? null,
      deskPhones: deskPhones ?? [],
    };
    if (!current) {
      const person = entry ? { id: entry.id } : { firstName, lastName };
      return { kind: 'create', line: row.line, email, person, fields, autoExtension, copyFrom };
    }
    const changed = changedFields(current, fields, autoExtension);
    if (changed.length === 0) return { kind: 'unchanged', line: row.line, email, current };
    return { kind: 'update', line: row.line, email, current, fields, changed, autoExtension };
  });

  // A row refused for its licenses or plans keeps its values, which may take back what another row was to get.
  let invalid: number;
  do {
    settleMoves(planned, moves, fileUsers, header);
    invalid = planned.filter((row) => row.kind === 'invalid').length;
    checkInventory(planned, view, header);
  } while (planned.filter((row) => row.kind === 'invalid').length > invalid);
  return {
    mode,
    rows: planned,
    repairs,
    counts: countRows(planned),
    sample: sampleOf(planned, view),
  };
}

/** A value a row takes from someone the same file changes: free only if, in the file's end state, they let go. */
type Move = {
  index: number;
  key: 'extension' | 'phoneNumbers' | 'deskPhoneMac';
  value: string;
  holderId: number;
  error: DomainError & { holder: Person };
};

function holds(row: PlannedRow, key: Move['key'], value: string): boolean {
  if (row.kind === 'unchanged' || row.kind === 'invalid') return true;
  if (key === 'extension') return !row.autoExtension && row.fields.extension === value;
  if (key === 'phoneNumbers') return row.fields.numbers.includes(value);
  return row.fields.deskPhones.some((phone) => phone.mac === value);
}

/**
 * Checks every value a row takes from another row's person against the file's end state. A row that cannot take
 * it becomes invalid, and so keeps its own values, which may in turn be what a third row was to take: those are
 * checked again, until nothing changes.
 */
function settleMoves(
  rows: PlannedRow[],
  moves: readonly Move[],
  fileUsers: ReadonlyMap<number, CurrentUser>,
  header: (key: ColumnKey) => string,
) {
  if (moves.length === 0) return;
  const idOfEmail = new Map([...fileUsers.values()].map((user) => [emailKey(user.email), user.phoneUserId]));
  const rowOfUser = new Map<number, number>();
  for (const [index, row] of rows.entries()) {
    const id = idOfEmail.get(emailKey(row.email));
    if (id !== undefined && !rowOfUser.has(id)) rowOfUser.set(id, index);
  }
  const byHolder = new Map<number, Move[]>();
  for (const move of moves) {
    const list = byHolder.get(move.holderId) ?? [];
    list.push(move);
    byHolder.set(move.holderId, list);
  }
  const pending = [...moves];
  for (let move = pending.pop(); move; move = pending.pop()) {
    const claimant = rows[move.index] as PlannedRow;
    if (claimant.kind !== 'create' && claimant.kind !== 'update') continue;
    const holderIndex = rowOfUser.get(move.holderId);
    const holderRow = holderIndex === undefined ? undefined : rows[holderIndex];
    if (holderRow && !holds(holderRow, move.key, move.value)) continue;
    const error: DomainError = holderRow
      ? {
          code: 'IMPORT_VALUE_KEPT',
          column: header(move.key),
          value: move.value,
          holder: move.error.holder,
          line: holderRow.line,
          because: holderRow.kind === 'invalid' ? 'invalid' : 'kept',
        }
      : move.error;
    rows[move.index] = {
      kind: 'invalid',
      line: claimant.line,
      email: claimant.email,
      problems: [{ column: header(move.key), error }],
    };
    // The claimant keeps what it has: whoever was to take one of its values must be checked again.
    if (claimant.kind === 'update') pending.push(...(byHolder.get(claimant.current.phoneUserId) ?? []));
  }
}

function findSite(sites: readonly Site[], input: string): Site | undefined {
  const wanted = input.trim().toLowerCase();
  return sites.find((site) => site.name.toLowerCase() === wanted || site.siteCode === wanted);
}

function checkNumber(
  number: string,
  view: AccountView,
  current: CurrentUser | undefined,
  site: Site | undefined,
  user: Person,
): DomainError | undefined {
  const row = view.numbers.get(number);
  if (!row) return { code: 'NUMBER_NOT_IN_INVENTORY', number };
  if (row.isMain) return { code: 'NUMBER_IS_MAIN', number, action: 'assign' };
  // A number the person holds already stays theirs; a new one comes from the site they end up at, whoever in the
  // file gives it up.
  const held = row.phoneUserId !== null && row.phoneUserId === current?.phoneUserId;
  if (site && !held && ofAnotherSite(row, site.id)) {
    return { code: 'NUMBER_OTHER_SITE', number, site: row.site ?? '', user, userSite: site.name };
  }
  if (row.phoneUserId !== null && !held && row.holder) {
    return { code: 'NUMBER_TAKEN', number, holder: row.holder };
  }
  return undefined;
}

const ADDRESS_COLUMNS = [
  ['emergencyAddressLine1', 'line1'],
  ['emergencyAddressLine2', 'line2'],
  ['emergencyCity', 'city'],
  ['emergencyState', 'state'],
  ['emergencyPostalCode', 'postalCode'],
  ['emergencyCountry', 'country'],
] as const satisfies readonly (readonly [ColumnKey, keyof EmergencyAddress])[];

/**
 * The six address cells. Blank everywhere leaves the address as it is (none, for a new user); `-` in Line 1
 * clears the user's own address so the site's default applies; otherwise the cells, over the current address in
 * an update, must make a complete address.
 */
function readAddress(
  cells: Cells,
  mode: CsvMode,
  current: EmergencyAddress | null,
  problem: (error: DomainError) => void,
): EmergencyAddress | null | undefined {
  const values = ADDRESS_COLUMNS.map(([key]) => cells[key] ?? '');
  if (values.every((value) => value === '')) return current;
  if (mode === 'update' && (cells.emergencyAddressLine1 ?? '') === CLEAR) {
    return values.slice(1).every((value) => value === '' || value === CLEAR) ? null : bad();
  }
  const input: Record<string, string | null> = {};
  for (const [key, part] of ADDRESS_COLUMNS) {
    const cell = cells[key] ?? '';
    input[part] = cell === CLEAR ? null : cell === '' ? (current?.[part] ?? null) : cell;
  }
  const checked = checkAddress(input);
  if (checked.ok) return checked.value;
  problem(checked.error);
  return undefined;

  function bad() {
    problem({ code: 'IMPORT_CANNOT_CLEAR', column: 'the other emergency address columns' });
    return undefined;
  }
}

/** Desk phones: MACs and models paired by position (`;` between several); `-` in the MAC removes them all. */
function readDeskPhones(
  cells: Cells,
  mode: CsvMode,
  current: CurrentUser | undefined,
  view: AccountView,
  line: number,
  claims: Claims,
  problem: (key: ColumnKey, error: DomainError) => void,
  /** Whether a MAC someone else holds is to be settled against the file's end state (they are in the file). */
  deferred: (mac: string, holderId: number, error: DomainError & { holder: Person }) => boolean,
): DeskPhoneValue[] | undefined {
  const macCell = cells.deskPhoneMac ?? '';
  const modelCell = cells.deskPhoneModel ?? '';
  if (macCell === '' && modelCell === '') return current?.deskPhones ?? [];
  if (mode === 'update' && macCell === CLEAR) return [];
  const macs = splitValues(macCell);
  const models = splitValues(modelCell);
  if (macs.length !== models.length) {
    problem(macs.length < models.length ? 'deskPhoneMac' : 'deskPhoneModel', {
      code: 'IMPORT_DESK_PHONE_PAIR',
      macs: macs.length,
      models: models.length,
    });
    return undefined;
  }
  const phones: DeskPhoneValue[] = [];
  const listed = new Set<string>();
  let ok = true;
  for (const [index, input] of macs.entries()) {
    const modelInput = models[index] ?? '';
    const model = cleanModel(modelInput) ?? '';
    const mac = normalizeMac(input);
    if (!mac.ok) {
      problem('deskPhoneMac', mac.error);
      ok = false;
      continue;
    }
    if (model === '') {
      problem('deskPhoneModel', {
        code: 'DESK_PHONE_MODEL_INVALID',
        input: modelInput,
        max: MAX_MODEL_LENGTH,
      });
      ok = false;
    }
    const holder = view.macs.get(mac.mac);
    if (holder && holder.phoneUserId !== current?.phoneUserId) {
      const taken = {
        code: 'DESK_PHONE_TAKEN' as const,
        mac: mac.mac,
        holder: holder.holder,
        sameUser: false,
      };
      if (!deferred(mac.mac, holder.phoneUserId, taken)) {
        problem('deskPhoneMac', taken);
        ok = false;
      }
    }
    const twice = claims.claim(mac.mac, line);
    if (twice) {
      problem('deskPhoneMac', twice);
      ok = false;
    }
    if (!listed.has(mac.mac)) phones.push({ mac: mac.mac, model });
    listed.add(mac.mac);
  }
  if (phones.length > MAX_DESK_PHONES) {
    problem('deskPhoneMac', {
      code: 'DESK_PHONE_LIMIT',
      user: { name: current?.email ?? cells.email ?? '', email: cells.email ?? '', slackUserId: null },
      max: MAX_DESK_PHONES,
    });
    ok = false;
  }
  return ok ? phones : undefined;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function changedFields(current: UserFields, next: UserFields, autoExtension: boolean): ChangedField[] {
  const changed: ChangedField[] = [];
  if (current.firstName !== next.firstName || current.lastName !== next.lastName) changed.push('name');
  if (current.siteId !== next.siteId) changed.push('site');
  if (autoExtension || current.extension !== next.extension) changed.push('extension');
  if (!sameJson(current.planCodes, next.planCodes)) changed.push('plans');
  if (!sameJson(current.numbers, next.numbers)) changed.push('numbers');
  if (!sameJson(current.callerId, next.callerId)) changed.push('callerId');
  if (current.status !== next.status) changed.push('status');
  if (current.areaCode !== next.areaCode) changed.push('areaCode');
  if (current.language !== next.language) changed.push('language');
  if (!sameJson(current.address, next.address)) changed.push('address');
  if (!sameJson(current.deskPhones, next.deskPhones)) changed.push('deskPhones');
  return changed;
}

/**
 * Licenses and plan inventory for the whole file. Plans an update takes away are counted as freed first; then
 * rows take licenses and plans in file order, and a row past what is left becomes invalid, so that the admin can
 * still import the rows that fit.
 */
function checkInventory(rows: PlannedRow[], view: AccountView, header: (key: ColumnKey) => string) {
  let freeLicenses = view.licensesTotal - view.licensesUsed;
  const creates = rows.filter((row) => row.kind === 'create').length;
  const freePlans = new Map(view.plans.map((plan) => [plan.code, plan.inventory - plan.used]));
  const neededPlans = new Map<number, number>();
  const gained = (row: PlannedRow): number[] => {
    if (row.kind === 'create') return row.fields.planCodes;
    if (row.kind === 'update')
      return row.fields.planCodes.filter((code) => !row.current.planCodes.includes(code));
    return [];
  };
  for (const row of rows) {
    if (row.kind !== 'update') continue;
    for (const code of row.current.planCodes) {
      if (!row.fields.planCodes.includes(code)) freePlans.set(code, (freePlans.get(code) ?? 0) + 1);
    }
  }
  for (const row of rows)
    for (const code of gained(row)) neededPlans.set(code, (neededPlans.get(code) ?? 0) + 1);

  for (const [index, row] of rows.entries()) {
    if (row.kind !== 'create' && row.kind !== 'update') continue;
    const problems: RowProblem[] = [];
    if (row.kind === 'create') {
      if (freeLicenses <= 0) {
        problems.push({
          column: header('email'),
          error: {
            code: 'IMPORT_NO_LICENSES',
            free: Math.max(0, view.licensesTotal - view.licensesUsed),
            needed: creates,
          },
        });
      }
    }
    for (const code of gained(row)) {
      if ((freePlans.get(code) ?? 0) <= 0) {
        const plan = view.plans.find((p) => p.code === code);
        problems.push({
          column: header('callingPlans'),
          error: {
            code: 'IMPORT_PLAN_INVENTORY',
            plan: plan?.shortName ?? String(code),
            free: Math.max(0, (plan?.inventory ?? 0) - (plan?.used ?? 0)),
            needed: neededPlans.get(code) ?? 0,
          },
        });
      }
    }
    if (problems.length > 0) {
      rows[index] = { kind: 'invalid', line: row.line, email: row.email, problems };
      continue;
    }
    if (row.kind === 'create') freeLicenses--;
    for (const code of gained(row)) freePlans.set(code, (freePlans.get(code) ?? 0) - 1);
  }
}

function countRows(rows: readonly PlannedRow[]): ImportCounts {
  const counts: ImportCounts = { rows: rows.length, create: 0, update: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) {
    if (row.kind === 'create') counts.create++;
    else if (row.kind === 'update') counts.update++;
    else if (row.kind === 'unchanged') counts.unchanged++;
    else counts.invalid++;
  }
  return counts;
}
