import { describe, expect, it } from 'vitest';
import { emailKey, parseEmail } from '../../../src/domain/email.ts';

const accepted = (input: string) => {
  const parsed = parseEmail(input);
  if (!parsed.ok) throw new Error(`${JSON.stringify(input)} refused: ${JSON.stringify(parsed.problem)}`);
  return parsed.email;
};
const problem = (input: string) => {
  const parsed = parseEmail(input);
  if (parsed.ok) throw new Error(`${JSON.stringify(input)} accepted as ${parsed.email}`);
  return parsed.problem;
};

describe('parseEmail: ordinary addresses', () => {
  it('accepts addresses as mail systems hand them out, keeping their case', () => {
    for (const input of [
      'ada@example.com',
      'ada.lovelace+phone@mail.example.co.uk',
      'A.B@Example.ORG',
      "o'brien@example.ie",
      'first_last%dept@example.com',
      'ada@xn--80ak6aa92e.com',
      'ada@example.xn--p1ai',
      '-ops@example.com',
    ]) {
      expect(accepted(input), input).toBe(input);
    }
  });

  it('trims spaces at either end, and compares addresses without regard to case', () => {
    expect(accepted('  Ada@Example.COM ')).toBe('Ada@Example.COM');
    expect(emailKey('Ada@Example.COM')).toBe(emailKey('ada@example.com'));
  });

  it('accepts addresses of up to 254 characters with a local part of up to 64', () => {
    const local = 'a'.repeat(64);
    expect(accepted(`${local}@${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`)).toHaveLength(254);
    expect(problem(`${local}@${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(62)}.com`)).toEqual({
      kind: 'too_long',
      length: 255,
      max: 254,
    });
    expect(problem(`${'a'.repeat(65)}@example.com`)).toEqual({ kind: 'shape', reason: 'local_part' });
  });
});

