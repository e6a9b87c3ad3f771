import { describe, expect, it } from 'vitest';
import {
  csvRecord,
  echoedCell,
  MAX_ECHOED_CELL,
  neutraliseFormulaText,
  restoreFormulaText,
} from '../../../src/csv/formula.ts';
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

describe('cells written back in the errors file', () => {
  it('writes free text as an export does, whether the upload held it raw or neutralised', () => {
    expect(echoedCell('=ada@example.com', true)).toBe("'=ada@example.com");
    expect(echoedCell("'=ada@example.com", true)).toBe("'=ada@example.com");
    expect(echoedCell('-ops@example.com', true)).toBe("'-ops@example.com");
    expect(echoedCell('Ada', true)).toBe('Ada');
    expect(restoreFormulaText(echoedCell('+Mallory', true))).toBe('+Mallory');
  });

  it('neutralises a formula in a checked column, but not numbers or the clear marker', () => {
    expect(echoedCell('=HYPERLINK("http://x")', false)).toBe('\'=HYPERLINK("http://x")');
    expect(echoedCell('@SUM(1)', false)).toBe("'@SUM(1)");
    expect(echoedCell('+1+cmd|/C calc', false)).toBe("'+1+cmd|/C calc");
    expect(echoedCell('+14155550100;+1 (415) 555-0101', false)).toBe('+14155550100;+1 (415) 555-0101');
    expect(echoedCell('-', false)).toBe('-');
    expect(echoedCell('4102', false)).toBe('4102');
  });

  it('cuts an oversized cell and says how long it was, counting characters', () => {
    const cell = echoedCell(`=${'😀'.repeat(100_000)}`, true);
    expect(cell.startsWith("'=")).toBe(true);
    expect(cell.endsWith('… [cut: 100,001 characters in all]')).toBe(true);
    expect([...cell].length).toBeLessThan(MAX_ECHOED_CELL + 40);
    expect(echoedCell('x'.repeat(MAX_ECHOED_CELL), false)).toBe('x'.repeat(MAX_ECHOED_CELL));
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
