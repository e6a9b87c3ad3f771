import type { CsvFileResult } from './errors.ts';

const SNIFF_BYTES = 4096;

/**
 * How the files most often renamed to .csv begin: a workbook (.xlsx and .ods are ZIP archives, .xls an OLE2
 * compound file), a PDF, an image, a compressed file.
 */
const BINARY_SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04], // ZIP: .xlsx, .ods, .numbers
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE2: .xls
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
];

/**
 * Turns uploaded bytes into text. Only UTF-8 is accepted: guessing between Latin-1, Windows-1252 and friends
 * silently corrupts names, so a refusal that says "save as CSV UTF-8" is kinder than a wrong guess.
 *
 * A binary file (a workbook, an image, random bytes) is told apart by its first bytes: a known signature, or
 * control bytes that text never holds. Its NUL bytes are not taken for UTF-16, whose text of Latin letters has a
 * NUL in every other byte, all on the same side, while NULs in a binary file fall anywhere.
 */
export function decodeCsvBytes(bytes: Uint8Array): CsvFileResult<string> {
  if (hasUtf16Bom(bytes)) return { ok: false, error: { code: 'CSV_UTF16' } };
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (BINARY_SIGNATURES.some((signature) => startsWith(sample, signature))) {
    return { ok: false, error: { code: 'CSV_NOT_TEXT' } };
  }
  if (sample.includes(0) && looksLikeUtf16(sample)) return { ok: false, error: { code: 'CSV_UTF16' } };
  let text: string;
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM, which Excel writes for "CSV UTF-8".
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: { code: controlBytes(sample) ? 'CSV_NOT_TEXT' : 'CSV_NOT_UTF8' } };
  }
  if (controlBytes(sample)) return { ok: false, error: { code: 'CSV_NOT_TEXT' } };
  // A NUL never appears in CSV text (and a database text column cannot hold one). In a file that is otherwise
  // text it is named by its line: it may be one bad cell.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { ok: false, error: { code: 'CSV_BINARY', line: lineAt(text, nul) } };
  return { ok: true, value: text };
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);

/**
 * Two thirds or more of the bytes on one side (even positions for UTF-16BE, odd ones for UTF-16LE) NUL, and
 * hardly any on the other: the high bytes of Latin letters.
 */
function looksLikeUtf16(sample: Uint8Array): boolean {
  const nuls = [0, 0];
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] === 0) nuls[index % 2] = (nuls[index % 2] ?? 0) + 1;
  }
  const [even = 0, odd = 0] = nuls;
  const heavy = Math.max(even, odd);
  return heavy >= sample.length / 3 && Math.min(even, odd) <= heavy / 20;
}

/** Tab, line feed, vertical tab (a line break inside a cell, for some databases), form feed, carriage return. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d]);

/**
 * Text in any 8-bit encoding uses these control characters and hardly any other (NUL included), while one byte in ten of compressed or random data is one: more than a few of
 * them in the first bytes is a binary file, not text in another encoding.
 */
function controlBytes(sample: Uint8Array): boolean {
  let count = 0;
  for (const byte of sample) {
    if ((byte < 0x20 && !TEXT_CONTROLS.has(byte)) || byte === 0x7f) {
      count++;
    }
  }
  return count >= 4 && count > sample.length / 50;
}

/** Lines end as in any editor: LF, CRLF, or a lone CR (classic Mac files). */
function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}
