import { showInput } from '../format.ts';

/** Slack markup `<...>` as it arrives in the text of a command that has `should_escape` on. */
export type SlackEntity =
  | { kind: 'user'; id: string }
  | { kind: 'channel'; id: string }
  | { kind: 'special'; name: string }
  | { kind: 'email'; email: string }
  | { kind: 'tel'; number: string }
  | { kind: 'link'; url: string; label: string | undefined }
  | { kind: 'malformed' };

/**
 * A word of the command: plain, quoted, or one Slack entity. `text` is what it means (unescaped, quotes removed,
 * a mailto or tel link replaced by its address); `raw` is the slice of the command text, as Slack sent it.
 * `gapBefore` holds the separators in front of it, so words can be glued back into a name ("New York, NY").
 */
export type WordToken = {
  kind: 'word';
  text: string;
  quoted: boolean;
  /** Set when the word is exactly one entity. */
  entity: SlackEntity | undefined;
  raw: string;
  gapBefore: string;
};

/** `key:value`, written with an unquoted key. `key` is lowercased; the value may be quoted and may be empty. */
export type OptionToken = {
  kind: 'option';
  key: string;
  value: string;
  quoted: boolean;
  raw: string;
  gapBefore: string;
};

export type Token = WordToken | OptionToken;
export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; message: string };

const entityPattern = /<([^<>]*)>/y;
const optionKeyPattern = /([A-Za-z][A-Za-z0-9_-]*):/y;
const doubleQuotes = { open: '"“”„', close: '"”“' };
const singleQuotes = { open: "'‘’‚", close: "'’‘" };

/** Splits command text into words and options. Never throws; the only failure is a quote that is never closed. */
export function tokenize(text: string): TokenizeResult {
  const closingQuote = quoteCloser(text);
  const tokens: Token[] = [];
  let gap = '';
  let position = 0;
  while (position < text.length) {
    const char = text.charAt(position);
    if (isSeparator(char)) {
      gap += char;
      position += 1;
      continue;
    }
    const entity = entityAt(text, position);
    if (entity && standsAlone(entity.entity)) {
      tokens.push({
        kind: 'word',
        text: displayText(entity.entity, entity.raw),
        quoted: false,
        entity: entity.entity,
        raw: entity.raw,
        gapBefore: gap,
      });
      position += entity.raw.length;
    } else {
      const word = readWord(text, position, gap, closingQuote);
      if (!word.ok) return word;
      tokens.push(word.token);
      position = word.end;
    }
    gap = '';
  }
  return { ok: true, tokens };
}

/** Undoes the escaping Slack applies to `&`, `<` and `>` typed by a person. */
export function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/** Mentions, channels, `@here` and unreadable markup are words of their own, even when glued to other text. */
export function standsAlone(entity: SlackEntity): boolean {
  return entity.kind !== 'email' && entity.kind !== 'tel' && entity.kind !== 'link';
}

export function isStandaloneEntity(token: WordToken): boolean {
  return token.entity !== undefined && standsAlone(token.entity);
}

/**
 * Glues words back into one value the way they were typed, as far as meaning goes: a comma stays a comma and any
 * run of spaces, tabs, newlines or non-breaking spaces becomes one space.
 */
export function joinWords(words: readonly WordToken[]): string {
  return words
    .map((word, index) => (index === 0 ? word.text : `${gapText(word.gapBefore)}${word.text}`))
    .join('');
}

export function gapText(gap: string): string {
  if (!gap.includes(',')) return ' ';
  return /\s$/.test(gap) ? ', ' : ',';
}

/** Spaces (NBSP included), commas, and control characters separate words. */
function isSeparator(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    char === ',' || code < 0x20 || code === 0x7f || code === 0x200b || code === 0x2060 || /\s/.test(char)
  );
}

function entityAt(text: string, position: number): { entity: SlackEntity; raw: string } | undefined {
  if (text.charAt(position) !== '<') return undefined;
  entityPattern.lastIndex = position;
  const match = entityPattern.exec(text);
  if (!match) return undefined;
  return { entity: readEntity(match[1] ?? ''), raw: match[0] };
}

function readEntity(body: string): SlackEntity {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : unescapeSlack(body.slice(bar + 1));
  const malformed: SlackEntity = { kind: 'malformed' };
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return /^[UW][A-Z0-9]{1,20}$/.test(id) ? { kind: 'user', id } : malformed;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return /^[CG][A-Z0-9]{1,20}$/.test(id) ? { kind: 'channel', id } : malformed;
  }
  if (target.startsWith('!')) {
    return target.length > 1 ? { kind: 'special', name: label || `@${target.slice(1)}` } : malformed;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(target);
  if (!scheme) return malformed;
  const rest = unescapeSlack(scheme[2] ?? '').trim();
  switch (scheme[1]?.toLowerCase()) {
    case 'mailto':
      return rest ? { kind: 'email', email: rest } : malformed;
    case 'tel':
      return rest ? { kind: 'tel', number: rest } : malformed;
    default:
      return { kind: 'link', url: unescapeSlack(target), label: label || undefined };
  }
}

