import { describe, expect, it } from 'vitest';
import { addressLine, checkAddress } from '../../../src/domain/address.ts';

const complete = {
  line1: '1 Main St',
  city: 'San Francisco',
  state: 'CA',
  postalCode: '94105',
  country: 'US',
};

describe('checkAddress', () => {
  it('accepts a complete address and keeps line 2 empty as null', () => {
    expect(checkAddress(complete)).toEqual({ ok: true, value: { ...complete, line2: null } });
  });

  it('trims every part, collapses inner spaces and upper-cases the country', () => {
    expect(
      checkAddress({
        line1: '  1   Main St ',
        line2: ' Suite 5 ',
        city: ' San  Francisco',
        state: 'CA ',
        postalCode: ' 94105',
        country: ' us ',
      }),
    ).toEqual({ ok: true, value: { ...complete, line2: 'Suite 5' } });
  });

  it('refuses invisible and direction control characters in any part, naming the part', () => {
    expect(checkAddress({ ...complete, line1: '1 Main\u200b St' })).toEqual({
      ok: false,
      error: {
        code: 'TEXT_HIDDEN_CHARACTER',
        field: 'address line 1',
        input: '1 Main\u200b St',
        character: { kind: 'invisible', char: '\u200b', position: 7 },
      },
    });
    expect(checkAddress({ ...complete, line2: 'Suite \u202e5' })).toMatchObject({
      error: { field: 'address line 2', character: { kind: 'bidi' } },
    });
    expect(checkAddress({ ...complete, city: 'San\u00adFrancisco' })).toMatchObject({
      error: { field: 'city' },
    });
  });

  it('refuses a word mixing Latin with lookalike letters, and accepts an address in one script', () => {
    expect(checkAddress({ ...complete, city: 'San Frаncisco' })).toMatchObject({
      ok: false,
      error: { code: 'TEXT_MIXED_SCRIPT', field: 'city', character: { char: 'а', position: 7 } },
    });
    expect(checkAddress({ ...complete, postalCode: 'SW1А 1AA', country: 'GB' })).toMatchObject({
      error: { code: 'TEXT_MIXED_SCRIPT', field: 'postal code' },
    });
    const moscow = {
      line1: 'ул. Тверская, 7',
      city: 'Москва',
      state: 'Москва',
      postalCode: '125009',
      country: 'RU',
    };
    expect(checkAddress(moscow)).toEqual({ ok: true, value: { ...moscow, line2: null } });
  });

  it('names a missing city', () => {
    expect(checkAddress({ ...complete, city: '' })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_INCOMPLETE', missing: ['city'] },
    });
  });

  it('names every missing or blank part at once, in the order of the address', () => {
    expect(checkAddress({ line1: ' ', state: 'CA', country: undefined })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_INCOMPLETE', missing: ['line 1', 'city', 'postal code', 'country'] },
    });
  });

  it('does not require line 2', () => {
    expect(checkAddress({ ...complete, line2: '   ' })).toMatchObject({ ok: true, value: { line2: null } });
  });

  it.each(['us', 'US', 'Us'])('accepts the country code %s in any case', (country) => {
    expect(checkAddress({ ...complete, country })).toMatchObject({ ok: true, value: { country: 'US' } });
  });

  it.each(['de', 'FR', 'Br'])(
    'accepts the code %s of a country whose states are not checked, as typed',
    (country) => {
      const address = { ...complete, state: 'Anywhere', postalCode: '12-AB', country };
      expect(checkAddress(address)).toMatchObject({
        ok: true,
        value: { state: 'Anywhere', postalCode: '12-AB', country: country.toUpperCase() },
      });
    },
  );

  it.each([
    ['a made-up code', 'QQ', null],
    ['a three-letter code', 'USA', 'US'],
    ['the common name of Great Britain', 'UK', 'GB'],
    ['a country name', 'Germany', null],
    ['digits', '840', null],
  ])('refuses %s as a country, suggesting the code where it is obvious', (_, country, suggestion) => {
    expect(checkAddress({ ...complete, country })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_COUNTRY_INVALID', input: country, suggestion },
    });
  });

  it('refuses a part that is too long, naming it and its limit', () => {
    const city = 'x'.repeat(65);
    expect(checkAddress({ ...complete, city })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_FIELD_INVALID', field: 'city', input: city, max: 64 },
    });
  });

  it('refuses markup brackets and control characters in a part', () => {
    expect(checkAddress({ ...complete, line2: '<script>' })).toMatchObject({
      ok: false,
      error: { code: 'ADDRESS_FIELD_INVALID', field: 'line 2' },
    });
    expect(checkAddress({ ...complete, state: 'C\u0007A' })).toMatchObject({
      ok: false,
      error: { code: 'ADDRESS_FIELD_INVALID', field: 'state' },
    });
  });

  it.each([
    ['US', 'CA', '94105', 'CA', '94105'],
    ['US', 'california', '94105-1234', 'CA', '94105-1234'],
    ['US', 'D.C.', '20500', 'DC', '20500'],
    ['US', 'Puerto Rico', '00901', 'PR', '00901'],
    ['US', 'gu', '96910', 'GU', '96910'],
    ['CA', 'ON', 'K1A 0B1', 'ON', 'K1A 0B1'],
    ['CA', 'Quebec', 'h2y1c6', 'QC', 'H2Y 1C6'],
    ['CA', 'Yukon', 'Y1A 2C6', 'YT', 'Y1A 2C6'],
    ['GB', 'London', 'SW1A 1AA', 'London', 'SW1A 1AA'],
    ['GB', 'Greater Manchester', 'm11ae', 'Greater Manchester', 'M1 1AE'],
    ['GB', 'Midlothian', 'EH1 1YZ', 'Midlothian', 'EH1 1YZ'],
    ['IE', 'Dublin', 'D02 X285', 'Dublin', 'D02 X285'],
    ['IE', 'Dublin', 'd6wxy12', 'Dublin', 'D6W XY12'],
    ['AU', 'nsw', '2000', 'NSW', '2000'],
    ['AU', 'Victoria', '3000', 'VIC', '3000'],
    ['NZ', 'Wellington', '6011', 'Wellington', '6011'],
    ['JP', 'Tokyo', '100-0001', 'Tokyo', '100-0001'],
    ['IN', 'Delhi', '110001', 'Delhi', '110001'],
  ])(
    'accepts, in %s, the state %j and postal code %j, stored as %j %j',
    (country, state, postalCode, storedState, storedPostal) => {
      expect(checkAddress({ ...complete, country, state, postalCode })).toMatchObject({
        ok: true,
        value: { state: storedState, postalCode: storedPostal },
      });
    },
  );

  it.each([
    ['US', 'Calfornia'],
    ['US', 'XX'],
    ['US', 'ON'],
    ['CA', 'CA'],
    ['CA', 'Texas'],
    ['AU', 'Queensland State'],
  ])('refuses, in %s, the state %j: no such state there', (country, state) => {
    const postalCode = { US: '94105', CA: 'K1A 0B1', AU: '2000' }[country] ?? '';
    expect(checkAddress({ ...complete, country, state, postalCode })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_NOT_IN_COUNTRY', field: 'state', input: state, country },
    });
  });

  it.each([
    ['US', 'CA', '9410'],
    ['US', 'CA', '94105-12'],
    ['US', 'CA', 'SW1A 1AA'],
    ['CA', 'ON', 'K1A 0B'],
    ['CA', 'ON', 'D1A 0B1'],
    ['CA', 'ON', '94105'],
    ['GB', 'London', '94105'],
    ['GB', 'London', 'SW1A'],
    ['IE', 'Dublin', 'B02 X285'],
    ['AU', 'NSW', '200'],
    ['NZ', 'Auckland', '10101'],
    ['JP', 'Tokyo', '100-001'],
    ['IN', 'Delhi', '011001'],
  ])('refuses, in %s, the postal code %j: not of that country', (country, state, postalCode) => {
    expect(checkAddress({ ...complete, country, state, postalCode })).toEqual({
      ok: false,
      error: { code: 'ADDRESS_NOT_IN_COUNTRY', field: 'postal code', input: postalCode, country },
    });
  });

  it('checks the state before the postal code, as the address reads', () => {
    expect(checkAddress({ ...complete, state: 'Nowhere', postalCode: '1' })).toMatchObject({
      error: { code: 'ADDRESS_NOT_IN_COUNTRY', field: 'state' },
    });
  });

  it.each(['941#05', '-94105', '1234567890123'])('refuses the postal code %s', (postalCode) => {
    expect(checkAddress({ ...complete, postalCode })).toMatchObject({
      ok: false,
      error: { code: 'ADDRESS_FIELD_INVALID', field: 'postal code', input: postalCode, max: 12 },
    });
  });
});

describe('addressLine', () => {
  it('shows an address on one line, with line 2 only when there is one', () => {
    expect(addressLine({ ...complete, line2: null })).toBe('1 Main St, San Francisco, CA 94105, US');
    expect(addressLine({ ...complete, line2: 'Suite 5' })).toBe(
      '1 Main St, Suite 5, San Francisco, CA 94105, US',
    );
  });
});
