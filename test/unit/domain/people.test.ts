import { describe, expect, it } from 'vitest';
import { isValidEmail, isValidName, parseCount, splitRealName } from '../../../src/domain/people.ts';

describe('isValidEmail', () => {
  it('accepts ordinary addresses', () => {
    for (const input of ['ada@example.com', 'ada.lovelace+phone@mail.example.co.uk', 'A.B@Example.ORG']) {
      expect(isValidEmail(input), input).toBe(true);
    }
  });

  it('refuses addresses without a domain dot, with spaces, brackets or two @', () => {
    for (const input of [
      '',
      'ada',
      'ada@example',
      '@example.com',
      'ada@.com',
      'ada lovelace@example.com',
      'a@b@example.com',
      '<ada@example.com>',
      'Ada <ada@example.com>',
      'ada@example.com,bob@example.com',
    ]) {
      expect(isValidEmail(input), input).toBe(false);
    }
  });

  it('refuses addresses longer than 254 characters', () => {
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(180)}.com`;
    expect(isValidEmail(`${local}@${domain}`)).toBe(true);
    expect(isValidEmail(`${local}@${'b'.repeat(186)}.com`)).toBe(false);
  });
});

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
