import { describe, expect, it } from 'vitest';
import { parseBlockedEntry } from '../../../src/domain/blocked.ts';

describe('what can be blocked', () => {
  it.each([
    ['+14155550100', '+14155550100'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['+44 20 7183 8750', '+442071838750'],
  ])('reads %j as the number %s', (input, value) => {
    expect(parseBlockedEntry(input)).toEqual({ ok: true, entry: { kind: 'number', value } });
  });

  it.each([
    ['(415) 555-0100', 'US', '+14155550100'],
    ['020 7946 0958', 'GB', '+442079460958'],
  ])('reads %j in %s as the whole number %s', (input, country, value) => {
    expect(parseBlockedEntry(input, 'block', country)).toEqual({
      ok: true,
      entry: { kind: 'number', value },
    });
  });

  it('keeps digits that are no whole number of the country a prefix', () => {
    expect(parseBlockedEntry('1900', 'block', 'US')).toEqual({
      ok: true,
      entry: { kind: 'prefix', value: '1900' },
    });
  });

  it.each([
    ['+4420', '+4420'],
    ['+44 9', '+449'],
    ['+1900', '+1900'],
    ['+1242', '+1242'],
    ['+8001', '+8001'],
    ['1900', '1900'],
    ['1-900', '1900'],
    ['0', '0'],
    ['123456789012345', '123456789012345'],
  ])('reads %j as the prefix %s', (input, value) => {
    expect(parseBlockedEntry(input)).toEqual({ ok: true, entry: { kind: 'prefix', value } });
  });

  it.each([
    ['+1', '1', ['CA', 'US']],
    ['+44', '44', ['GB', 'GG', 'IM', 'JE']],
    ['+358', '358', ['AX', 'FI']],
    ['+800', '800', []],
  ])('refuses %j: a whole country code would block every call from a country', (input, countryCode, some) => {
    const parsed = parseBlockedEntry(input);
    expect(parsed).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED_PREFIX_TOO_SHORT', input, countryCode },
    });
    if (!parsed.ok && parsed.error.code === 'BLOCKED_PREFIX_TOO_SHORT') {
      expect(parsed.error.countries).toEqual(expect.arrayContaining(some));
    }
  });

  it.each(['+4', '+35', '+8'])(
    'refuses %j: shorter than a country code, it blocks several countries',
    (input) => {
      expect(parseBlockedEntry(input)).toEqual({
        ok: false,
        error: { code: 'BLOCKED_PREFIX_TOO_SHORT', input, countryCode: null, countries: [] },
      });
    },
  );

  it('refuses a + prefix that starts no calling code', () => {
    expect(parseBlockedEntry('+999')).toMatchObject({ ok: false, error: { code: 'NUMBER_INVALID' } });
  });

  it('still reads a country code when unblocking, so an entry blocked before the rule can be removed', () => {
    expect(parseBlockedEntry('+44', 'unblock')).toEqual({
      ok: true,
      entry: { kind: 'prefix', value: '+44' },
    });
  });

  it.each(['+44abc', 'abc', '+', '', '1900*', '+4 4x'])(
    'refuses %j: only digits, with an optional +',
    (input) => {
      expect(parseBlockedEntry(input)).toEqual({
        ok: false,
        error: { code: 'BLOCKED_ENTRY_INVALID', input, reason: 'characters' },
      });
    },
  );

  it('refuses more than 15 digits', () => {
    expect(parseBlockedEntry('1234567890123456')).toEqual({
      ok: false,
      error: { code: 'BLOCKED_ENTRY_INVALID', input: '1234567890123456', reason: 'too_long' },
    });
  });

  it('refuses a whole number that does not exist rather than blocking everything that starts with it', () => {
    expect(parseBlockedEntry('+12005550100')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '+12005550100', reason: 'invalid' },
    });
    expect(parseBlockedEntry('+141555501001')).toMatchObject({ ok: false, error: { reason: 'too_long' } });
    expect(parseBlockedEntry('+9991234')).toMatchObject({ ok: false, error: { code: 'NUMBER_INVALID' } });
  });
});
