import { describe, expect, it } from 'vitest';
import {
  checkAreaCode,
  checkCallerId,
  checkClosed,
  checkLanguage,
  checkPin,
  checkSettings,
  checkUnanswered,
  countryOfNumbers,
  type SettingsContext,
} from '../../../src/domain/settings-values.ts';

const context: SettingsContext = {
  country: 'US',
  ownNumbers: ['+14155550100'],
  mainNumbers: ['+14155550199'],
  forwardNumbers: 0,
  unanswered: { action: 'voicemail', greetingId: 7 },
  closedHours: { action: 'disconnect' },
};

describe('voicemail PIN', () => {
  it.each(['1234', '00000', '000000', '987654'])('accepts %j: 4 to 6 digits', (pin) => {
    expect(checkPin(pin)).toEqual({ ok: true, value: pin });
  });

  it.each(['0', '77', '123'])('refuses %j: shorter than 4 digits, saying how long it is', (pin) => {
    expect(checkPin(pin)).toEqual({
      ok: false,
      problem: { key: 'pin', problem: 'pin_format', length: pin.length, nonDigits: false },
    });
  });

  it('refuses a 7-digit PIN, saying how long it is without repeating it', () => {
    expect(checkPin('1234567')).toEqual({
      ok: false,
      problem: { key: 'pin', problem: 'pin_format', length: 7, nonDigits: false },
    });
  });

  it.each(['12a4', '12 4', '-123', '١٢٣'])('refuses %j: something other than the digits 0 to 9', (pin) => {
    expect(checkPin(pin)).toMatchObject({ ok: false, problem: { key: 'pin', nonDigits: true } });
  });
});

describe('audio prompt language', () => {
  it.each([
    ['EN-us', 'en-US'],
    ['ko-ko', 'ko-KO'],
    ['zh_tw', 'zh-TW'],
    [' pt-BR ', 'pt-BR'],
  ])('reads %j as %s', (input, language) => {
    expect(checkLanguage(input)).toEqual({ ok: true, value: language });
  });

  it('refuses a language that is not offered and lists the ones that are', () => {
    const checked = checkLanguage('sv-SE');
    expect(checked).toMatchObject({
      ok: false,
      problem: { key: 'language', problem: 'choice', input: 'sv-SE' },
    });
    expect(!checked.ok && checked.problem.problem === 'choice' && checked.problem.choices).toContain('en-GB');
  });
});

describe('area code', () => {
  it('accepts an area code in use in the user’s North American country', () => {
    expect(checkAreaCode('415', 'US')).toEqual({ ok: true, value: '415' });
    expect(checkAreaCode('416', 'CA')).toEqual({ ok: true, value: '416' });
  });

  it.each(['41', '4155', '015', '115', 'abc'])(
    'refuses %j in the US: 3 digits, the first 2 to 9',
    (input) => {
      expect(checkAreaCode(input, 'US')).toMatchObject({ ok: false, problem: { problem: 'area_code_nanp' } });
    },
  );

  it('refuses an area code nobody uses, and one of another North American country', () => {
    expect(checkAreaCode('200', 'US')).toMatchObject({
      ok: false,
      problem: { problem: 'area_code_unknown' },
    });
    expect(checkAreaCode('416', 'US')).toEqual({
      ok: false,
      problem: {
        key: 'area-code',
        problem: 'area_code_other_country',
        input: '416',
        country: 'US',
        belongsTo: 'CA',
      },
    });
  });

  it('takes 1 to 5 digits elsewhere, where area codes vary in length', () => {
    expect(checkAreaCode('20', 'GB')).toEqual({ ok: true, value: '20' });
    expect(checkAreaCode('30', 'DE')).toEqual({ ok: true, value: '30' });
    expect(checkAreaCode('123456', 'GB')).toMatchObject({
      ok: false,
      problem: { problem: 'area_code_digits' },
    });
    expect(checkAreaCode('2O', 'GB')).toMatchObject({ ok: false, problem: { problem: 'area_code_digits' } });
  });

  it('tells the country from the first number that has one', () => {
    expect(countryOfNumbers(['+442071838750', '+14155550100'])).toBe('GB');
    expect(countryOfNumbers([])).toBeUndefined();
  });
});

