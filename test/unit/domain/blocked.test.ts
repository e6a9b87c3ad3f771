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
    ['+44', '+44'],
    ['+1900', '+1900'],
    ['1900', '1900'],
    ['1-900', '1900'],
    ['0', '0'],
    ['+999', '+999'],
    ['123456789012345', '123456789012345'],
  ])('reads %j as the prefix %s', (input, value) => {
    expect(parseBlockedEntry(input)).toEqual({ ok: true, entry: { kind: 'prefix', value } });
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
