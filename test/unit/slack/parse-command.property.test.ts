import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandReference, type ParseResult, parseCommand } from '../../../src/slack/commands/registry.ts';
import { type Token, tokenize, unescapeSlack } from '../../../src/slack/commands/tokenize.ts';
import { showWord } from '../../../src/slack/commands/user-ref.ts';
import { markInvisible, showInput, visibleInput } from '../../../src/slack/format.ts';

/** Slack refuses slash command text longer than this. */
const COMMAND_TEXT_LIMIT = 4000;
/** A usage error goes back as `:warning: <message>` in one section block, whose text Slack caps at 3000. */
const SECTION_TEXT_LIMIT = 3000;
const WARNING = ':warning: ';

// What the parser knows, read from its own reference so that new commands are exercised without editing this file.
const literalWord = /^[a-z][a-z0-9-]*$/;
const leadingWords = (syntax: string) => {
  const words: string[] = [];
  for (const word of syntax.split(' ')) {
    if (!literalWord.test(word)) break;
    words.push(word);
  }
  return words.join(' ');
};
/** `plan add`, `numbers main`, `sites`: the words each command starts with. */
const commandPrefixes = [...new Set(commandReference.map((doc) => leadingWords(doc.syntax)))];
const commandWords: ReadonlySet<string> = new Set(
  commandReference.map((doc) => doc.syntax.split(' ')[0] ?? ''),
);
/** Every literal word of the reference: actions, switches and values such as `add`, `on`, `free`, `manager`. */
const keywords = [
  ...new Set(
    commandReference.flatMap((doc) => doc.syntax.split(/[\s|[\]]+/).filter((w) => literalWord.test(w))),
  ),
];
const optionKeys = [
  ...new Set(
    commandReference.flatMap((doc) => [...doc.syntax.matchAll(/([a-z][a-z0-9]*):/g)].map((m) => m[1])),
  ),
].filter((key) => key !== undefined);
const settingPairs = commandReference
  .filter((doc) => doc.name === 'set')
  .flatMap((doc) => [...doc.syntax.matchAll(/([a-z-]+)=(\S+)/g)])
  .flatMap(([, key, values]) => (values ?? '').split('|').map((value) => [key ?? '', value] as const));
const usageLines: ReadonlySet<string> = new Set(commandReference.map((doc) => `/phone ${doc.syntax}`));

