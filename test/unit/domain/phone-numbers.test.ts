import { describe, expect, it } from 'vitest';
import { expandRange, MAX_NUMBER_RANGE, normalizeE164 } from '../../../src/domain/phone-numbers.ts';

describe('normalizeE164', () => {
  it('accepts spaces, dashes, dots and brackets and returns E.164', () => {
    for (const input of [
      '+14155550100',
      '+1 415 555 0100',
      '+1 (415) 555-0100',
      '+1.415.555.0100',
      ' +1-415-555-0100 ',
    ]) {
      expect(normalizeE164(input), input).toEqual({ ok: true, number: '+14155550100' });
    }
    expect(normalizeE164('+44 20 7946 0958')).toEqual({ ok: true, number: '+442079460958' });
  });

  it('refuses a number without the leading + and says it is not E.164', () => {
    expect(normalizeE164('14155550100')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '14155550100', reason: 'not_e164' },
    });
    expect(normalizeE164('(415) 555-0100')).toMatchObject({ ok: false, error: { reason: 'not_e164' } });
  });

  it('reads a number without + in the national format of the country it is given', () => {
    for (const input of ['(415) 555-0100', '415.555.0100', '415 555 0100', '1 415 555 0100']) {
      expect(normalizeE164(input, 'US'), input).toEqual({ ok: true, number: '+14155550100' });
    }
    expect(normalizeE164('020 7946 0958', 'GB')).toEqual({ ok: true, number: '+442079460958' });
    expect(normalizeE164('+1 415 555 0100', 'GB')).toEqual({ ok: true, number: '+14155550100' });
  });

  it('refuses a national number that the country has no such number as, naming the country', () => {
    expect(normalizeE164('020 7946 0958', 'US')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '020 7946 0958', reason: 'not_national', country: 'US' },
    });
    expect(normalizeE164('(415) 555-01OO', 'US')).toMatchObject({
      ok: false,
      error: { reason: 'not_a_number' },
    });
  });

  it('keeps what one country reads apart from what another does', () => {
    expect(normalizeE164('020 7946 0958', 'GB')).toMatchObject({ ok: true });
    expect(normalizeE164('020 7946 0958', 'US')).toMatchObject({ ok: false });
    expect(normalizeE164('020 7946 0958')).toMatchObject({ ok: false, error: { reason: 'not_e164' } });
  });

  it('expands a range typed in national format', () => {
    expect(expandRange('(415) 555-0100', '(415) 555-0102', 'US')).toEqual({
      ok: true,
      numbers: ['+14155550100', '+14155550101', '+14155550102'],
    });
  });

  it('refuses letters and extensions as not a number', () => {
    expect(normalizeE164('+1 415 CALL NOW')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '+1 415 CALL NOW', reason: 'not_a_number' },
    });
    expect(normalizeE164('+1 415 555 0100 ext 5')).toMatchObject({ error: { reason: 'not_a_number' } });
    expect(normalizeE164('+')).toMatchObject({ error: { reason: 'not_a_number' } });
  });

  it('says when a number is too short or too long', () => {
    expect(normalizeE164('+1415')).toMatchObject({ error: { reason: 'too_short' } });
    expect(normalizeE164('+1 415 555 01')).toMatchObject({ error: { reason: 'too_short' } });
    expect(normalizeE164('+141555501001234567')).toMatchObject({ error: { reason: 'too_long' } });
  });

  it('refuses a number of the right length that the numbering plan does not allow', () => {
    // North American area codes never start with 1.
    expect(normalizeE164('+1 123 555 0100')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '+1 123 555 0100', reason: 'invalid' },
    });
  });
});

describe('expandRange', () => {
  it('lists every number from the first to the last, both included', () => {
    expect(expandRange('+1 415 555 0100', '+14155550103')).toEqual({
      ok: true,
      numbers: ['+14155550100', '+14155550101', '+14155550102', '+14155550103'],
    });
  });

  it('accepts a range of one number', () => {
    expect(expandRange('+14155550100', '+14155550100')).toEqual({ ok: true, numbers: ['+14155550100'] });
  });

  it('refuses a range that runs backwards', () => {
    expect(expandRange('+14155550103', '+14155550100')).toEqual({
      ok: false,
      error: { code: 'NUMBER_RANGE_INVALID', from: '+14155550103', to: '+14155550100', reason: 'order' },
    });
  });

  it('refuses ends of different lengths', () => {
    expect(expandRange('+14155550100', '+442079460958')).toEqual({
      ok: false,
      error: { code: 'NUMBER_RANGE_INVALID', from: '+14155550100', to: '+442079460958', reason: 'shape' },
    });
  });

  it('refuses a range with an invalid end, naming that end', () => {
    expect(expandRange('+14155550100', '4155550199')).toEqual({
      ok: false,
      error: { code: 'NUMBER_INVALID', input: '4155550199', reason: 'not_e164' },
    });
  });

  it('takes 1000 numbers and refuses 1001, saying how many were asked', () => {
    const thousand = expandRange('+14155550000', '+14155550999');
    expect(thousand.ok && thousand.numbers).toHaveLength(MAX_NUMBER_RANGE);
    expect(expandRange('+14155550000', '+14155551000')).toEqual({
      ok: false,
      error: { code: 'NUMBER_RANGE_TOO_LARGE', count: 1001, max: 1000 },
    });
  });
});
