import type { DomainError } from '../domain/errors.ts';
import type { ImportFileProblem } from '../domain/imports.ts';
import { MRKDWN, plural, type Style } from './format.ts';

type ImportError = Extract<
  DomainError,
  {
    code:
      | 'NUMBER_MANGLED'
      | 'IMPORT_NAME_NEEDED'
      | 'IMPORT_ALREADY_PHONE_USER'
      | 'IMPORT_NOT_PHONE_USER'
      | 'IMPORT_DUPLICATE_IN_FILE'
      | 'IMPORT_VALUE_KEPT'
      | 'IMPORT_CANNOT_CLEAR'
      | 'IMPORT_NUMBERS_NEED_PLAN'
      | 'IMPORT_DESK_PHONE_PAIR'
      | 'IMPORT_STATUS_INVALID'
      | 'IMPORT_NO_LICENSES'
      | 'IMPORT_PLAN_INVENTORY'
      | 'IMPORT_NOT_FOUND'
      | 'IMPORT_CLOSED'
      | 'IMPORT_READ_INTERRUPTED'
      | 'IMPORT_ROWS_INVALID'
      | 'IMPORT_NOTHING_TO_APPLY'
      | 'IMPORT_UNDO_EXPIRED'
      | 'IMPORT_NOT_UNDOABLE'
      | 'IMPORT_FILE_INVALID';
  }
>;

/** Words for CSV import problems: a row's (shown beside line and column) or the import's as a whole. */
export function importErrorText(error: ImportError, s: Style = MRKDWN): string {
  const { code, input, text } = s;
  const e = s.escape;
  switch (error.code) {
    case 'NUMBER_MANGLED':
      return error.reason === 'digits_lost'
        ? `${input(error.input)} is a number your spreadsheet rounded: digits are lost. Format the column as Text, type the number with its + and upload again.`
        : `${input(error.input)} is not a whole phone number (a spreadsheet turned it into a decimal). Format the column as Text and type the number with its +.`;
    case 'IMPORT_NAME_NEEDED':
      return `${text(error.email)} is not in the directory yet; give the ${error.missing.join(' and ')} to add them.`;
    case 'IMPORT_ALREADY_PHONE_USER':
      return `${text(error.email)} already has a phone license (ext ${error.extension}). To change them, use an update file (export, edit, upload with the word ${code('update')}).`;
    case 'IMPORT_NOT_PHONE_USER':
      return `${text(error.email)} is not a phone user. An update file changes existing phone users; add new ones with an add file.`;
    case 'IMPORT_DUPLICATE_IN_FILE':
      return `${input(error.value)} is also on line ${error.line}; each ${error.column} may appear once in a file.`;
    case 'IMPORT_VALUE_KEPT':
      return error.because === 'kept'
        ? `${code(error.value)} belongs to ${s.who(error.holder)}, who keeps it: their row (line ${error.line}) does not give it up. Give them another ${error.column} on line ${error.line}, or choose another one here.`
        : `${code(error.value)} belongs to ${s.who(error.holder)}, whose row (line ${error.line}) cannot be imported, so they keep it. Fix line ${error.line} as well.`;
    case 'IMPORT_CANNOT_CLEAR':
      return `${text(error.column)} cannot be cleared with ${code('-')}; leave the cell blank to keep the current value.`;
    case 'IMPORT_NUMBERS_NEED_PLAN':
      // `-` clears a cell only in an update file; in an add file it is read as a number, and refused.
      return 'Direct numbers need a calling plan: give one in Calling Plans, or remove the numbers (leave Phone Numbers blank in an add file; put - in it in an update file).';
    case 'IMPORT_DESK_PHONE_PAIR':
      return `Desk phones need a MAC and a model each: this row has ${plural(error.macs, 'MAC')} and ${plural(error.models, 'model')}.`;
    case 'IMPORT_STATUS_INVALID':
      return `Status ${input(error.input)} is not valid: use active or inactive.`;
    case 'IMPORT_NO_LICENSES':
      return `No phone license left for this row: ${error.free} free, the file needs ${error.needed}. Raise the total with ${code('/phone licenses')} or import fewer rows.`;
    case 'IMPORT_PLAN_INVENTORY':
      return `No ${e(error.plan)} plan left for this row: ${error.free} free, the file needs ${error.needed}. Raise the inventory with ${code('/phone plans')} or give another plan.`;
    case 'IMPORT_NOT_FOUND':
      return 'That import no longer exists. Upload the file again.';
    case 'IMPORT_CLOSED':
      if (error.status === 'reading')
        return `${e(error.fileName)} is still being read. Try again in a moment.`;
      if (error.status === 'applying')
        return `${text(error.fileName)} is being imported right now; its summary will follow in the file's thread.`;
      return `${text(error.fileName)} is already ${error.status}; nothing was done. See ${code('/phone imports')}.`;
    case 'IMPORT_READ_INTERRUPTED':
      return `Switchboard stopped while it was reading ${text(error.fileName)}, so nothing of it was kept and there is nothing to import. Upload the file again.`;
    case 'IMPORT_ROWS_INVALID':
      return `${text(error.fileName)} now has ${plural(error.invalid, 'invalid row')} (the account changed since the preview), so nothing was imported. Choose to import the ${plural(error.valid, 'valid row')} or upload a fixed file.`;
    case 'IMPORT_NOTHING_TO_APPLY':
      return `${text(error.fileName)} has no row that can be imported. Fix the rows in the errors file and upload it again.`;
    case 'IMPORT_UNDO_EXPIRED':
      return `${text(error.fileName)} was imported more than ${error.hours} hours ago and can no longer be undone. Change the users with an update file instead.`;
    case 'IMPORT_NOT_UNDOABLE':
      if (error.status === 'undone') {
        const by = error.closedBy ? ` by ${s.mention(error.closedBy)}` : '';
        return `The import of ${text(error.fileName)} was already undone${by}; nothing was done. See ${code('/phone imports')}.`;
      }
      if (error.status === 'applying')
        return `${text(error.fileName)} is being imported right now; undo it once its summary is posted.`;
      return `${text(error.fileName)} was never imported (it is ${error.status === 'previewed' ? 'a preview' : error.status}), so there is nothing to undo.`;
    case 'IMPORT_FILE_INVALID':
      return `${text(error.fileName)} cannot be imported: ${e(describeFileProblem(error.problem))}`;
  }
}