/** What Slack does to `&`, `<` and `>` that a person types, with `should_escape` on. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const slackId = fc.stringMatching(/^[A-Z0-9]{2,11}$/);
const mention = fc
  .tuple(
    fc.constantFrom('U', 'W'),
    slackId,
    fc.option(fc.constantFrom('ada', 'grace.hopper', 'Zoë', '👩‍💻', 'a|b'), { nil: undefined }),
  )
  .map(([kind, id, name]) => (name === undefined ? `<@${kind}${id}>` : `<@${kind}${id}|${name}>`));
const otherMarkup = fc.constantFrom(
  '<#C0GENERAL|general>',
  '<#G123>',
  '<!here>',
  '<!channel>',
  '<!subteam^S0TEAM|@team>',
  '<!date^1392734382^{date}|Feb 18>',
  '<@>',
  '<@u0lower>',
  '<@U0ADA',
  '<>',
  '<!>',
  '<#>',
  '<tel:+14155550100|+1 415 555 0100>',
  '<tel:>',
  '<https://example.com|a link>',
  '<https://example.com>',
  '<mailto:>',
  '<x-y+z:whatever>',
);
const email = fc.emailAddress({ size: 'small' });
const emailWord = fc.oneof(
  email.map(slackEscape),
  email.map((address) => `<mailto:${slackEscape(address)}|${slackEscape(address)}>`),
  fc.constantFrom('ada@', '@ada', 'ada@@example.com', 'Ada@Example.COM', 'a@b'),
);
const extension = fc.stringMatching(/^\d{1,9}$/);
const e164 = fc.stringMatching(/^\+[1-9]\d{6,14}$/);
const phoneNumber = fc.oneof(
  e164,
  fc.tuple(e164, e164).map(([from, to]) => `${from}..${to}`),
  fc.tuple(e164, e164).map(([from, to]) => `${from}…${to}`),
  fc.constantFrom('+1 415 555 0100', '(415) 555-0100', '1.41555501E+10', '+1900', '+', '..', '1,000', '-3'),
);
const quotes = fc.constantFrom(['"', '"'], ['“', '”'], ['„', '“'], ["'", "'"], ['‘', '’'], ['‚', '‘']);
const quoted = fc
  .tuple(quotes, fc.string({ unit: 'grapheme', maxLength: 24 }), fc.boolean())
  .map(([[open, close], inside, closed]) => `${open}${slackEscape(inside)}${closed ? close : ''}`);
const plainWord = fc.oneof(
  fc.constantFrom('Main', 'Berlin', 'New', 'York', 'US/CA', 'Unlimited', 'Pro', "O'Brien", 'ada', 'x'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/),
);
const optionValue = fc.oneof(
  fc.constant(''),
  plainWord,
  quoted,
  mention,
  extension,
  e164,
  fc.constant('12:30'),
);
const option = fc
  .tuple(
    fc.oneof(fc.constantFrom(...optionKeys), fc.constantFrom('SITE', 'Plan', 'color', 'a0', 'x-y_z')),
    fc.constantFrom(':', ': '),
    optionValue,
  )
  .map(([key, colon, value]) => `${key}${colon}${value}`);
const keyword = fc.mixedCase(fc.constantFrom(...keywords));
const hoursPiece = fc.constantFrom(
  'mon-fri',
  '09:00-17:00',
  'sat',
  '10:00-14:00',
  'closed',
  '24/7',
  '24h',
  '9am',
);
const mac = fc.constantFrom('00:1A:2B:3C:4D:5E', 'a0:1b:2c:3d:4e:5f', '001A2B3C4D5E', '00-1A-2B-3C-4D-5E');
const emoji = fc.constantFrom('📞', ':phone:', '👩🏽‍💻', '🇺🇸', '😀', 'e\u0301', '\u{1F9D1}\u200D\u{1F4BB}');
const oddCharacters = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\u2060',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u202e',
  '`',
  '```',
  '*bold*',
  '&amp;',
  '&lt;',
  '&gt;',
  '&lt;@U0ADA&gt;',
  '&amp;lt;',
  '&',
);
const anyCharacters = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const settingKey = fc.oneof(
  fc.constantFrom(...settingPairs.map(([key]) => key)),
  plainWord,
  oddCharacters,
  emoji,
  anyCharacters,
);
const setting = fc.oneof(
  fc.constantFrom(...settingPairs).map(([key, value]) => `${key}=${value}`),
  fc.tuple(settingKey, fc.constantFrom('', '=', '=='), plainWord).map(([key, eq, v]) => `${key}=${eq}${v}`),
  fc.constantFrom('=x', 'language=', 'pin==1', 'a=b=c', '&lt;b&gt;=1', '&lt;!here&gt;=', 'a`b=', 'x:'),
);
const hugeToken = fc.oneof(
  fc.string({ unit: 'binary', minLength: 300, maxLength: 3000 }),
  fc
    .tuple(fc.oneof(plainWord, oddCharacters, emoji, option, mention), fc.integer({ min: 50, max: 1000 }))
    .map(([piece, times]) => piece.repeat(times)),
  fc
    .tuple(plainWord, fc.integer({ min: 50, max: 500 }), fc.constantFrom(':', '=', ':x', '=x'))
    .map(([piece, times, end]) => `${piece.repeat(times)}${end}`),
);
const gap = fc.constantFrom(
  ' ',
  ' ',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  ',',
  ', ',
  ' ,',
  '\u00a0',
  '\u3000',
  '\u200b',
);
/** The same word hundreds of times: a command given far more arguments than it takes. */
const longRun = fc
  .tuple(
    fc.oneof(plainWord, keyword, mention, quoted, oddCharacters, extension, emailWord, option),
    gap,
    fc.integer({ min: 20, max: 1500 }),
  )
  .map(([word, between, times]) => Array.from({ length: times }, () => word).join(between));