function displayText(entity: SlackEntity, raw: string): string {
  switch (entity.kind) {
    case 'email':
      return entity.email;
    case 'tel':
      return entity.number;
    case 'link':
      return entity.label ?? entity.url;
    default:
      return unescapeSlack(raw);
  }
}

type ReadWord = { ok: true; token: Token; end: number } | { ok: false; message: string };

function readWord(
  text: string,
  start: number,
  gapBefore: string,
  closingQuote: (open: number) => number,
): ReadWord {
  let position = start;
  optionKeyPattern.lastIndex = start;
  const key = optionKeyPattern.exec(text);
  if (key) position += key[0].length;

  let value = '';
  let plain = '';
  let quoted = false;
  let parts = 0;
  let lastEntity: SlackEntity | undefined;
  const flushPlain = () => {
    if (plain === '') return;
    value += unescapeSlack(plain);
    plain = '';
    parts += 1;
  };

  // A quote opens only where a value starts, so the apostrophe in O'Brien stays a letter.
  let atValueStart = true;
  while (position < text.length) {
    const char = text.charAt(position);
    if (isSeparator(char)) break;
    if (atValueStart && isOpeningQuote(char)) {
      const close = closingQuote(position);
      if (close === -1) return { ok: false, message: unclosedQuote(text, position) };
      value += renderInline(text.slice(position + 1, close));
      quoted = true;
      parts += 1;
      position = close + 1;
      atValueStart = false;
      continue;
    }
    atValueStart = false;
    const entity = entityAt(text, position);
    if (entity) {
      if (standsAlone(entity.entity)) break;
      flushPlain();
      value += displayText(entity.entity, entity.raw);
      parts += 1;
      lastEntity = entity.entity;
      position += entity.raw.length;
      continue;
    }
    plain += char;
    position += 1;
  }
  flushPlain();

  const raw = text.slice(start, position);
  if (key) {
    const name = (key[1] ?? '').toLowerCase();
    return { ok: true, token: { kind: 'option', key: name, value, quoted, raw, gapBefore }, end: position };
  }
  const entity = parts === 1 && !quoted ? lastEntity : undefined;
  return { ok: true, token: { kind: 'word', text: value, quoted, entity, raw, gapBefore }, end: position };
}

function isOpeningQuote(char: string): boolean {
  return doubleQuotes.open.includes(char) || singleQuotes.open.includes(char);
}

/**
 * For a quote of the text at `open`, the quote that closes it: the first closing quote of its kind followed by a
 * separator or the end (so 'Mary O'Brien' keeps its apostrophe), else the first closing quote at all, else -1.
 */
function quoteCloser(text: string): (open: number) => number {
  const double = {
    separated: new NextCloser(text, doubleQuotes.close, true),
    any: new NextCloser(text, doubleQuotes.close, false),
  };
  const single = {
    separated: new NextCloser(text, singleQuotes.close, true),
    any: new NextCloser(text, singleQuotes.close, false),
  };
  return (open) => {
    const next = doubleQuotes.open.includes(text.charAt(open)) ? double : single;
    const separated = next.separated.from(open + 1);
    return separated === -1 ? next.any.from(open + 1) : separated;
  };
}

/**
 * Finds the first closing quote at or after a position, and remembers it: quotes open from left to right, so the
 * next search either has the same answer (it lies ahead of the new position) or starts past the last answer. No
 * part of the text is searched twice, however many quotes it holds; searching the rest of the text afresh for
 * every quote took time quadratic in its length (`"a"b "a"b …`, where no closer is followed by a separator).
 */
class NextCloser {
  private start = 0;
  private found: number | undefined;

  constructor(
    private readonly text: string,
    private readonly closers: string,
    private readonly separated: boolean,
  ) {}

  /** The position of the closer, or -1 if there is none. */
  from(position: number): number {
    const known = this.found;
    if (known !== undefined && this.start <= position && (known === -1 || known >= position)) return known;
    this.start = position;
    this.found = this.search(position);
    return this.found;
  }

  private search(position: number): number {
    const { text, closers } = this;
    for (let at = position; at < text.length; at += 1) {
      if (!closers.includes(text.charAt(at))) continue;
      const next = at + 1;
      if (!this.separated || next === text.length || isSeparator(text.charAt(next))) return at;
    }
    return -1;
  }
}

function unclosedQuote(text: string, open: number): string {
  const quote = text.charAt(open);
  const closer = ({ '“': '”', '„': '“', '‘': '’', '‚': '‘' } as Record<string, string>)[quote] ?? quote;
  const after = unescapeSlack(text.slice(open + 1).trim());
  const where = after === '' ? 'at the end' : `before ${showInput(after)}`;
  return `The quote ${showInput(quote)} ${where} is never closed. Close it with ${showInput(closer)}, or remove it.`;
}

/** Quoted text keeps its spaces; a link inside it reads as its label, like everywhere else. */
function renderInline(content: string): string {
  let rendered = '';
  let last = 0;
  for (const match of content.matchAll(/<([^<>]*)>/g)) {
    rendered += unescapeSlack(content.slice(last, match.index));
    rendered += displayText(readEntity(match[1] ?? ''), match[0]);
    last = match.index + match[0].length;
  }
  return rendered + unescapeSlack(content.slice(last));
}
