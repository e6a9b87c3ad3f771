/**
 * Why a whole file cannot be read. Row-level problems are reported per line by the import service; these stop
 * the file before any row is looked at.
 */
export type CsvFileError =
  | { code: 'CSV_UTF16' }
  | { code: 'CSV_NOT_UTF8' }
  | { code: 'CSV_NOT_TEXT' }
  | { code: 'CSV_BINARY'; line: number }
  | { code: 'CSV_EMPTY' }
  | { code: 'CSV_NO_ROWS' }
  | { code: 'CSV_TOO_MANY_ROWS'; limit: number }
  | { code: 'CSV_EMAIL_COLUMN_MISSING'; headers: string[] }
  | { code: 'CSV_DUPLICATE_COLUMN'; column: string; headers: string[] }
  | { code: 'CSV_QUOTE_NOT_CLOSED'; line: number }
  | { code: 'CSV_CELL_COUNT'; line: number; expected: number; found: number }
  | { code: 'CSV_MALFORMED'; line: number; detail: string };

export type CsvFileResult<T> = { ok: true; value: T } | { ok: false; error: CsvFileError };

/** The one line an admin reads when a file is refused; each says what to do next. */
export function describeCsvFileError(error: CsvFileError): string {
  switch (error.code) {
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