const argument = fc.oneof(
  { arbitrary: mention, weight: 4 },
  { arbitrary: emailWord, weight: 2 },
  { arbitrary: extension, weight: 2 },
  { arbitrary: phoneNumber, weight: 2 },
  { arbitrary: option, weight: 3 },
  { arbitrary: setting, weight: 2 },
  { arbitrary: keyword, weight: 3 },
  { arbitrary: plainWord, weight: 3 },
  { arbitrary: quoted, weight: 2 },
  { arbitrary: hoursPiece, weight: 1 },
  { arbitrary: mac, weight: 1 },
  { arbitrary: otherMarkup, weight: 1 },
  { arbitrary: emoji, weight: 1 },
  { arbitrary: oddCharacters, weight: 1 },
  { arbitrary: anyCharacters, weight: 1 },
  { arbitrary: hugeToken, weight: 1 },
  { arbitrary: longRun, weight: 1 },
);
const blank = fc.constantFrom('', '', ' ', '\n', ' \t ', '\u00a0');

const fitsSlack = (text: string) => text.slice(0, COMMAND_TEXT_LIMIT);
const words = (count: number) =>
  fc
    .array(fc.tuple(gap, argument), { maxLength: count })
    .map((pairs) => pairs.map(([before, word]) => `${before}${word}`).join(''));

// Arguments in the shape the reference asks for, so that generated commands get past the first check.
const simpleEmail = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(\.[a-z0-9]{1,5})?@[a-z]{1,8}\.(com|org|io)$/);
const user = fc.oneof(
  { arbitrary: mention, weight: 5 },
  { arbitrary: simpleEmail, weight: 1 },
  { arbitrary: simpleEmail.map((address) => `<mailto:${address}|${address}>`), weight: 1 },
  { arbitrary: fc.stringMatching(/^\d{2,7}$/), weight: 1 },
);
const name = fc.constantFrom(
  'Sales',
  'Main line',
  'Old welcome',
  'Jazz loop',
  'Poly VVX 450',
  'Ada',
  "O'Brien",
  'x',
);
const partOfAddress = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .#'-]{0,20}$/);
const placeholders: Record<string, fc.Arbitrary<string>> = {
  user,
  assistant: user,
  from: user,
  users: fc
    .array(user, { minLength: 1, maxLength: 3 })
    .chain((refs) =>
      fc
        .array(gap, { minLength: refs.length, maxLength: refs.length })
        .map((gaps) => refs.map((ref, index) => `${index === 0 ? '' : gaps[index]}${ref}`).join('')),
    ),
  email: simpleEmail,
  extension: fc.stringMatching(/^\d{2,7}$/),
  digits: fc.stringMatching(/^\d{1,4}$/),
  count: fc.oneof(fc.stringMatching(/^\d{1,4}$/), fc.constant('1,000')),
  total: fc.stringMatching(/^\d{1,4}$/),
  code: fc.constantFrom('en-GB', 'fr-FR', 'de', 'xx-YY'),
  '+E164': e164,
  prefix: fc.constantFrom('+1900', '+44'),
  // Not `200`: before a comma and three digits it reads as a thousands separator (`plans set 200,000`).
  plan: fc.constantFrom('US/CA Unlimited', 'Pro', 'Global Select', '"US/CA Unlimited"', '"2024"'),
  site: fc.constantFrom('Main', 'Berlin', '"New York"', 'New York'),
  MAC: mac,
  days: fc.constantFrom('mon-fri', 'sat', 'sun', 'mon'),
  country: fc.constantFrom('US', 'GB', 'CA'),
  first: fc.constantFrom('Ada', '"Ada Mary"', 'Zoë'),
  name,
  queue: name,
  model: name,
  'audio name': name,
  last: fc.constantFrom('Lovelace', "O'Brien"),
  number: fc.oneof(e164, fc.constantFrom('1002', '(415) 555-0100', '+1 415 555 0100')),
  day: fc.constantFrom('mon', 'sat', 'Sunday', 'THU'),
  'HH:MM': fc.constantFrom('09:30', '23:00', '0:05', '00:00'),
};
const syntaxPiece = /\[[^\]]*\]|"[^"]*"|[^\s<"[]*<[^>]*>[^\s[]*(?:\[[^\]]*\])?|\S+/g;

