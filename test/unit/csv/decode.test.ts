import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../src/csv/decode.ts';
import { describeFileProblem as describeCsvFileError } from '../../../src/slack/replies-imports.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvBytes', () => {
  it('reads UTF-8 text with accents as it is', () => {
    expect(decodeCsvBytes(utf8('Email,First Name\nzoe@example.com,Zoë\n'))).toEqual({
      ok: true,
      value: 'Email,First Name\nzoe@example.com,Zoë\n',
    });
  });

  it('strips the UTF-8 BOM that Excel writes for "CSV UTF-8"', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Email\n')]);
    expect(decodeCsvBytes(bytes)).toEqual({ ok: true, value: 'Email\n' });
  });

  it('refuses UTF-16 with either BOM and asks for CSV UTF-8', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0x6d, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x45, 0x00, 0x6d]);
    expect(decodeCsvBytes(le)).toEqual({ ok: false, error: { code: 'CSV_UTF16' } });
    expect(decodeCsvBytes(be)).toEqual({ ok: false, error: { code: 'CSV_UTF16' } });
    expect(describeCsvFileError({ code: 'CSV_UTF16' })).toContain('CSV UTF-8');
  });

  it('refuses a NUL character, naming its line, since CSV text never holds one', () => {
    const result = decodeCsvBytes(utf8('Email,First Name\nken@example.com,Ken\nzoe@example.com,Zo\u0000e\n'));
    expect(result).toEqual({ ok: false, error: { code: 'CSV_BINARY', line: 3 } });
    expect(describeCsvFileError({ code: 'CSV_BINARY', line: 3 })).toMatch(/^Line 3 holds a NUL character/);
  });

  it('refuses UTF-16 without a BOM, recognised by its NUL bytes', () => {
    const bytes = new Uint8Array(Buffer.from('Email,First Name\n', 'utf16le'));
    expect(decodeCsvBytes(bytes)).toEqual({ ok: false, error: { code: 'CSV_UTF16' } });
  });

  it('refuses Latin-1 bytes rather than guessing the encoding', () => {
    const bytes = new Uint8Array(Buffer.from('Email,First Name\nzoe@example.com,Zoë\n', 'latin1'));
    expect(decodeCsvBytes(bytes)).toEqual({ ok: false, error: { code: 'CSV_NOT_UTF8' } });
    expect(describeCsvFileError({ code: 'CSV_NOT_UTF8' })).toContain('save it as "CSV UTF-8"');
  });
});

describe('a binary file named .csv', () => {
  /** Deterministic bytes that look random, NULs among them, as in compressed or encrypted data. */
  function noise(length: number, seed: number): Uint8Array {
    const bytes = new Uint8Array(length);
    let state = seed;
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  }
  const png = new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    0,
    0,
    0,
    0x0d,
    ...noise(2000, 1),
  ]);
  const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, ...noise(2000, 2)]);

  it('is not a text file, whatever NUL bytes it holds: a PNG, a workbook, random bytes, zeros', () => {
    for (const bytes of [png, xlsx, noise(10_000, 3), noise(300, 4), new Uint8Array(5000)]) {
      expect(decodeCsvBytes(bytes)).toEqual({ ok: false, error: { code: 'CSV_NOT_TEXT' } });
    }
    expect(describeCsvFileError({ code: 'CSV_NOT_TEXT' })).toMatch(/^This is not a text file/);
  });

  it('is not taken for UTF-16 even when its NULs are many and fall on one side', () => {
    const bytes = noise(4096, 5).map((byte, i) => (i % 4 === 0 ? 0 : byte));
    expect(decodeCsvBytes(bytes)).toEqual({ ok: false, error: { code: 'CSV_NOT_TEXT' } });
  });

  it('is told from Latin-1 text, which has no control bytes', () => {
    const latin1 = new Uint8Array(
      Buffer.from('Email,First Name\nzoe@example.com,Zoë\n'.repeat(50), 'latin1'),
    );
    expect(decodeCsvBytes(latin1)).toEqual({ ok: false, error: { code: 'CSV_NOT_UTF8' } });
  });
});
