import { repairSpreadsheetNumber } from '../../csv/spreadsheet-numbers.ts';
import { emailKey, looksLikeEmail, parseEmail } from '../../domain/email.ts';
import { normalizeMac } from '../../domain/mac.ts';
import type { CurrentUser } from '../../domain/phone-user-fields.ts';
import type { AccountSettingsRow } from '../../store/account.ts';
import type { Executor } from '../../store/database.ts';
import {
  deskPhonesByMac,
  directoryByEmails,
  numbersByValue,
  phoneUserFieldsByPersonOrExtension,
} from '../../store/import-rows.ts';
import { mainNumbers } from '../../store/main-numbers.ts';
import { externalForwardsOf } from '../../store/numbers.ts';
import { countPhoneUsers } from '../../store/phone-users.ts';
import { planUsage } from '../../store/plans.ts';
import { listSites } from '../../store/sites.ts';
import { extensionState } from '../site-rules.ts';
import { siteCountryOr } from '../typed-numbers.ts';
import type { ImportOptions, SourceRow } from './plan.ts';
import type { AccountView } from './view.ts';

/** The key a cell's address is looked up by: the parsed address, or the text as stored for an older entry. */
const lookupKey = (cell: string) => {
  const parsed = parseEmail(cell);
  return emailKey(parsed.ok ? parsed.email : cell.trim());
};

const values = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((value) => value.trim())
    .filter(Boolean);

/**
 * Reads what the planner needs for these rows, in a handful of statements whatever the file's size: the people,
 * numbers and desk phones the file names, and the account-wide facts.
 */
export async function loadAccountView(
  db: Executor,
  account: AccountSettingsRow,
  rows: readonly SourceRow[],
  options: ImportOptions,
  defaultCountry?: string,
): Promise<AccountView> {
  // A number without + is read in the country of its row's site, known only when the row is planned: each
  // country a site may have is tried here, so that whichever reading the row takes has its inventory row.
  const sites = await listSites(db);
  const countries = [...new Set(sites.map((site) => siteCountryOr(site.country, defaultCountry)))];
  const emails = new Set<string>();
  const numbers = new Set<string>();
  const macs = new Set<string>();
  const copySources = new Set<string>();
  for (const { cells } of rows) {
    const c = cells;
    if (c.email) emails.add(lookupKey(c.email));
    for (const input of values(c.phoneNumbers)) {
      for (const country of input.trim().startsWith('+') ? [undefined] : countries) {
        const read = repairSpreadsheetNumber(input, country);
        if (read.ok) numbers.add(read.number);
      }
    }
    for (const input of values(c.deskPhoneMac)) {
      const mac = normalizeMac(input);
      if (mac.ok) macs.add(mac.mac);
    }
    if (c.copySettingsFrom) copySources.add(c.copySettingsFrom.trim());
  }
  if (options.copyFrom) copySources.add(options.copyFrom.trim());
  for (const source of copySources) if (looksLikeEmail(source)) emails.add(lookupKey(source));
  const copyExtensions = [...copySources].filter((source) => !looksLikeEmail(source));

  const [plans, extensions, counts, main, directory, numberRows, macRows] = await Promise.all([
    planUsage(db),
    extensionState(db),
    countPhoneUsers(db),
    mainNumbers(db),
    directoryByEmails(db, [...emails]),
    numbersByValue(db, [...numbers]),
    deskPhonesByMac(db, [...macs]),
  ]);
  const directoryIds = [...directory.values()].map((entry) => entry.id);
  const users = await phoneUserFieldsByPersonOrExtension(db, directoryIds, copyExtensions);
  const externalForwards = await externalForwardsOf(
    db,
    users.map((user) => user.phoneUserId),
  );
  const phoneUsers = new Map<string, CurrentUser>();
  const phoneUsersByExtension = new Map<string, CurrentUser>();
  for (const user of users) {
    phoneUsers.set(emailKey(user.email), user);
    phoneUsersByExtension.set(user.extension, user);
  }
  return {
    siteCodes: account.siteCodesEnabled,
    defaultCountry: siteCountryOr(null, defaultCountry),
    licensesTotal: account.licensesTotal,
    licensesUsed: counts.total,
    sites,
    plans,
    taken: extensions.taken,
    reserved: extensions.reserved,
    directory,
    phoneUsers,
    phoneUsersByExtension,
    numbers: numberRows,
    macs: macRows,
    mainNumbers: main,
    externalForwards,
  };
}