/** A generator of what one word of a syntax line stands for: `[site:<site>]`, `on|off`, `"<city>"`, `<users>`. */
function pieceOf(piece: string): fc.Arbitrary<string> {
  const optional = /^\[(.*)\]$/.exec(piece);
  if (optional) return fc.option(sequenceOf(optional[1] ?? ''), { nil: '' });
  const option = /^([a-z][a-z0-9-]*)([:=])(.+)$/.exec(piece);
  if (option) return pieceOf(option[3] ?? '').map((value) => `${option[1]}${option[2]}${value}`);
  const alternatives = piece.split(/\|(?![^<]*>)/);
  if (alternatives.length > 1) return fc.oneof(...alternatives.map(pieceOf));
  if (/^"<[^>]*>"$/.test(piece)) return fc.oneof(partOfAddress, fc.constant('')).map((text) => `"${text}"`);
  if (piece.startsWith('<from>-<to>')) return fc.constantFrom('09:00-17:00', '10:00-14:00', '9-5');
  if (piece === '…') return fc.constantFrom('', 'sat 10:00-14:00');
  const inner = /^([^<[]*)<([^>]*)>(.*)$/.exec(piece);
  if (inner) {
    const [, before = '', key = '', rest = ''] = inner;
    const value = fc.oneof(...key.split('|').map((one) => placeholders[one] ?? fc.constant(one)));
    return fc
      .tuple(value, rest === '' ? fc.constant('') : pieceOf(rest))
      .map(([first, after]) => `${before}${first}${after}`);
  }
  return fc.constant(piece);
}

function sequenceOf(syntax: string): fc.Arbitrary<string> {
  const pieces = (syntax.match(syntaxPiece) ?? []).map(pieceOf);
  return fc
    .tuple(fc.tuple(...pieces), fc.array(gap, { minLength: pieces.length, maxLength: pieces.length }))
    .map(([values, gaps]) =>
      values
        .map((value, index) => (value === '' ? '' : `${index === 0 ? '' : gaps[index]}${value}`))
        .join(''),
    );
}

/** Where a syntax line's brackets promise more than the rule: `site edit` needs at least one of its options. */
const syntaxOverrides: Record<string, string> = {
  'site.edit': 'site edit <name> code:<digits> [first:<extension>]',
};

/** For each command of the reference, commands written the way its syntax line says. */
const wellFormed = commandReference.map((doc) => ({
  name: doc.name,
  command: sequenceOf(syntaxOverrides[doc.name] ?? doc.syntax),
}));
const wellFormedAny = fc.oneof(...wellFormed.map(({ command }) => command));

/** A well-formed command with one word swapped for anything, or words added at the end. */
const almostWellFormed = fc
  .tuple(wellFormedAny, fc.nat(), fc.option(argument, { nil: undefined }), words(3))
  .map(([text, at, swapped, extra]) => {
    const pieces = text.split(' ');
    if (swapped !== undefined && pieces.length > 1) pieces[1 + (at % (pieces.length - 1))] = swapped;
    return fitsSlack(`${pieces.join(' ')}${extra}`);
  });

/** A command word of the reference, in any case, then arguments of every kind: reaches each command's own rules. */
const validLooking = fc
  .tuple(blank, fc.mixedCase(fc.constantFrom(...commandPrefixes)), words(8), blank)
  .map(([before, prefix, rest, after]) => fitsSlack(`${before}${prefix}${rest}${after}`));

/** Most commands name a person first: past that check, each command's own rules read the words after it. */
const userFirst = fc
  .tuple(fc.mixedCase(fc.constantFrom(...commandPrefixes)), gap, user, words(6))
  .map(([prefix, between, person, rest]) => fitsSlack(`${prefix}${between}${person}${rest}`));

const commandShaped = fc.oneof(validLooking, userFirst, almostWellFormed, wellFormedAny);

const anyText = fc.oneof(
  { arbitrary: commandShaped, weight: 6 },
  { arbitrary: words(20).map(fitsSlack), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: COMMAND_TEXT_LIMIT }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 1 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', ','), maxLength: 50 }),
    weight: 1,
  },
  { arbitrary: hugeToken.map((token) => fitsSlack(token)), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...commandPrefixes), gap, hugeToken)
      .map(([prefix, before, token]) => fitsSlack(`${prefix}${before}${token}`)),
    weight: 1,
  },
);

