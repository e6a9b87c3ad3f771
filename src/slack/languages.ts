const languages = new Intl.DisplayNames(['en'], { type: 'language' });

/**
 * An audio prompt language as people read it, `English (US)`, from its code `en-US`: the language's English name
 * and the code's region as written (Zoom's `ko-KO` is not a region Intl knows, so the name is built by hand).
 */
export function languageName(code: string): string {
  const [language = code, region] = code.split('-');
  const name = languages.of(language) ?? language;
  return region ? `${name} (${region})` : name;
}

/** `English (US) en-US`: the name, then the code that `/phone set … language=` takes. */
export const languageWithCode = (code: string, codeStyle: (text: string) => string) =>
  `${languageName(code)} ${codeStyle(code)}`;
