import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/csv/read.ts';

function table(text: string, mode: 'add' | 'update' = 'add') {
  const result = readCsv(text, mode);
  if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
  return result.value;
}

describe('readCsv', () => {
  it('reads comma-separated rows with the line each starts on', () => {
    const { delimiter, rows } = table('Email,Extension\nann@example.com,4101\nbob@example.com,\n');
    expect(delimiter).toBe(',');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 2, cells: { email: 'ann@example.com', extension: '4101' } });
    expect(rows[1]).toMatchObject({ line: 3, cells: { email: 'bob@example.com', extension: '' } });
  });

  it('detects semicolon and tab delimiters from the header line', () => {
    expect(table('Email;Extension\nann@example.com;4101\n')).toMatchObject({
      delimiter: ';',
      rows: [{ cells: { email: 'ann@example.com', extension: '4101' } }],
    });
    expect(table('Email\tExtension\nann@example.com\t4101\n')).toMatchObject({
      delimiter: '\t',
      rows: [{ cells: { email: 'ann@example.com', extension: '4101' } }],
    });
  });

  it('reads a file with a BOM and CRLF line endings', () => {
    expect(table('\uFEFFEmail,Site\r\nann@example.com,Main\r\n').rows).toMatchObject([
      { line: 2, cells: { email: 'ann@example.com', site: 'Main' } },
    ]);
  });

  it('keeps delimiters and newlines inside quoted cells and counts lines from where a row starts', () => {
    const text =
      'Email,Emergency Address Line 1,Phone Numbers\r\n' +
      'ann@example.com,"1 Main St, Suite 2\r\nBack door","+14155550100;+14155550101"\r\n' +
      '\r\n' +
      'bob@example.com,"Dock ""B""",\r\n';
    const { rows } = table(text);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        cells: expect.objectContaining({
          emergencyAddressLine1: '1 Main St, Suite 2\r\nBack door',
          phoneNumbers: '+14155550100;+14155550101',
        }),
      }),
      expect.objectContaining({
        line: 5,
        cells: expect.objectContaining({ emergencyAddressLine1: 'Dock "B"' }),
      }),
    ]);
  });

  it('gives every column of the mode a cell, blank when the file lacks the column', () => {
    const [row] = table('E-mail\nann@example.com\n', 'update').rows;
    expect(row?.cells).toMatchObject({ email: 'ann@example.com', status: '', areaCode: '', firstName: '' });
    expect(row?.cells).not.toHaveProperty('copySettingsFrom');
  });

  it('skips rows of empty cells that spreadsheets leave behind', () => {
    expect(table('Email,Site\nann@example.com,Main\n,\n , \n')).toMatchObject({
      rows: [{ line: 2 }],
    });
  });

  it('returns unknown headers as warnings and still reads the rows', () => {
    const { unknownHeaders, rows } = table('Email,Shoe Size\nann@example.com,42\n');
    expect(unknownHeaders).toEqual([{ header: 'Shoe Size', index: 1, usedIn: null }]);
    expect(rows[0]?.cells).toEqual(expect.objectContaining({ email: 'ann@example.com' }));
  });

  it('refuses an empty file and a file with only a header row', () => {
    expect(readCsv('', 'add')).toEqual({ ok: false, error: { code: 'CSV_EMPTY' } });
    expect(readCsv('\uFEFF\r\n', 'add')).toEqual({ ok: false, error: { code: 'CSV_EMPTY' } });
    expect(readCsv('Email,Site\r\n', 'add')).toEqual({ ok: false, error: { code: 'CSV_NO_ROWS' } });
  });

  it('refuses a file without an Email column or with a column named twice', () => {
    expect(readCsv('Name\nAnn\n', 'add')).toMatchObject({
      ok: false,
      error: { code: 'CSV_EMAIL_COLUMN_MISSING' },
    });
    expect(readCsv('Email,Email Address\na@x.io,a@x.io\n', 'add')).toMatchObject({
      ok: false,
      error: { code: 'CSV_DUPLICATE_COLUMN', headers: ['Email', 'Email Address'] },
    });
  });

  it('refuses a quote left open, naming the line where its row starts', () => {
    expect(
      readCsv('Email,Site\nann@example.com,Main\nbob@example.com,"Main\ncat@example.com,Main\n', 'add'),
    ).toEqual({
      ok: false,
      error: { code: 'CSV_QUOTE_NOT_CLOSED', line: 3 },
    });
  });

  it('refuses mixed delimiters as a row with the wrong number of cells', () => {
    expect(readCsv('Email,Site\nann@example.com,Main\nbob@example.com;Main\n', 'add')).toEqual({
      ok: false,
      error: { code: 'CSV_CELL_COUNT', line: 3, expected: 2, found: 1 },
    });
  });

  it('counts lines in characters beyond ASCII correctly', () => {
    const { rows } = table('Email,First Name\nzoe@example.com,Zoë 😀\nann@example.com,Ann\n');
    expect(rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it('names the line where a row with an open quote starts, however many rows come before it', () => {
    const text =
      'Email,Site\nann@example.com,Main\nbob@example.com,Main\ncat@example.com,Main\ndan@example.com,"Main\neve@example.com,Main\n';
    expect(readCsv(text, 'add')).toEqual({ ok: false, error: { code: 'CSV_QUOTE_NOT_CLOSED', line: 5 } });
  });

  it('stops reading at the row past the limit, whatever follows it', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@example.com,Main`).join('\n');
    expect(readCsv(`Email,Site\n${rows(3)}\n`, 'add', { maxRows: 3 }).ok).toBe(true);
    // Past the fourth row, a quote that never closes: reading stopped before it.
    expect(readCsv(`Email,Site\n${rows(4)}\nzed@example.com,"Main\n`, 'add', { maxRows: 3 })).toEqual({
      ok: false,
      error: { code: 'CSV_TOO_MANY_ROWS', limit: 3 },
    });
  });

  it('does not count the rows of empty cells towards the limit', () => {
    const text = 'Email,Site\nann@example.com,Main\n,\n , \nbob@example.com,Main\n,\n';
    expect(readCsv(text, 'add', { maxRows: 2 })).toMatchObject({
      ok: true,
      value: { rows: [{ line: 2 }, { line: 5 }] },
    });
  });
});