/** The first word as the parser reads it: the command word in lower case, unless it is quoted or markup. */
function headOf(text: string): { token: Token; word: string | undefined } | undefined {
  const tokenized = tokenize(text);
  const [head] = tokenized.ok ? tokenized.tokens : [];
  if (!head) return undefined;
  const bare = head.kind === 'word' && !head.quoted && !head.entity;
  return { token: head, word: bare ? head.text.toLowerCase() : undefined };
}

/** The markup a message may carry on purpose: mentions and channels it quotes back, and mrkdwn escapes. */
const intendedMarkup = /<@[UW][A-Z0-9]+>|<#[CG][A-Z0-9]+>|&(?:amp|lt|gt);/g;
const quoteMarks = /[`"“”„'‘’‚]/g;
const isControl = (char: string) => (char.codePointAt(0) ?? 0) < 0x20 || char === '\u007f';
/** What separates words for the parser: spaces, commas, control characters and zero-width spaces. */
const isSeparator = (char: string) => char === ',' || isControl(char) || /[\s\u200b\u2060]/.test(char);
const spaced = (text: string) =>
  Array.from(text, (char) => (isSeparator(char) ? ' ' : char))
    .join('')
    .replace(/ +/g, ' ')
    .trim();
/** Two ways to fold case: the parser lowercases keys with `toLowerCase`, whose Greek sigma depends on context. */
const caseFolds = [
  (text: string) => text.toLowerCase(),
  (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase()),
];
/**
 * Text as a message may quote it back: with any run of separators as one space, and backticks shown as `'`; or
 * without its quotes, as an option's value is shown (`site:"New York"` as `site:New York`).
 */
const readings = [
  // As typed: a quoted name may be nothing but separators (`" ,"`).
  (text: string) => text.replace(/`/g, "'"),
  (text: string) => spaced(text.replace(/`/g, "'")),
  (text: string) => spaced(text.replace(quoteMarks, '')),
  // `set` shows a setting typed as `key:` as `key=`.
  (text: string) => spaced(text.replace(/[=:]$/, '')),
  // A refused email shows each character that cannot be seen as its code point (`[U+200B]`).
  (text: string) => visibleInput(text.replace(/`/g, "'"), Number.POSITIVE_INFINITY),
  (text: string) => visibleInput(text.replace(quoteMarks, ''), Number.POSITIVE_INFINITY),
  // Quoted input shows invisible and direction characters as their code points too.
  (text: string) => markInvisible(spaced(text.replace(/`/g, "'"))),
  (text: string) => markInvisible(spaced(text.replace(quoteMarks, ''))),
  // Inside quotes a zero-width space is part of the word, shown as its code point; quotes within a word go.
  (text: string) => markInvisible(text.replace(quoteMarks, '').replace(/\s+/g, ' ')),
];

