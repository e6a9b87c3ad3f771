import { describe, expect, it } from 'vitest';
import { csvRecord, neutraliseFormulaText, restoreFormulaText } from '../../../src/csv/formula.ts';
import { parseCsvInstruction } from '../../../src/slack/events/csv-upload.ts';

describe('formula neutralisation', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+Mallory', "'+Mallory"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ["'=x", "''=x"],
    ["O'Brien", "O'Brien"],
    ["'Nalu", "'Nalu"],
    ['Ada', 'Ada'],
  ])('%j is written as %j and read back exactly', (text, written) => {
    expect(neutraliseFormulaText(text)).toBe(written);
    expect(restoreFormulaText(written)).toBe(text);
  });

  it('quotes cells that hold delimiters, quotes, line breaks or edge spaces', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'x;y', ' pad', 'two\nlines'])).toBe(
      'a,"b,c","say ""hi""","x;y"," pad","two\nlines"\r\n',
    );
  });

  it('reads back a cell of 100,000 apostrophes before a formula, and one of nothing but apostrophes', () => {
    const apostrophes = "'".repeat(100_000);
    expect(restoreFormulaText(`${apostrophes}=x`)).toBe(`${apostrophes.slice(1)}=x`);
    expect(restoreFormulaText(apostrophes)).toBe(apostrophes);
    expect(neutraliseFormulaText(`${apostrophes}=x`)).toBe(`'${apostrophes}=x`);
  });
});

describe('the message sent with a CSV', () => {
  it('reads the mode, site and copy source', () => {
    expect(parseCsvInstruction('')).toEqual({ mode: 'add' });
    expect(parseCsvInstruction('Update please')).toEqual({ mode: 'update' });
    expect(parseCsvInstruction('new hires site:"New York" copy:<@U123ABC>')).toEqual({
      mode: 'add',
      site: 'New York',
      copyFrom: '<@U123ABC>',
    });
    expect(parseCsvInstruction('site:Berlin copy:<mailto:ada@example.com|ada@example.com>')).toEqual({
      mode: 'add',
      site: 'Berlin',
      copyFrom: 'ada@example.com',
    });
    expect(parseCsvInstruction('updates from HR')).toEqual({ mode: 'add' });
  });
});
