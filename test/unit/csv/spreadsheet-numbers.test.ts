import { describe, expect, it } from 'vitest';
import { repairSpreadsheetNumber } from '../../../src/csv/spreadsheet-numbers.ts';
import { growthRatio, LINEAR_GROWTH_BOUND } from '../../support/growth.ts';

describe('repairSpreadsheetNumber', () => {
  it('keeps a number that already has its "+"', () => {
    expect(repairSpreadsheetNumber('+1 415 555 0100')).toEqual({
      ok: true,
      number: '+14155550100',
      repaired: null,
    });
  });

  it('restores a "+" the spreadsheet dropped when the digits form a valid number', () => {
    expect(repairSpreadsheetNumber('14155550100')).toEqual({
      ok: true,
      number: '+14155550100',
      repaired: 'plus_restored',
    });
    expect(repairSpreadsheetNumber('442079460958')).toEqual({
      ok: true,
      number: '+442079460958',
      repaired: 'plus_restored',
    });
  });

  it('does not invent a "+" for digits that are no valid number', () => {
    expect(repairSpreadsheetNumber('12345')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '12345', reason: 'not_e164' },
    });
  });

  it("reads a national number in the site's country, before taking it for another country's with a lost +", () => {
    expect(repairSpreadsheetNumber('(415) 555-0100', 'US')).toEqual({
      ok: true,
      number: '+14155550100',
      repaired: null,
    });
    // +41 55 555 01 00 is a Swiss number too: the site's country decides.
    expect(repairSpreadsheetNumber('4155550100', 'US')).toEqual({
      ok: true,
      number: '+14155550100',
      repaired: null,
    });
    expect(repairSpreadsheetNumber('020 7946 0958', 'GB')).toEqual({
      ok: true,
      number: '+442079460958',
      repaired: null,
    });
    // The same number either way: told as the lost + it most likely is.
    expect(repairSpreadsheetNumber('14155550100', 'US')).toEqual({
      ok: true,
      number: '+14155550100',
      repaired: 'plus_restored',
    });
    // Not a number of the site's country, but one with its + back.
    expect(repairSpreadsheetNumber('442079460958', 'US')).toEqual({
      ok: true,
      number: '+442079460958',
      repaired: 'plus_restored',
    });
    expect(repairSpreadsheetNumber('555', 'GB')).toMatchObject({
      ok: false,
      error: { code: 'NUMBER_INVALID', reason: 'not_national', country: 'GB' },
    });
  });

  it('restores scientific notation when every digit is still there', () => {
    for (const input of ['1.41555501E+10', '1.4155550100E+10', '1,41555501E+10', '1.41555501e10']) {
      expect(repairSpreadsheetNumber(input), input).toEqual({
        ok: true,
        number: '+14155550100',
        repaired: 'scientific_notation',
      });
    }
  });

  it('refuses scientific notation rounded to a few digits, because digits were lost', () => {
    expect(repairSpreadsheetNumber('1.41556E+10')).toEqual({
      ok: false,
      error: { code: 'NUMBER_MANGLED', input: '1.41556E+10', reason: 'digits_lost' },
    });
  });

  it('refuses scientific notation that is not a whole number', () => {
    expect(repairSpreadsheetNumber('1.4155550100123E+10')).toEqual({
      ok: false,
      error: { code: 'NUMBER_MANGLED', input: '1.4155550100123E+10', reason: 'not_a_whole_number' },
    });
  });

  it('reads scientific notation with a long run of zeros in linear time', () => {
    const cell = (zeros: number) => `1.${'0'.repeat(zeros)}1E+10`;
    expect(repairSpreadsheetNumber(cell(4_000))).toMatchObject({ error: { reason: 'not_a_whole_number' } });
    expect(growthRatio(repairSpreadsheetNumber, cell(4_000), cell(40_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });
});