/** Markup as a message shows it: a mailto or tel link as its address, a link as its label, `<!here>` as `@here`. */
function shownMarkup(text: string, broadcasts: 'named' | 'raw' = 'named'): string {
  return text.replace(/<([^<>|]*)(?:\|([^<>]*))?>/g, (raw, target: string, label: string | undefined) => {
    if (target.startsWith('!')) return broadcasts === 'raw' ? raw : label || `@${target.slice(1)}`;
    if (/^(mailto|tel):/i.test(target)) return target.replace(/^[a-z]+:/i, '');
    return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) ? label || target : raw;
  });
}

/** Messages that say in words what is wrong, where quoting a word back would not help. */
const describedInWords = [/^Too many words after the email\./, /^Voicemail always plays a greeting/];

/**
 * Whether the message quotes back something the person typed, beyond the examples it gives: a code span whose text
 * (shortened with `…`, escaped, case-folded as the parser does) occurs in the command, or a mention or channel of it.
 */
function quotesInput(text: string, message: string): boolean {
  // Inside a quoted word, a link is shown by its address and a broadcast as typed (escaped, so it cannot ping).
  const typed = [text, shownMarkup(text), shownMarkup(text, 'raw')].map(unescapeSlack);
  const spans = [...message.matchAll(/`([^`]*)`/g)]
    .map(([, span = '']) => unescapeSlack(span).replace(/…$/, ''))
    .filter((span) => !span.startsWith('/phone'));
  // Word by word: words glued to markup (`language=<code>`) are shown apart, and options are left out between them.
  const found = (span: string) =>
    readings.some((read) => {
      const shown = read(span);
      if (shown.trim() === '' || shown === '""') return false;
      return typed.some((one) =>
        caseFolds.some((fold) => shown.split(' ').every((word) => fold(read(one)).includes(fold(word)))),
      );
    });
  if (spans.some(found)) return true;
  // Quoted words of nothing but spaces or commas are shown as `""`, or as they are.
  const blank = (span: string) => spaced(span.replace(quoteMarks, '')) === '';
  if (spans.some(blank) && /["“”„'‘’‚][\s,]*["“”„'‘’‚]/.test(text)) return true;
  return [...message.matchAll(/<([@#][A-Z0-9]+)>/g)].some(([, id = '']) =>
    new RegExp(`<${id}[|>]`).test(text),
  );
}

function expectAnswer(text: string, result: ParseResult): void {
  const head = headOf(text);
  if (result.ok) {
    const doc = commandReference.find((candidate) => candidate.name === result.command.name);
    expect(doc, `${result.command.name} is in the reference`).toBeDefined();
    if (head === undefined) expect(result.command).toEqual({ name: 'help' });
    else expect(doc?.syntax.split(' ')[0]).toBe(head.word);
    return;
  }
  const { code, message, usage } = result.error;
  expect(code).toBe('USAGE');
  expect(message.trim()).not.toBe('');
  expect(WARNING.length + message.length).toBeLessThanOrEqual(SECTION_TEXT_LIMIT);
  // Ready to post as mrkdwn: what the person typed cannot open a link, a mention or a code span of its own.
  expect(message.replace(intendedMarkup, '')).not.toMatch(/[<>&]/);
  expect((message.match(/`/g)?.length ?? 0) % 2).toBe(0);
  expect(Array.from(message).some((char) => char !== '\n' && isControl(char))).toBe(false);
  if (!describedInWords.some((words) => words.test(message)))
    expect(quotesInput(text, message), `${JSON.stringify(message)} quotes nothing of the command`).toBe(true);
  const known = head?.word !== undefined && commandWords.has(head.word);
  if (head !== undefined && !known && tokenize(text).ok) {
    const shown =
      head.token.kind === 'word' ? showWord(head.token) : showInput(`${head.token.key}:${head.token.value}`);
    expect(message).toContain(shown);
  }
  if (usage === '/phone help') {
    expect(known && tokenize(text).ok).toBe(false);
    return;
  }
  for (const line of usage.split('\n')) {
    expect(usageLines).toContain(line);
    if (known) expect(line === `/phone ${head.word}` || line.startsWith(`/phone ${head.word} `)).toBe(true);
  }
}