/** The one line an admin reads when a file is refused; each says what to do next. */
export function describeFileProblem(error: ImportFileProblem): string {
  switch (error.code) {
    case 'FILE_TOO_LARGE':
      return `it is larger than the limit of ${Number((error.maxBytes / 1024 / 1024).toFixed(1))} MB. Split it into smaller files.`;
    case 'FILE_IS_WEB_PAGE':
      // The downloader cannot tell Slack's sign-in page from a web page someone saved as .csv and uploaded.
      return 'what the app received is a web page (HTML), not CSV text, so nothing was read. Either the file is a saved web page (save your list from a spreadsheet as "CSV UTF-8" and upload that), or Slack sent its sign-in page instead of the file (the app may lack the `files:read` scope).';
    case 'FILE_NOT_DOWNLOADED':
      return 'it could not be downloaded from Slack. Upload it again in a minute.';
    case 'FILE_READ_FAILED':
      return 'something went wrong on our side';
    case 'CSV_UTF16':
      return 'This file is UTF-16 text. In your spreadsheet, save it as "CSV UTF-8" and upload it again.';
    case 'CSV_NOT_UTF8':
      return 'This file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8" and upload it again.';
    case 'CSV_NOT_TEXT':
      return 'This is not a text file (a workbook, a PDF or an image renamed to .csv?). In your spreadsheet, save it as "CSV UTF-8" and upload it again.';
    case 'CSV_BINARY':
      return `Line ${error.line} holds a NUL character, which CSV text never does: this looks like a binary file (a workbook renamed to .csv?). In your spreadsheet, save it as "CSV UTF-8" and upload it again.`;
    case 'CSV_EMPTY':
      return 'This file is empty. Upload a CSV with a header row and one row per user.';
    case 'CSV_NO_ROWS':
      return 'This file has a header row but no users. Add one row per user and upload it again.';
    case 'CSV_TOO_MANY_ROWS':
      return `it has more than ${error.limit.toLocaleString('en-US')} rows; the limit is ${error.limit.toLocaleString('en-US')}. Split it into smaller files.`;
    case 'CSV_EMAIL_COLUMN_MISSING':
      return `This file has no Email column (found: ${headerList(error.headers) || 'no headers'}). Add one and upload it again.`;
    case 'CSV_DUPLICATE_COLUMN':
      return `The columns ${error.headers.map((h) => `"${short(h)}"`).join(' and ')} both mean ${error.column}. Keep one and upload it again.`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `A quote opened on line ${error.line} is never closed. Close it and upload the file again.`;
    case 'CSV_CELL_COUNT':
      return `Line ${error.line} has ${cells(error.found)} but the header has ${cells(error.expected)}. Check for a stray delimiter or mixed delimiters.`;
    case 'CSV_MALFORMED':
      return `Line ${error.line} cannot be read as CSV (${short(error.detail, 300)}). Fix it and upload the file again.`;
  }
}

const cells = (count: number) => `${count} ${count === 1 ? 'cell' : 'cells'}`;

/** Text of the file quoted back (a header, or csv-parse's message with the cell it stopped at), cut short. */
function short(text: string, max = 80): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A file may have thousands of columns: the first few say enough. */
function headerList(headers: readonly string[]): string {
  const shown = headers
    .slice(0, 10)
    .map((header) => short(header))
    .join(', ');
  return headers.length > 10 ? `${shown} and ${headers.length - 10} more` : shown;
}
