import { describe, expect, it } from 'vitest';
import { checkExtension } from '../../../src/services/site-rules.ts';

const noSiteCodes = { siteCodes: false };
const siteCodes = { siteCodes: true };

describe('checkExtension', () => {
  const site = { id: 1, name: 'Main', siteCode: null, firstExtension: null } as unknown as Parameters<
    typeof checkExtension
  >[1];
  const state = { taken: new Map(), reserved: new Set<string>() };

  it.each(['00', '0000'])('refuses %j, all zeros, with its own reason', (input) => {
    expect(checkExtension(input, site, noSiteCodes, state)).toEqual({
      ok: false,
      error: { code: 'EXTENSION_ALL_ZEROS', input },
    });
  });

  it('refuses all zeros as the short extension when site codes are on too', () => {
    const coded = { ...site, siteCode: '2' } as typeof site;
    expect(checkExtension('00', coded, siteCodes, state)).toMatchObject({
      ok: false,
      error: { code: 'EXTENSION_ALL_ZEROS' },
    });
  });

  it('accepts an extension that starts with zeros but is not all zeros', () => {
    expect(checkExtension('0100', site, noSiteCodes, state)).toEqual({
      ok: true,
      full: '0100',
      short: '0100',
    });
  });
});
