import { describe, expect, it } from 'vitest';
import {
  findHiddenCharacter,
  findLookalikeName,
  findMixedScript,
  skeleton,
  textProblem,
} from '../../../src/domain/characters.ts';

describe('findHiddenCharacter', () => {
  it('finds invisible characters and direction controls, with their 1-based position', () => {
    expect(findHiddenCharacter('Main\u200b')).toEqual({ kind: 'invisible', char: '\u200b', position: 5 });
    expect(findHiddenCharacter('Ma\u2060in')).toEqual({ kind: 'invisible', char: '\u2060', position: 3 });
    expect(findHiddenCharacter('\u2066Main\u2069')).toEqual({ kind: 'bidi', char: '\u2066', position: 1 });
    expect(findHiddenCharacter('Main')).toBeUndefined();
  });

  it('counts positions in characters, so a letter outside the basic plane counts once', () => {
    expect(findHiddenCharacter('𝔄da\u200b')).toMatchObject({ position: 4 });
  });

  it('leaves emoji built with joiners and the emoji variation selector alone, but not a joiner between letters', () => {
    for (const text of ['Help desk ❤️', 'Lab 👩‍🔬', 'Family 👨‍👩‍👧', 'Rainbow 🏳️‍🌈']) {
      expect(findHiddenCharacter(text), text).toBeUndefined();
    }
    expect(findHiddenCharacter('Ma\u200din')).toMatchObject({ kind: 'invisible', position: 3 });
    expect(findHiddenCharacter('Main\ufe0f')).toMatchObject({ kind: 'invisible', position: 5 });
  });
});

describe('findMixedScript', () => {
  it('finds a Cyrillic or Greek lookalike in a word that also has Latin letters', () => {
    expect(findMixedScript('New Yоrk')).toEqual({
      char: 'о',
      position: 6,
      script: 'Cyrillic',
      latin: 'o',
    });
    expect(findMixedScript('Sales ΑPAC')).toMatchObject({
      char: 'Α',
      position: 7,
      script: 'Greek',
      latin: 'A',
    });
  });

  it('leaves words written in one script alone, and scripts that differ from word to word', () => {
    for (const text of [
      'Москва',
      'Αθήνα',
      'Berlin Mitte',
      'Office Москва',
      '1 Main St',
      'Zürich',
      '東京 Office',
    ]) {
      expect(findMixedScript(text), text).toBeUndefined();
    }
  });
});

describe('skeleton and findLookalikeName', () => {
  it('gives lookalikes one skeleton: lookalike letters, case, full-width forms, invisible characters, spaces', () => {
    expect(skeleton('Маin')).toBe(skeleton('main'));
    expect(skeleton('ＭＡＩＮ')).toBe('main');
    expect(skeleton('New  York\u200b')).toBe('new york');
    expect(skeleton('ΑΒΕ')).toBe('abe');
  });

  it('keeps names that read differently apart', () => {
    expect(skeleton('Barn')).not.toBe(skeleton('Bam'));
    expect(skeleton('Site 1')).not.toBe(skeleton('Site l'));
    expect(skeleton('Москва')).not.toBe(skeleton('Moskva'));
  });

  it('names the existing name a new one looks like, but not the same name', () => {
    expect(findLookalikeName('Маin', ['Berlin', 'Main'])).toBe('Main');
    expect(findLookalikeName('Main', ['Маin'])).toBe('Маin');
    expect(findLookalikeName('ＭＡＩＮ', ['Main'])).toBe('Main');
    expect(findLookalikeName('Main', ['Main'])).toBeUndefined();
    expect(findLookalikeName('Mainz', ['Main'])).toBeUndefined();
  });
});

describe('textProblem', () => {
  it('refuses hidden characters in every field, and mixed scripts only where asked', () => {
    expect(textProblem('site name', 'Ma\u200bin', { mixedScripts: 'refused' })).toMatchObject({
      code: 'TEXT_HIDDEN_CHARACTER',
      field: 'site name',
    });
    expect(textProblem('site name', 'Маin', { mixedScripts: 'refused' })).toMatchObject({
      code: 'TEXT_MIXED_SCRIPT',
      field: 'site name',
      character: { char: 'М', position: 1 },
    });
    expect(textProblem('first name', 'Маin', { mixedScripts: 'allowed' })).toBeUndefined();
    expect(textProblem('city', 'Москва', { mixedScripts: 'refused' })).toBeUndefined();
  });
});
