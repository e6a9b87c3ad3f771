import { describe, expect, it } from 'vitest';
import { clip, clipMrkdwn, showInput, showText, someOf } from '../../../src/slack/format.ts';

/** Half of an emoji's surrogate pair: JSON carries it, but it is not text Slack can show. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('quoting what a person typed', () => {
  it('quotes a short value whole, as inline code, escaped', () => {
    expect(showInput('Tom & Jerry <HQ>')).toBe('`Tom &amp; Jerry &lt;HQ&gt;`');
  });

  it('keeps a 64-character name whole, the longest any name may be', () => {
    const name = 'N'.repeat(64);
    expect(showInput(name)).toBe(`\`${name}\``);
    expect(showText(name)).toBe(name);
  });

  it('cuts a long value to 80 characters before escaping, so no escape is cut in half', () => {
    const quoted = showInput('&'.repeat(3_500));
    expect(quoted).toBe(`\`${'&amp;'.repeat(79)}…\``);
    expect(showText('<'.repeat(3_500))).toBe(`${'&lt;'.repeat(79)}…`);
  });

  it('never splits an emoji at the cut', () => {
    const shown = showText(`${'a'.repeat(78)}😀😀`);
    expect(shown).toBe(`${'a'.repeat(78)}…`);
    expect(shown).not.toMatch(loneSurrogate);
  });

  it('puts the value on one line, without backticks that would end the code span', () => {
    expect(showInput('a`b\nc')).toBe("`a'b c`");
    expect(showText('line\none')).toBe('line one');
  });

  it('shows blank input as ""', () => {
    expect(showInput('  ')).toBe('`""`');
  });
});

describe('cutting text to a limit', () => {
  it('leaves text that fits alone', () => {
    expect(clip('short', 5)).toBe('short');
    expect(clipMrkdwn('short', 5)).toBe('short');
  });

  it('marks the cut and stays within the limit', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clipMrkdwn('x'.repeat(4_000), 3_000)).toHaveLength(3_000);
  });

  it('cuts mrkdwn at a line break when one is near', () => {
    const text = `${'a'.repeat(2_900)}\n${'b'.repeat(500)}`;
    expect(clipMrkdwn(text, 3_000)).toBe(`${'a'.repeat(2_900)}…`);
  });

  it('never cuts mrkdwn inside an escape, a mention or a link', () => {
    for (let shift = 0; shift < 40; shift++) {
      const text = `${'a'.repeat(2_970 + shift)}&amp;<@U0123ABCD> <https://example.com/x|a link>${'z'.repeat(100)}`;
      const cut = clipMrkdwn(text, 3_000);
      expect(cut.length).toBeLessThanOrEqual(3_000);
      const kept = cut.slice(0, -1);
      expect(kept.split('<').length, kept.slice(-60)).toBe(kept.split('>').length);
      expect(kept).not.toMatch(/&[a-z]*$/);
    }
  });

  it('never splits an emoji in mrkdwn', () => {
    const cut = clipMrkdwn('😀'.repeat(2_000), 3_000);
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut).not.toMatch(loneSurrogate);
  });
});

describe('a list of names', () => {
  it('names everyone in a short list', () => {
    expect(someOf(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('names the first 20 of a long list and counts the rest', () => {
    const names = Array.from({ length: 45 }, (_, i) => `n${i}`);
    expect(someOf(names)).toBe(`${names.slice(0, 20).join(', ')} and 25 more`);
  });
});
