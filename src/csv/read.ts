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

/** The shape csv-parse returns with `info: true`, which its typings do not infer. */
type ParsedRecord = { record: string[]; info: { bytes_records: number } };

export type CsvDelimiter = ',' | ';' | '\t';

/** One data row; `line` is the file line where the row starts (the header is line 1). */
export type CsvRow<K extends string> = { line: number; cells: Record<K, string> };

export type CsvTable<K extends ColumnKey> = {
  delimiter: CsvDelimiter;
  columns: MatchedColumn<K>[];
  unknownHeaders: UnknownHeader[];
  rows: CsvRow<K>[];
};

/**
 * Reads CSV text into rows keyed by column. Every column of the mode is present in `cells`: a column missing
 * from the file reads as blank, which both modes treat like a blank cell (auto-assign, or leave unchanged).
 * Cells are trimmed; multi-value cells stay one string, split later by the rule that checks them.
 */
export function readCsv<M extends CsvMode>(text: string, mode: M): CsvFileResult<CsvTable<ColumnKeyOf<M>>> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fail({ code: 'CSV_EMPTY' });
  const delimiter = detectDelimiter(body);

  const lines = lineLocator(body);
  let records: ParsedRecord[];
  try {
    // Cell counts are checked below, where the row's first line is known.
    records = parse(body, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) return fail(fromParseError(error, lines));
    throw error;
  }

  const [header, ...data] = records;
  if (!header) return fail({ code: 'CSV_EMPTY' });
  const matched = matchHeaders(header.record, mode);
  if (!matched.ok) return matched;
  const { columns, unknown } = matched.value;

  const keys = Object.keys(HEADERS_BY_MODE[mode]) as ColumnKeyOf<M>[];
  const rows: CsvRow<ColumnKeyOf<M>>[] = [];
  let start = header.info.bytes_records;
  for (const { record, info } of data) {
    const line = lines(start);
    start = info.bytes_records;
    // A row of empty cells is what a spreadsheet leaves after deleted rows, not a user.
    if (record.every((cell) => cell.trim() === '')) continue;
    if (record.length !== header.record.length) {
      return fail({ code: 'CSV_CELL_COUNT', line, expected: header.record.length, found: record.length });
    }
    const cells = Object.fromEntries(keys.map((key) => [key, ''])) as Record<ColumnKeyOf<M>, string>;
    for (const column of columns) cells[column.key] = (record[column.index] ?? '').trim();
    rows.push({ line, cells });
  }
  if (rows.length === 0) return fail({ code: 'CSV_NO_ROWS' });
  return { ok: true, value: { delimiter, columns, unknownHeaders: unknown, rows } };
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
function lineLocator(text: string): (byteOffset: number) => number {
  const bytes = Buffer.from(text, 'utf8');
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

function fromParseError(error: CsvError, lines: (byteOffset: number) => number): CsvFileError {
  // The error's own line is where parsing stopped; the faulty row starts after the last good record.
  const line =
    typeof error.bytes_records === 'number' ? lines(error.bytes_records) : Number(error.lines) || 0;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { code: 'CSV_QUOTE_NOT_CLOSED', line };
  return { code: 'CSV_MALFORMED', line, detail: error.message };
}

const fail = (error: CsvFileError): { ok: false; error: CsvFileError } => ({ ok: false, error });