/** An example of the reference as Slack sends it: `@ada` arrives as a mention. */
const slackExample = (example: string) =>
  example
    .replace(/^\/phone /, '')
    .replace(/@(ada|grace)\b/g, (_, name: string) => `<@U0${name.toUpperCase()}>`);

/** The words of an example, split at the spaces outside quotes. */
function wordsOf(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (!quoted && char === ' ') {
      pieces.push(current);
      current = '';
      continue;
    }
    if (char === '"') quoted = !quoted;
    current += char;
  }
  return [...pieces, current];
}

const examples = commandReference.map((doc) => ({ name: doc.name, text: slackExample(doc.example) }));
const wideGap = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u200b'), {
    minLength: 1,
    maxLength: 4,
  })
  .map((chars) => chars.join(''));
const spread = (pieces: readonly string[]) =>
  fc
    .tuple(fc.array(wideGap, { minLength: pieces.length, maxLength: pieces.length }), blank, blank)
    .map(
      ([gaps, before, after]) =>
        `${before}${pieces.map((piece, index) => `${index === 0 ? '' : gaps[index]}${piece}`).join('')}${after}`,
    );

/** What a person who typed only the command words is told they left out: the first part the syntax requires. */
function missingPart(doc: (typeof commandReference)[number]): { typed: string; names: RegExp } | undefined {
  const typed = leadingWords(doc.syntax);
  const rest = doc.syntax.slice(typed.length).trim();
  const required = (rest.match(syntaxPiece) ?? []).find((piece) => !piece.startsWith('['));
  // `assign` with nobody opens the assign form.
  if (required === undefined || doc.name === 'assign') return undefined;
  const placeholder = /<([^>|]+)/.exec(required)?.[1];
  const noun = typed.split(' ')[0] ?? '';
  if (placeholder === undefined) return { typed, names: new RegExp(`\`${required.split('|')[0]}\``) };
  const word = ({ users: 'user', from: 'user', '+E164': 'number' } as Record<string, string>)[placeholder];
  return { typed, names: new RegExp(`\\b(${word ?? placeholder}|${noun})\\b`, 'i') };
}
const commandsMissingAPart = [
  ...new Map(
    commandReference.flatMap((doc) => {
      const missing = missingPart(doc);
      return missing === undefined ? [] : [[missing.typed, missing] as const];
    }),
  ).values(),
];

