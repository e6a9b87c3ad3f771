/**
 * Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some treat
 * the same way) as a formula. Names and addresses come from Slack profiles, which anyone can edit, so exported
 * free text that could start a formula gets a leading apostrophe, which spreadsheets show as text. The apostrophe
 * is added only where it is needed, and nested ones are escaped the same way, so `restoreFormulaText` gives back
 * exactly what `neutraliseFormulaText` was given.
 */
const TRIGGER = /^[=+\-@\p{Cc}]/u;

/** Whether the text, after any apostrophes it starts with, starts a formula. */
function needsApostrophe(text: string): boolean {
  let start = 0;
  while (text[start] === "'") start += 1;
  return TRIGGER.test(text.slice(start));
}

export function neutraliseFormulaText(text: string): string {
  return needsApostrophe(text) ? `'${text}` : text;
}

export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && needsApostrophe(text.slice(1)) ? text.slice(1) : text;
}

/** The longest cell the errors file repeats whole: longer ones are cut, with a marker saying so. */
export const MAX_ECHOED_CELL = 300;

/** A checked value (numbers, `-` to clear) may begin with `+` or `-` and is never a formula a spreadsheet runs. */
const CHECKED_VALUE = /^[+-]?[0-9 ().;+-]*$/;

/**
 * A cell of an uploaded file written back in the errors file. Free text is written as an export writes it (a
 * neutralised cell stays as it was, a raw formula gets its apostrophe), so uploading the fixed file reads the
 * same values; any other cell that would start a formula gets the apostrophe too, since it is invalid anyway. A
 * cell longer than `max` is cut and marked: an errors file never repeats a whole oversized cell.
 */
export function echoedCell(text: string, freeText: boolean, max = MAX_ECHOED_CELL): string {
  const chars = [...text];
  const cut =
    chars.length > max
      ? `${chars.slice(0, max).join('')}… [cut: ${chars.length.toLocaleString('en-US')} characters in all]`
      : text;
  if (freeText) return neutraliseFormulaText(restoreFormulaText(cut));
  return CHECKED_VALUE.test(cut) ? cut : neutraliseFormulaText(cut);
}

/** One CSV record, quoted where RFC 4180 needs it (and where spaces at either end would be trimmed on reading). */
export function csvRecord(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(cell: string): string {
  if (/[",\r\n;\t]/.test(cell) || cell !== cell.trim()) return `"${cell.replaceAll('"', '""')}"`;
  return cell;
}
