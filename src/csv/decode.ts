import type { CsvFileResult } from './errors.ts';

const SNIFF_BYTES = 4096;

/**
 * Turns uploaded bytes into text. Only UTF-8 is accepted: guessing between Latin-1, Windows-1252 and friends
 * silently corrupts names, so a refusal that says "save as CSV UTF-8" is kinder than a wrong guess.
 */
export function decodeCsvBytes(bytes: Uint8Array): CsvFileResult<string> {
  if (looksLikeUtf16(bytes)) return { ok: false, error: { code: 'CSV_UTF16' } };
  try {
    // ignoreBOM: false (the default) strips a leading UTF-8 BOM, which Excel writes for "CSV UTF-8".
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A NUL never appears in CSV text (and a database text column cannot hold one): a binary file, such as a
    // workbook renamed to .csv.
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return { ok: false, error: { code: 'CSV_BINARY', line: lineAt(text, nul) } };
    return { ok: true, value: text };
  } catch {
    return { ok: false, error: { code: 'CSV_NOT_UTF8' } };
  }
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true;
  // Without a BOM, UTF-16 text of Latin letters is every other byte NUL; CSV text never holds NUL.
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let nuls = 0;
  for (const byte of sample) if (byte === 0) nuls++;
  return sample.length > 0 && nuls / sample.length > 0.1;
}

/** Lines end as in any editor: LF, CRLF, or a lone CR (classic Mac files). */
function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}