describe('parseEmail: compatibility forms (NFKC)', () => {
  it('reads full-width letters, digits and signs as their ASCII letters', () => {
    expect(accepted('ａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('ada@example.com');
    expect(accepted('ＡＤＡ２@example.com')).toBe('ADA2@example.com');
  });

  it('reads ligatures and other compatibility letters as the letters they stand for', () => {
    expect(accepted('ﬁnance@example.com')).toBe('finance@example.com');
    expect(accepted('ada@example.ｃom')).toBe('ada@example.com');
  });

  it('gives one key to a full-width address and the address typed in ASCII', () => {
    expect(emailKey(accepted('ＡＤＡ@example.com'))).toBe(emailKey(accepted('ada@example.com')));
  });
});

describe('parseEmail: lookalike letters', () => {
  it('refuses a Cyrillic letter in place of a Latin one, naming it, its script and its position', () => {
    expect(problem('аda@example.com')).toEqual({
      kind: 'lookalike',
      character: { char: 'а', position: 1, script: 'Cyrillic', latin: 'a' },
    });
    expect(problem('ada@ехample.com')).toEqual({
      kind: 'lookalike',
      character: { char: 'е', position: 5, script: 'Cyrillic', latin: 'e' },
    });
  });

  it('refuses a Greek letter in place of a Latin one', () => {
    expect(problem('ada@exampl\u03bf.com')).toEqual({
      kind: 'lookalike',
      character: { char: 'ο', position: 11, script: 'Greek', latin: 'o' },
    });
    expect(problem('\u0391da@example.com')).toMatchObject({ character: { script: 'Greek', latin: 'A' } });
  });

  it('refuses an address written wholly in lookalike letters', () => {
    expect(problem('асе@example.com')).toMatchObject({ kind: 'lookalike', character: { position: 1 } });
  });
});

describe('parseEmail: invisible and direction control characters', () => {
  it.each([
    ['zero-width space', 'ada\u200b@example.com', 4],
    ['zero-width non-joiner', 'a\u200cda@example.com', 2],
    ['zero-width joiner', 'a\u200dda@example.com', 2],
    ['word joiner', 'ada@exam\u2060ple.com', 9],
    ['soft hyphen', 'ada@exam\u00adple.com', 9],
    ['byte order mark', '\ufeffada@example.com', 1],
    ['Hangul filler', 'ada\u3164@example.com', 4],
  ])('refuses a %s', (_name, input, position) => {
    expect(problem(input)).toMatchObject({ kind: 'hidden', character: { kind: 'invisible', position } });
  });

  it.each([
    ['right-to-left override', '\u202emoc.elpmaxe@ada'],
    ['left-to-right embedding', 'ada\u202a@example.com'],
    ['right-to-left isolate', 'ada@\u2067example.com'],
    ['left-to-right mark', 'ada@example.com\u200e'],
    ['right-to-left mark', 'ada\u200f@example.com'],
    ['Arabic letter mark', 'ada\u061c@example.com'],
  ])('refuses a %s', (_name, input) => {
    expect(problem(input)).toMatchObject({ kind: 'hidden', character: { kind: 'bidi' } });
  });
});

describe('parseEmail: characters that start a spreadsheet formula', () => {
  it.each(['=ada@example.com', '+ada@example.com', '@ada@example.com', "'ada@example.com"])(
    'refuses %s, which no mailbox starts with',
    (input) => {
      expect(problem(input)).toEqual({ kind: 'leading', char: input.charAt(0) });
    },
  );

  it('refuses a formula that is no address at all by its first character', () => {
    expect(problem('=HYPERLINK("http://x","ada@example.com")')).toEqual({ kind: 'leading', char: '=' });
  });

  it('keeps a leading hyphen, which real mailboxes have', () => {
    expect(accepted('-ops@example.com')).toBe('-ops@example.com');
  });
});

describe('parseEmail: internationalised addresses', () => {
  it('refuses accented and non-Latin letters, naming the first, since addresses are kept in ASCII', () => {
    expect(problem('josé@example.com')).toEqual({ kind: 'not_ascii', character: { char: 'é', position: 4 } });
    expect(problem('почта@пример.рф')).toEqual({ kind: 'not_ascii', character: { char: 'п', position: 1 } });
    expect(problem('ada@例え.jp')).toEqual({ kind: 'not_ascii', character: { char: '例', position: 5 } });
  });

  it('refuses a combining accent after an ASCII letter', () => {
    expect(problem('jose\u0301@example.com')).toEqual({
      kind: 'not_ascii',
      character: { char: '\u0301', position: 5 },
    });
  });
});

describe('parseEmail: shape', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['ada', { kind: 'shape', reason: 'no_at' }],
    ['a@b@example.com', { kind: 'shape', reason: 'two_at' }],
    ['ada@example', { kind: 'shape', reason: 'domain' }],
    ['ada@.com', { kind: 'shape', reason: 'domain' }],
    ['ada@example..com', { kind: 'shape', reason: 'domain' }],
    ['ada@-example.com', { kind: 'shape', reason: 'domain' }],
    ['ada@example.c', { kind: 'shape', reason: 'domain' }],
    ['ada@example.123', { kind: 'shape', reason: 'domain' }],
    ['.ada@example.com', { kind: 'shape', reason: 'local_part' }],
    ['ada.@example.com', { kind: 'shape', reason: 'local_part' }],
    ['a..da@example.com', { kind: 'shape', reason: 'local_part' }],
    ["ada'@example.com", { kind: 'shape', reason: 'local_part' }],
    ['ada@', { kind: 'shape', reason: 'domain' }],
    ['ada lovelace@example.com', { kind: 'character', character: { char: ' ', position: 4 } }],
    ['ada@example.com,bob@example.com', { kind: 'shape', reason: 'two_at' }],
    ['Ada <ada@example.com>', { kind: 'character', character: { char: ' ', position: 4 } }],
    ['<ada@example.com>', { kind: 'character', character: { char: '<', position: 1 } }],
    ['ada;x@example.com', { kind: 'character', character: { char: ';', position: 4 } }],
  ])('refuses %j', (input, expected) => {
    expect(problem(input)).toEqual(expected);
  });
});
