import { describe, expect, it } from 'vitest';
import { knownTimeZone } from '../../../src/domain/time-zone.ts';

describe('knownTimeZone', () => {
  it.each(['Europe/London', 'America/New_York', 'Asia/Kolkata', 'UTC'])('keeps %j', (zone) => {
    expect(knownTimeZone(zone)).toBe(zone);
  });

  it.each(['Mars/Olympus', '', '   ', 'Europe/Londn', 'not a zone'])(
    'gives nothing for %j, so hours are read as UTC with a warning',
    (zone) => {
      expect(knownTimeZone(zone)).toBeUndefined();
    },
  );

  it.each(['PST', 'IST', 'cst', 'BST'])(
    'gives nothing for %j: an id some runtimes accept, of no zone in the tz database (a guess either way)',
    (zone) => {
      expect(knownTimeZone(zone)).toBeUndefined();
    },
  );

  it.each(['EST', 'MST', 'HST', 'CET', 'EST5EDT'])('keeps %j, a zone of the tz database', (zone) => {
    expect(knownTimeZone(zone)).toBe(zone);
  });

  it('gives nothing when the profile has no time zone at all', () => {
    expect(knownTimeZone(undefined)).toBeUndefined();
    expect(knownTimeZone(null)).toBeUndefined();
  });
});
