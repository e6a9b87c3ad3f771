import { describe, expect, it } from 'vitest';
import { matchHeaders } from '../../../src/csv/headers.ts';
import { describeFileProblem as describeCsvFileError } from '../../../src/slack/replies-imports.ts';

const keysOf = (headers: string[], mode: 'add' | 'update' = 'add') => {
  const result = matchHeaders(headers, mode);
  if (!result.ok) throw new Error(result.error.code);
  return result.value.columns.map((column) => column.key);
};

describe('matchHeaders', () => {
  it('matches headers ignoring case, spaces, underscores and hyphens', () => {
    expect(keysOf(['EMAIL', 'first_name', 'last-name', 'PhoneNumbers', ' Desk Phone MAC '])).toEqual([
      'email',
      'firstName',
      'lastName',
      'phoneNumbers',
      'deskPhoneMac',
    ]);
  });

  it('accepts the common aliases of other products', () => {
    expect(
      keysOf(['Email Address', 'Extension Number', 'Calling Plan', 'Phone Number', 'Site Name']),
    ).toEqual(['email', 'extension', 'callingPlans', 'phoneNumbers', 'site']);
    expect(keysOf(['E-mail', 'Ext', 'Site Code'])).toEqual(['email', 'extension', 'site']);
  });

  it('knows the update-only columns in update mode', () => {
    expect(keysOf(['Email', 'Status', 'Area Code', 'Audio Prompt Language'], 'update')).toEqual([
      'email',
      'status',
      'areaCode',
      'audioPromptLanguage',
    ]);
  });

  it('reports unknown headers by name as warnings, naming the mode a column belongs to', () => {
    const result = matchHeaders(['Email', 'Shoe Size', 'Status'], 'add');
    expect(result).toEqual({
      ok: true,
      value: {
        columns: [{ key: 'email', header: 'Email', index: 0 }],
        unknown: [
          { header: 'Shoe Size', index: 1, usedIn: null },
          { header: 'Status', index: 2, usedIn: 'update' },
        ],
      },
    });
  });

  it('ignores blank trailing headers that spreadsheets leave behind', () => {
    expect(keysOf(['Email', '', ' '])).toEqual(['email']);
  });

  it('refuses a column given twice, naming both headers', () => {
    const result = matchHeaders(['Email', 'Ext', 'Extension'], 'add');
    expect(result).toEqual({
      ok: false,
      error: { code: 'CSV_DUPLICATE_COLUMN', column: 'Extension', headers: ['Ext', 'Extension'] },
    });
    if (!result.ok)
      expect(describeCsvFileError(result.error)).toBe(
        'The columns "Ext" and "Extension" both mean Extension. Keep one and upload it again.',
      );
  });

  it('refuses a file without an Email column and lists what it found', () => {
    expect(matchHeaders(['First Name', 'Last Name'], 'update')).toEqual({
      ok: false,
      error: { code: 'CSV_EMAIL_COLUMN_MISSING', headers: ['First Name', 'Last Name'] },
    });
  });
});
