/**
 * An upload is `reading` from its claim until its preview is posted, `previewed` after; `applying` is committed
 * before the apply's own transaction starts. Both `reading` and `applying` are held under the import's lease
 * (db/leases.ts): an import left in either with its lease free was interrupted, and is marked `failed`. A failed
 * import that still has its file can be applied again; one whose file could not be read cannot.
 */
export type ImportStatus =
  | 'reading'
  | 'previewed'
  | 'applying'
  | 'applied'
  | 'cancelled'
  | 'undone'
  | 'failed';

/**
 * Why a failed import failed, where it matters to the admin: its file was refused (unreadable, or over a limit),
 * or Switchboard stopped while reading or applying it.
 */
export type ImportFailure = 'file_refused' | 'interrupted';

/** What a preview counted, and after an apply what happened to the rows. */
export type ImportCounts = {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  invalid: number;
  /** Rows left out when the admin chose to import only the valid ones; set once applied. */
  skipped?: number;
};

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

/**
 * Why an uploaded file is refused before any row is looked at: what reading it as CSV found, or what happened to it
 * on the way (too large, a web page instead of the file, a download that failed, a failure on our side).
 */
export type ImportFileProblem =
  | CsvFileError
  | { code: 'FILE_TOO_LARGE'; maxBytes: number }
  | { code: 'FILE_IS_WEB_PAGE' }
  | { code: 'FILE_NOT_DOWNLOADED' }
  | { code: 'FILE_READ_FAILED' };