describe('caller ID', () => {
  it("is read in the national format of the user's site when typed without +", () => {
    expect(checkCallerId('020 7946 0958', ['+442079460958'], [], 'GB')).toEqual({
      ok: true,
      value: { kind: 'number', number: '+442079460958' },
    });
    expect(checkCallerId('020 7946 0958', ['+442079460958'], [])).toMatchObject({
      ok: false,
      problem: { problem: 'caller_id_number', reason: 'not_e164' },
    });
  });

  it('is hidden, one of the user’s numbers, or a main number, in any spelling', () => {
    expect(checkCallerId('Hidden', [], [])).toEqual({ ok: true, value: { kind: 'hidden' } });
    expect(checkCallerId('+1 (415) 555-0100', ['+14155550100'], [])).toEqual({
      ok: true,
      value: { kind: 'number', number: '+14155550100' },
    });
    expect(checkCallerId('+14155550199', [], ['+14155550199'])).toEqual({
      ok: true,
      value: { kind: 'number', number: '+14155550199' },
    });
  });

  it('refuses a number the user may not show, offering the ones they may', () => {
    expect(checkCallerId('+14155550123', ['+14155550100'], ['+14155550199'])).toEqual({
      ok: false,
      problem: {
        key: 'caller-id',
        problem: 'caller_id_not_available',
        number: '+14155550123',
        own: ['+14155550100'],
        main: ['+14155550199'],
      },
    });
  });

  it('refuses what is no phone number, saying why', () => {
    expect(checkCallerId('4155550100', [], [])).toMatchObject({ ok: false, problem: { reason: 'not_e164' } });
    expect(checkCallerId('+12005550100', [], [])).toMatchObject({
      ok: false,
      problem: { reason: 'invalid' },
    });
  });
});

describe('call handling choices', () => {
  it('keeps the chosen greeting when unanswered calls go to voicemail again', () => {
    expect(checkUnanswered('VOICEMAIL', { action: 'voicemail', greetingId: 7 })).toEqual({
      ok: true,
      value: { action: 'voicemail', greetingId: 7 },
    });
    expect(checkUnanswered('voicemail', { action: 'disconnect' })).toEqual({
      ok: true,
      value: { action: 'voicemail', greetingId: null },
    });
    expect(checkUnanswered('hangup', { action: 'disconnect' })).toMatchObject({
      ok: false,
      problem: { key: 'unanswered' },
    });
  });

  it('forwards closed hours only when there is a forward number', () => {
    expect(checkClosed('forward', { action: 'disconnect' }, 0)).toEqual({
      ok: false,
      problem: { key: 'closed', problem: 'closed_needs_forward' },
    });
    expect(checkClosed('forward', { action: 'disconnect' }, 1)).toEqual({
      ok: true,
      value: { action: 'forward' },
    });
  });

  it('plays a closed-hours message only when one was uploaded', () => {
    expect(checkClosed('message', { action: 'voicemail', greetingId: null }, 0)).toEqual({
      ok: false,
      problem: { key: 'closed', problem: 'closed_needs_message' },
    });
    expect(checkClosed('message', { action: 'message', audioId: 3 }, 0)).toEqual({
      ok: true,
      value: { action: 'message', audioId: 3 },
    });
  });
});

describe('checking several settings together', () => {
  it('gives back every value when all are good', () => {
    expect(
      checkSettings(
        [
          { key: 'language', value: 'en-gb' },
          { key: 'Ring-Mode', value: 'sequential' },
          { key: 'pin', value: '4321' },
          { key: 'caller-id', value: 'hidden' },
        ],
        context,
      ),
    ).toEqual({
      ok: true,
      values: {
        language: 'en-GB',
        ringMode: 'sequential',
        voicemailPin: '4321',
        callerId: { kind: 'hidden' },
      },
    });
  });

  it('names every key at fault, unknown and repeated keys too, and gives back no values', () => {
    const checked = checkSettings(
      [
        { key: 'language', value: 'en-GB' },
        { key: 'pin', value: '1234567' },
        { key: 'colour', value: 'blue' },
        { key: 'area-code', value: '20' },
        { key: 'closed', value: 'forward' },
        { key: 'LANGUAGE', value: 'fr-FR' },
      ],
      context,
    );
    expect(checked).toEqual({
      ok: false,
      problems: [
        { key: 'pin', problem: 'pin_format', length: 7, nonDigits: false },
        { key: 'colour', problem: 'unknown_key' },
        { key: 'area-code', problem: 'area_code_nanp', input: '20', country: 'US' },
        { key: 'closed', problem: 'closed_needs_forward' },
        { key: 'language', problem: 'given_twice' },
      ],
    });
  });
});
