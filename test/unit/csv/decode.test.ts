import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../src/csv/decode.ts';
import { describeCsvFileError } from '../../../src/csv/errors.ts';

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
