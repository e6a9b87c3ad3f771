import { describe, expect, it } from 'vitest';
import { AUDIO_PROMPT_LANGUAGES } from '../../../src/domain/settings.ts';
import { code } from '../../../src/slack/format.ts';
import { languageName, languageWithCode } from '../../../src/slack/languages.ts';

describe('audio prompt languages as people read them', () => {
  it('names each language in English with the region of its code', () => {
    expect(languageName('en-US')).toBe('English (US)');
    expect(languageName('fr-CA')).toBe('French (CA)');
    expect(languageName('zh-TW')).toBe('Chinese (TW)');
    expect(languageName('ko-KO')).toBe('Korean (KO)');
  });

  it('gives every language a name that is not its code', () => {
    for (const language of AUDIO_PROMPT_LANGUAGES) {
      expect(languageName(language), language).toMatch(/^[A-Z][a-z]+ \([A-Z]{2}\)$/);
    }
  });

  it('shows the code to type after the name', () => {
    expect(languageWithCode('en-GB', code)).toBe('English (GB) `en-GB`');
  });
});
