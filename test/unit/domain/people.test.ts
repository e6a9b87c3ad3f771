import { describe, expect, it } from 'vitest';
import { checkPersonName, isValidName, parseCount, splitRealName } from '../../../src/domain/people.ts';

describe('isValidName', () => {
  it('accepts printable names up to 64 characters, accents and apostrophes included', () => {
    for (const input of ['Ada', "O'Brien", 'José María', 'Zoë-Lou', 'x'.repeat(64)]) {
      expect(isValidName(input), input).toBe(true);
    }
  });

  it('refuses empty and blank names, names over 64 characters, control characters and angle brackets', () => {
    for (const input of ['', '   ', 'x'.repeat(65), 'Ada\nLovelace', 'Ada\u0000', '<b>Ada</b>']) {
      expect(isValidName(input), JSON.stringify(input)).toBe(false);
    }
  });
});

describe('checkPersonName', () => {
  it('accepts genuine names in any script, and names that mix scripts between or within words', () => {
    for (const input of [
      'Ada',
      'Мария',
      'Αλέξανδρος',
      '山田 花子',
      'Ли Smith',
      'محمد',
      'Ада',
      'Zoë ❤️',
      '👩‍🔬 Ada',
    ]) {
      expect(checkPersonName('first name', input), input).toBeUndefined();
    }
  });

  it('refuses invisible and direction control characters, naming the field and the position', () => {
    expect(checkPersonName('last name', 'Love\u200blace')).toEqual({
      code: 'TEXT_HIDDEN_CHARACTER',
      field: 'last name',
      input: 'Love\u200blace',
      character: { kind: 'invisible', char: '\u200b', position: 5 },
    });
    expect(checkPersonName('first name', '\u202eadA')).toMatchObject({
      code: 'TEXT_HIDDEN_CHARACTER',
      character: { kind: 'bidi', char: '\u202e', position: 1 },
    });
    expect(checkPersonName('first name', 'A\u00adda')).toMatchObject({ character: { kind: 'invisible' } });
  });

  it('still refuses what no name may be', () => {
    expect(checkPersonName('first name', '<b>')).toEqual({
      code: 'NAME_INVALID',
      field: 'first name',
      input: '<b>',
    });
  });
});

describe('splitRealName', () => {
  it('takes the last word as the last name and the rest as the first name', () => {
    expect(splitRealName('Ada Lovelace')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(splitRealName('Mary Ann Evans')).toEqual({ firstName: 'Mary Ann', lastName: 'Evans' });
  });

  it('keeps a single name as the first name', () => {
    expect(splitRealName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });

  it('ignores extra spaces and returns empty names for a blank one', () => {
    expect(splitRealName('  Ada   Lovelace  ')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(splitRealName('   ')).toEqual({ firstName: '', lastName: '' });
  });
});

describe('parseCount', () => {
  it.each([
    ['250', 250],
    [' 1,000 ', 1000],
    ['1 000', 1000],
    ['9,999,999', 9999999],
    ['0', 0],
  ])('reads %j as %d', (input, expected) => {
    expect(parseCount(input)).toBe(expected);
  });

  it.each(['1.000', '1,00', '-5', '2.5', '10000000', 'ten', '', '1,000,'])('refuses %j', (input) => {
    expect(parseCount(input)).toBeUndefined();
  });
});
