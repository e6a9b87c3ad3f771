import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { CsvFileError, CsvFileResult } from './errors.ts';
import {
  type ColumnKey,
  type ColumnKeyOf,
  type CsvMode,
  HEADERS_BY_MODE,
  type MatchedColumn,
  matchHeaders,
  type UnknownHeader,
} from './headers.ts';

export type CsvDelimiter = ',' | ';' | '\t';

/** One data row; `line` is the file line where the row starts (the header is line 1). */
export type CsvRow<K extends string> = { line: number; cells: Record<K, string> };

export type CsvTable<K extends ColumnKey> = {
  delimiter: CsvDelimiter;
  columns: MatchedColumn<K>[];
  unknownHeaders: UnknownHeader[];
  rows: CsvRow<K>[];
};

/** Thrown from csv-parse's record callback to stop reading at once; csv-parse hands it back as the error. */
class Stop {
  constructor(readonly error: CsvFileError) {}
}

/**
 * Reads CSV text into rows keyed by column. Every column of the mode is present in `cells`: a column missing
 * from the file reads as blank, which both modes treat like a blank cell (auto-assign, or leave unchanged).
 * Cells are trimmed; multi-value cells stay one string, split later by the rule that checks them.
 *
 * Reading stops at the first row that cannot be taken (a wrong cell count) and at the row past `maxRows`, so a
 * file of a million short rows costs no more than one of `maxRows`: each record is turned into a row as
 * csv-parse reads it, and csv-parse keeps none of them.
 */
export function readCsv<M extends CsvMode>(
  text: string,
  mode: M,
  limits: { maxRows: number } = { maxRows: Number.POSITIVE_INFINITY },
): CsvFileResult<CsvTable<ColumnKeyOf<M>>> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fail({ code: 'CSV_EMPTY' });
  const delimiter = detectDelimiter(body);
  const bytes = Buffer.from(body, 'utf8');
  const lines = lineLocator(bytes);
  const keys = Object.keys(HEADERS_BY_MODE[mode]) as ColumnKeyOf<M>[];

  let header:
    | { width: number; columns: MatchedColumn<ColumnKeyOf<M>>[]; unknown: UnknownHeader[] }
    | undefined;
  const rows: CsvRow<ColumnKeyOf<M>>[] = [];
  const shared = sharedCells();
  // Where the record being read starts: where the one before it ended.
  let start = 0;
  const take = (record: string[], end: number) => {
    const line = lines(start);
    start = end;
    if (!header) {
      const matched = matchHeaders(record, mode);
      if (!matched.ok) throw new Stop(matched.error);
      header = { width: record.length, ...matched.value };
      return;
    }
    // A row of empty cells is what a spreadsheet leaves after deleted rows, not a user.
    if (record.every((cell) => cell.trim() === '')) return;
    if (record.length !== header.width) {
      throw new Stop({ code: 'CSV_CELL_COUNT', line, expected: header.width, found: record.length });
    }
    if (rows.length === limits.maxRows) throw new Stop({ code: 'CSV_TOO_MANY_ROWS', limit: limits.maxRows });
    const cells = Object.fromEntries(keys.map((key) => [key, ''])) as Record<ColumnKeyOf<M>, string>;
    for (const column of header.columns)
      cells[column.key] = shared(column.index, (record[column.index] ?? '').trim());
    rows.push({ line, cells });
  };
  try {
    // Cell counts are checked by `take`, where the row's first line is known.
    parse(bytes, {
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (record: string[], info) => {
        take(record, info.bytes_records);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof Stop) return fail(error.error);
    // The error's own line is where parsing stopped; the faulty row starts where the last good record ended.
    if (error instanceof CsvError) return fail(fromParseError(error, lines(start)));
    throw error;
  }

  if (!header) return fail({ code: 'CSV_EMPTY' });
  if (rows.length === 0) return fail({ code: 'CSV_NO_ROWS' });
  return { ok: true, value: { delimiter, columns: header.columns, unknownHeaders: header.unknown, rows } };
}

/** Distinct values kept per column for sharing: enough for sites, plans, cities and models, not for emails. */
const SHARED_VALUES = 1000;

/**
 * One string per distinct value of a column, for the values that repeat (a site, a plan, a city on thousands of
 * rows): csv-parse makes a new string for every cell, and the rows of a large file are most of what reading it
 * holds. Past `SHARED_VALUES` values a column's new values are no longer remembered.
 */
function sharedCells(): (column: number, cell: string) => string {
  const byColumn = new Map<number, Map<string, string>>();
  return (column, cell) => {
    const values = byColumn.get(column) ?? new Map<string, string>();
    byColumn.set(column, values);
    const known = values.get(cell);
    if (known !== undefined) return known;
    if (values.size < SHARED_VALUES) values.set(cell, cell);
    return cell;
  };
}

/** The delimiter used most often, outside quotes, in the header line; a one-column file falls back to comma. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  const [best] = (Object.entries(counts) as [CsvDelimiter, number][]).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/**
 * csv-parse reports offsets in UTF-8 bytes, and its own line counter counts a CRLF inside a quoted cell twice,
 * so a row's first line is found by counting line ends up to the byte where the previous record ended: a line
 * feed, or a carriage return not followed by one (files saved with classic Mac line ends have no line feeds).
 */
function lineLocator(bytes: Buffer): (byteOffset: number) => number {
  const lineEnd = (at: number) => bytes[at] === 0x0a || (bytes[at] === 0x0d && bytes[at + 1] !== 0x0a);
  let offset = 0;
  let line = 1;
  return (target) => {
    for (; offset < target; offset++) if (lineEnd(offset)) line++;
    // Blank lines skipped before the row are part of the gap; the row starts after them.
    while (bytes[offset] === 0x0a || bytes[offset] === 0x0d) {
      if (lineEnd(offset)) line++;
      offset++;
    }
    return line;
  };
}

function fromParseError(error: CsvError, line: number): CsvFileError {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { code: 'CSV_QUOTE_NOT_CLOSED', line };
  return { code: 'CSV_MALFORMED', line, detail: error.message };
}

const fail = (error: CsvFileError): { ok: false; error: CsvFileError } => ({ ok: false, error });