describe('parseCommand, given any text', () => {
  it('never throws, and answers with a known command or a usage error that names what is wrong', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectAnswer(text, parseCommand(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each(commandPrefixes)(
    'answers %j followed by a person and anything: as the command, or with what is wrong',
    (prefix) => {
      fc.assert(
        fc.property(gap, user, words(6), (between, person, rest) => {
          const text = fitsSlack(`${prefix}${between}${person}${rest}`);
          expectAnswer(text, parseCommand(text));
        }),
        { numRuns: 100 },
      );
    },
  );

  it('quotes back a quoted word as it read it: its link by the address, a broadcast escaped, quotes inside gone', () => {
    // Found by the property above: `‘…'` around a link, a broadcast and a zero-width space, ending inside a name.
    const text = "number add <@UAA> ‘ <mailto:a@a.aa|a@a.aa>, <!here>\u200bO'Brien";
    expectAnswer(text, parseCommand(text));
  });

  it('gives the same answer to the same text, whatever it parsed before', () => {
    fc.assert(
      fc.property(anyText, anyText, (first, between) => {
        const before = parseCommand(first);
        parseCommand(between);
        expect(parseCommand(first)).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the command words in any case', () => {
    const anyCase = fc
      .constantFrom(...commandPrefixes)
      .chain((prefix) => fc.tuple(fc.constant(prefix), fc.mixedCase(fc.constant(prefix))));
    fc.assert(
      fc.property(anyCase, words(6), ([prefix, typed], rest) => {
        expect(parseCommand(fitsSlack(`${typed}${rest}`))).toEqual(
          parseCommand(fitsSlack(`${prefix}${rest}`)),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCommand, given commands written as the reference says', () => {
  it.each(wellFormed)('reads $name in every form its syntax line allows', ({ name, command }) => {
    fc.assert(
      fc.property(command, (text) => {
        const result = parseCommand(text);
        expect(result.ok ? result.command.name : result.error.message).toBe(name);
      }),
      { numRuns: 40 },
    );
  });

  it('reads every example as its own command, and the same, however wide the gaps between its words', () => {
    const widened = fc
      .constantFrom(...examples)
      .chain((example) => spread(wordsOf(example.text)).map((text) => ({ ...example, widened: text })));
    fc.assert(
      fc.property(widened, ({ name, text, widened }) => {
        const result = parseCommand(widened);
        expect(result.ok ? result.command.name : result.error.message).toBe(name);
        expect(result).toEqual(parseCommand(text));
      }),
      { numRuns: 500 },
    );
  });

  it.each(commandsMissingAPart)('tells $typed alone what it needs', ({ typed, names }) => {
    const written = fc.mixedCase(fc.constant(typed)).chain((text) => spread(text.split(' ')));
    fc.assert(
      fc.property(written, (text) => {
        const result = parseCommand(text);
        if (result.ok) expect.fail(`${JSON.stringify(text)} parsed as ${result.command.name}`);
        const { message } = result.error;
        expect(message).toContain(`\`${typed}\``);
        const [, needed = ''] = /\bneeds\b(.*?)(?:, e\.g\.|$)/s.exec(message) ?? [];
        expect(needed, message).toMatch(names);
      }),
      { numRuns: 20 },
    );
  });
});

describe('parseCommand, given texts that once broke its answers', () => {
  it.each([
    ['markup in a setting', 'set <@U0ADA> &lt;!here&gt;=', '`&lt;!here&gt;=` needs a value after the =.'],
    ['a backtick in a setting', 'set <@U0ADA> a`b=1 a`b=2', "`a'b` is given twice; give it once."],
    [
      'a very long option',
      `admins remove ${'a'.repeat(3000)}:`,
      `Unknown option \`${'a'.repeat(79)}…\`. \`admins remove\` takes no options, e.g. \`/phone admins remove @ada\`.`,
    ],
    [
      'a mention before a range',
      'numbers add <@UAA> +1000000…+1000000',
      '`&lt;@UAA&gt; +1000000…+1000000` is not a number or a range. A range is two numbers joined by `..`, e.g. `+14155550100..+14155550199`.',
    ],
  ])('quotes %s back safely and briefly', (_, text, message) => {
    const result = parseCommand(text);
    expectAnswer(text, result);
    expect(result.ok || result.error.message).toBe(message);
  });

  it.each([
    ['an unknown option', `plans set ${'Unlimited'.repeat(440)}:`],
    ['a setting', `set <@U0ADA> ${'x'.repeat(3900)}=`],
    ['an address of a thousand parts', `address ada@example.com ${'"x" '.repeat(990)}`],
  ])('keeps the answer to %s within one section of a message', (_, text) => {
    const result = parseCommand(text);
    expectAnswer(text, result);
    expect(result.ok).toBe(false);
  });
});
