import { describe, expect, it } from 'vitest';
import {
  type Allocation,
  allocateExtensions,
  fullExtension,
  isAllZeros,
  isValidExtension,
  suggestExtensions,
} from '../../../src/domain/extensions.ts';

const noSiteCodes = { siteCodes: false };
const siteCodes = { siteCodes: true };

function allocation(overrides: Partial<Allocation> = {}): Allocation {
  return {
    first: '1000',
    siteCode: null,
    rules: noSiteCodes,
    taken: new Set(),
    reserved: new Set(),
    ...overrides,
  };
}

describe('isAllZeros', () => {
  it.each(['00', '000', '0000', '000000'])(
    'finds %j all zeros: it would dial the operator or the way out',
    (input) => {
      expect(isAllZeros(input)).toBe(true);
    },
  );

  it.each(['01', '0100', '1000', '10', '0001'])('lets %j through: it has a digit other than 0', (input) => {
    expect(isAllZeros(input)).toBe(false);
  });
});

describe('isValidExtension', () => {
  it('accepts 2 to 6 digits when site codes are off', () => {
    for (const input of ['10', '100', '1000', '10000', '999999', '0123']) {
      expect(isValidExtension(input, noSiteCodes), input).toBe(true);
    }
  });

  it('accepts only 2 to 5 digits when site codes are on, since the site code comes in front', () => {
    for (const input of ['10', '100', '12345']) expect(isValidExtension(input, siteCodes), input).toBe(true);
    expect(isValidExtension('123456', siteCodes)).toBe(false);
  });

  it('refuses one digit, seven digits, letters, signs and spaces', () => {
    for (const input of ['', '1', '1234567', '12a4', '-100', '+100', '10 00', ' 1000', '1000 ', '١٢٣']) {
      expect(isValidExtension(input, noSiteCodes), JSON.stringify(input)).toBe(false);
    }
  });
});

describe('fullExtension', () => {
  it('puts the site code in front of the short extension when site codes are on', () => {
    expect(fullExtension('100', '2', siteCodes)).toBe('2100');
    expect(fullExtension('4000', '12', siteCodes)).toBe('124000');
  });

  it('is the short extension itself when site codes are off or the site has no code', () => {
    expect(fullExtension('100', '2', noSiteCodes)).toBe('100');
    expect(fullExtension('100', null, siteCodes)).toBe('100');
  });
});

describe('allocateExtensions', () => {
  it('hands out the lowest extensions from the first one up', () => {
    expect(allocateExtensions(3, allocation())).toEqual(['1000', '1001', '1002']);
  });

  it('skips extensions already taken and reserved ones', () => {
    const result = allocateExtensions(
      3,
      allocation({ taken: new Set(['1000', '1002']), reserved: new Set(['1003']) }),
    );
    expect(result).toEqual(['1001', '1004', '1005']);
  });

  it('compares taken extensions with the full number and reserved ones with the short and the full number', () => {
    const result = allocateExtensions(
      4,
      allocation({
        first: '110',
        siteCode: '2',
        rules: siteCodes,
        taken: new Set(['2110', '111']),
        reserved: new Set(['112', '2113']),
      }),
    );
    // 111 is only taken in a site without a code, so 2111 is free; 112 is reserved as a short number.
    expect(result).toEqual(['111', '114', '115', '116']);
  });

  it('stops at the last extension of the range and returns fewer than asked', () => {
    expect(allocateExtensions(3, allocation({ first: '999998' }))).toEqual(['999998', '999999']);
    expect(allocateExtensions(3, allocation({ first: '99998', siteCode: '2', rules: siteCodes }))).toEqual([
      '99998',
      '99999',
    ]);
  });

  it('returns nothing when nothing is asked', () => {
    expect(allocateExtensions(0, allocation())).toEqual([]);
  });
});

describe('suggestExtensions', () => {
  it('suggests the nearest free extensions first, the lower one on a tie', () => {
    const suggestions = suggestExtensions('4102', {
      siteCode: null,
      rules: noSiteCodes,
      taken: new Set(['4102', '4103']),
      reserved: new Set(['4101']),
    });
    expect(suggestions).toEqual(['4100', '4104', '4099']);
  });

  it('gives as many suggestions as asked', () => {
    const a = { siteCode: null, rules: noSiteCodes, taken: new Set(['500']), reserved: new Set<string>() };
    expect(suggestExtensions('500', a, 5)).toEqual(['499', '501', '498', '502', '497']);
  });

  it('keeps to the same number of digits as the refused extension', () => {
    const low = suggestExtensions('10', {
      siteCode: null,
      rules: noSiteCodes,
      taken: new Set(['10', '11']),
      reserved: new Set(),
    });
    expect(low).toEqual(['12', '13', '14']);
    const high = suggestExtensions('99', {
      siteCode: null,
      rules: noSiteCodes,
      taken: new Set(['99', '98']),
      reserved: new Set(),
    });
    expect(high).toEqual(['97', '96', '95']);
  });

  it('checks short extensions against full numbers of the same site when site codes are on', () => {
    const suggestions = suggestExtensions('4101', {
      siteCode: '2',
      rules: siteCodes,
      taken: new Set(['24101', '24100', '4102']),
      reserved: new Set(),
    });
    expect(suggestions).toEqual(['4102', '4099', '4103']);
  });
});
