import { describe, expect, it } from 'vitest';
import {
  joinWords,
  type Token,
  tokenize,
  unescapeSlack,
  type WordToken,
} from '../../../src/slack/commands/tokenize.ts';

function tokens(text: string): Token[] {
  const result = tokenize(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to tokenize, got: ${result.message}`);
  return result.tokens;
}

function texts(text: string): string[] {
  return tokens(text).map((token) => (token.kind === 'word' ? token.text : `${token.key}:${token.value}`));
}

function words(text: string): WordToken[] {
  return tokens(text).filter((token): token is WordToken => token.kind === 'word');
}

function failure(text: string): string {
  const result = tokenize(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return result.message;
}

describe('tokenize', () => {
  describe('separators', () => {
    it('splits words on spaces', () => {
      expect(texts('assign ada bob')).toEqual(['assign', 'ada', 'bob']);
    });

    it('treats non-breaking spaces, tabs and newlines as spaces', () => {
      expect(texts('assign\u00a0ada\tbob\ncarol\r\n dan\u202fed')).toEqual([
        'assign',
        'ada',
        'bob',
        'carol',
        'dan',
        'ed',
      ]);
    });

    it('splits on commas with or without spaces', () => {
      expect(texts('a,b, c ,d,,e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('treats control characters and zero-width spaces as separators', () => {
      expect(texts('a\u0000b\u0007c\u007fd\u200be')).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('returns no tokens for empty or blank text', () => {
      expect(tokens('')).toEqual([]);
      expect(tokens(' \u00a0\n, ')).toEqual([]);
    });

    it('remembers the separators before each word', () => {
      expect(words('New  York, NY').map((word) => word.gapBefore)).toEqual(['', '  ', ', ']);
    });
  });

  describe('joinWords', () => {
    it('glues words with one space whatever the whitespace was', () => {
      expect(joinWords(words('US/CA\u00a0\u00a0Unlimited\nPlan'))).toBe('US/CA Unlimited Plan');
    });

    it('keeps a comma where one was typed', () => {
      expect(joinWords(words('New York, NY'))).toBe('New York, NY');
      expect(joinWords(words('1,000'))).toBe('1,000');
    });
  });

  describe('quotes', () => {
    it.each([
      ['straight double quotes', '"New York" Main', ['New York', 'Main']],
      ['straight single quotes', "'New York' Main", ['New York', 'Main']],
      ['curly double quotes', '“New York” Main', ['New York', 'Main']],
      ['curly single quotes', '‘New York’ Main', ['New York', 'Main']],
      ['closing-style curly quotes on both sides', '”New York” Main', ['New York', 'Main']],
      ['a low opening quote', '„New York“ Main', ['New York', 'Main']],
    ])('reads %s as one word', (_, text, expected) => {
      expect(texts(text)).toEqual(expected);
    });

    it('marks quoted words as quoted and plain words as not', () => {
      expect(words('"a b" c').map((word) => word.quoted)).toEqual([true, false]);
    });

    it('keeps commas and newlines inside quotes', () => {
      expect(texts('"New York, NY" "a\nb" x')).toEqual(['New York, NY', 'a\nb', 'x']);
    });

    it('keeps an apostrophe inside a word', () => {
      expect(texts("Ada O'Brien D’Arcy")).toEqual(['Ada', "O'Brien", 'D’Arcy']);
    });

    it('keeps an apostrophe inside a quoted name', () => {
      expect(texts("'Mary O'Brien' Smith")).toEqual(["Mary O'Brien", 'Smith']);
    });

    it('joins text glued to a closing quote onto the same word', () => {
      expect(texts('"New"York next')).toEqual(['NewYork', 'next']);
    });

    it('reads an empty pair of quotes as an empty quoted word', () => {
      expect(words('""')).toMatchObject([{ text: '', quoted: true }]);
    });

    it('keeps a quote in the middle of a word as a character', () => {
      expect(texts('ab"cd ef')).toEqual(['ab"cd', 'ef']);
    });

    it.each([
      ['"New York', '`"`', '`New York`'],
      ["site:'New York", "`'`", '`New York`'],
      ['“New York', '`“`', '`New York`'],
      ['x ‘', '`‘`', 'at the end'],
    ])('refuses the unclosed quote in %s and names it', (text, quote, where) => {
      const message = failure(text);
      expect(message).toContain(`The quote ${quote}`);
      expect(message).toContain(where);
      expect(message).toContain('is never closed');
    });

    it('suggests the matching curly quote to close a curly one', () => {
      expect(failure('“New York')).toContain('Close it with `”`');
    });
  });

  describe('escaping', () => {
    it('unescapes &amp;, &lt; and &gt; in plain words', () => {
      expect(texts('R&amp;D &lt;lab&gt;')).toEqual(['R&D', '<lab>']);
    });

    it('unescapes inside quotes', () => {
      expect(texts('"AT&amp;T Plan"')).toEqual(['AT&T Plan']);
    });

    it('unescapes once, so a typed &amp;lt; stays &lt;', () => {
      expect(unescapeSlack('&amp;lt;')).toBe('&lt;');
    });

    it('keeps the raw text as Slack sent it', () => {
      expect(words('R&amp;D')[0]?.raw).toBe('R&amp;D');
    });
  });

  describe('Slack entities', () => {
    it('reads a user mention without a name', () => {
      expect(words('<@U123ABC>')).toMatchObject([
        { entity: { kind: 'user', id: 'U123ABC' }, raw: '<@U123ABC>' },
      ]);
    });

    it('reads a user mention with a name', () => {
      expect(words('<@U123ABC|ada>')).toMatchObject([{ entity: { kind: 'user', id: 'U123ABC' } }]);
    });

    it('reads an enterprise user id starting with W', () => {
      expect(words('<@W0ADA>')).toMatchObject([{ entity: { kind: 'user', id: 'W0ADA' } }]);
    });

    it('reads a channel mention', () => {
      expect(words('<#C123|general>')).toMatchObject([{ entity: { kind: 'channel', id: 'C123' } }]);
    });

    it('reads @here and user groups as special mentions', () => {
      expect(words('<!here> <!subteam^S1|@phones>')).toMatchObject([
        { entity: { kind: 'special', name: '@here' } },
        { entity: { kind: 'special', name: '@phones' } },
      ]);
    });

    it('reads a mailto link as its address', () => {
      expect(words('<mailto:ada@example.com|ada@example.com>')).toMatchObject([
        { text: 'ada@example.com', entity: { kind: 'email', email: 'ada@example.com' } },
      ]);
    });

    it('reads a tel link as the number it links to', () => {
      expect(words('<tel:+14155550100|+1 415 555 0100>')).toMatchObject([
        { text: '+14155550100', entity: { kind: 'tel', number: '+14155550100' } },
      ]);
    });

    it('reads a web link as its label', () => {
      expect(texts('<http://acme.io|acme.io> HQ')).toEqual(['acme.io', 'HQ']);
    });

    it('reads a link inside quotes as its label', () => {
      expect(texts('"<http://acme.io|acme.io> HQ"')).toEqual(['acme.io HQ']);
    });

    it.each(['<@>', '<@u1>', '<#>', '<!>', '<mailto:|x>', '<tel:>', '<nonsense>'])(
      'marks %s as malformed',
      (text) => {
        expect(words(text)).toMatchObject([{ entity: { kind: 'malformed' } }]);
      },
    );

    it('splits a mention from text glued to it', () => {
      expect(words('cc<@U1>,<@U2>')).toMatchObject([
        { text: 'cc', entity: undefined },
        { entity: { kind: 'user', id: 'U1' } },
        { entity: { kind: 'user', id: 'U2' } },
      ]);
    });

    it('reads a lone < as a character', () => {
      expect(texts('a<b c')).toEqual(['a<b', 'c']);
    });
  });

  describe('options', () => {
    it('reads key:value with a lowercased key', () => {
      expect(tokens('SITE:Main')).toMatchObject([
        { kind: 'option', key: 'site', value: 'Main', quoted: false },
      ]);
    });

    it.each([
      ['straight', 'site:"New York"'],
      ['curly', 'site:“New York”'],
      ['single', "site:'New York'"],
    ])('reads a %s-quoted value', (_, text) => {
      expect(tokens(text)).toMatchObject([{ kind: 'option', key: 'site', value: 'New York', quoted: true }]);
    });

    it('reads a key with nothing after the colon as an empty value', () => {
      expect(tokens('site: Main')).toMatchObject([
        { kind: 'option', key: 'site', value: '' },
        { kind: 'word', text: 'Main' },
      ]);
    });

    it('reads a quoted key:value as a plain word', () => {
      expect(tokens('"site:Main"')).toMatchObject([{ kind: 'word', text: 'site:Main', quoted: true }]);
    });

    it('does not read emoji codes or times as options', () => {
      expect(tokens(':tada: 9:30')).toMatchObject([
        { kind: 'word', text: ':tada:' },
        { kind: 'word', text: '9:30' },
      ]);
    });

    it('ends an option value at a mention glued to it', () => {
      expect(tokens('site:<@U1>')).toMatchObject([
        { kind: 'option', key: 'site', value: '' },
        { kind: 'word', entity: { kind: 'user', id: 'U1' } },
      ]);
    });
  });

  it('keeps emoji as ordinary characters', () => {
    expect(texts('🎉 a📞b')).toEqual(['🎉', 'a📞b']);
  });
});
