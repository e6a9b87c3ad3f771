import { describe, expect, it } from 'vitest';
import { macWithColons, normalizeMac } from '../../../src/domain/mac.ts';

describe('normalizeMac', () => {
  it.each([
    ['colons, lower case', '00:1a:2b:3c:4d:5e'],
    ['colons, upper case', '00:1A:2B:3C:4D:5E'],
    ['dashes', '00-1A-2B-3C-4D-5E'],
    ['dotted groups of four', '001a.2b3c.4d5e'],
    ['twelve digits in a row', '001A2B3C4D5E'],
    ['surrounding spaces', '  001a2b3c4d5e '],
  ])('reads %s as the same 12 upper-case hex digits', (_, input) => {
    expect(normalizeMac(input)).toEqual({ ok: true, mac: '001A2B3C4D5E' });
  });

  it.each([
    ['too short', '00:1A:2B:3C:4D'],
    ['too long', '001A2B3C4D5E6F'],
    ['a letter that is not hex', '00:1A:2B:3C:4D:5G'],
    ['mixed separators', '00:1A-2B:3C-4D:5E'],
    ['dots between pairs', '00.1A.2B.3C.4D.5E'],
    ['spaces between pairs', '00 1A 2B 3C 4D 5E'],
    ['an empty string', ''],
    ['a phone number', '+14155550100'],
  ])('refuses %s naming the format', (_, input) => {
    expect(normalizeMac(input)).toEqual({
      ok: false,
      error: { code: 'MAC_INVALID', input, reason: 'format' },
    });
  });

  it.each([
    ['all zeros', '00:00:00:00:00:00'],
    ['broadcast', 'FF:FF:FF:FF:FF:FF'],
    ['multicast', '01:00:5E:00:00:FB'],
  ])('refuses %s as no device address', (_, input) => {
    expect(normalizeMac(input)).toEqual({
      ok: false,
      error: { code: 'MAC_INVALID', input, reason: 'not_a_device' },
    });
  });
});

describe('macWithColons', () => {
  it('prints a stored MAC the way a label does', () => {
    expect(macWithColons('001A2B3C4D5E')).toBe('00:1A:2B:3C:4D:5E');
  });
});
