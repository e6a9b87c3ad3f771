import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_TEXT_LENGTH, MAX_USERS_PER_REQUEST } from '../../../src/domain/people.ts';
import { type ParseResult, parseCommand } from '../../../src/slack/commands/registry.ts';
import { tokenize } from '../../../src/slack/commands/tokenize.ts';
import { growthRatio, LINEAR_GROWTH_BOUND } from '../../support/growth.ts';

/** `unit` repeated to exactly `length` characters. */
const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function usageMessage(result: ParseResult): string {
  if (result.ok) throw new Error(`expected a usage error, got ${JSON.stringify(result.command)}`);
  return result.error.message;
}

describe('command text longer than any real command', () => {
  it('is refused with its length, the limit and what to do instead', () => {
    const message = usageMessage(parseCommand(`assign ${fill('<@U0123ABCDEF> ', 39_993)}`));
    expect(message).toBe(
      'This command is 40,000 characters long; a command may be at most 21,000. Split it into several commands, or for many people at once use a CSV import (`/phone import` explains how).',
    );
  });

  it('is refused for its length before anything in it is read, such as a quote never closed', () => {
    const message = usageMessage(parseCommand(`assign "${fill('a ', MAX_COMMAND_TEXT_LENGTH)}`));
    expect(message).toContain('a command may be at most 21,000');
  });

  it('is read up to the limit, and refused one character past it', () => {
    const command = 'assign <@U0ADA>';
    const atLimit = `${command}${' '.repeat(MAX_COMMAND_TEXT_LENGTH - command.length)}`;
    expect(parseCommand(atLimit)).toMatchObject({ ok: true, command: { name: 'assign' } });
    expect(usageMessage(parseCommand(`${atLimit} `))).toContain('This command is 21,001 characters long');
  });

  it('leaves room for the most people one command takes, as mentions with the longest ids and display names', () => {
    const people = Array.from({ length: MAX_USERS_PER_REQUEST }, (_, index) => {
      const id = `U${String(index).padStart(20, '0')}`;
      return `<@${id}|${fill(`display-name-${index}-`, 80)}>`;
    });
    const text = `assign ${people.join(' ')} site:"${fill('Site ', 64)}" plan:"${fill('Plan ', 64)}"`;
    expect(text.length).toBeLessThanOrEqual(MAX_COMMAND_TEXT_LENGTH);
    const result = parseCommand(text);
    expect(result.ok && result.command.name === 'assign' && result.command.users.length).toBe(100);
  });

  it('leaves room for the most people one command takes, as long emails written the way Slack sends them', () => {
    const people = Array.from({ length: MAX_USERS_PER_REQUEST }, (_, index) => {
      const domain = '@headquarters.subsidiary.example-company.co.uk';
      const address = `${fill(`firstname.middlename.lastname${index}`, 95 - domain.length)}${domain}`;
      return `<mailto:${address}|${address}>`;
    });
    const text = `assign ${people.join(', ')} site:"${fill('Site ', 64)}" plan:"${fill('Plan ', 64)}"`;
    expect(text.length).toBeLessThanOrEqual(MAX_COMMAND_TEXT_LENGTH);
    const result = parseCommand(text);
    expect(result.ok && result.command.name === 'assign' && result.command.users.length).toBe(100);
  });
});

/** Adversarial texts of a given length: each would make a scanner that looks back or ahead per word quadratic. */
const shapes: [string, (length: number) => string][] = [
  // No closing quote is followed by a separator, so each opening quote looks for one to the end.
  ['quotes closed before a letter', (n) => `${fill('"a"b ', n - 1)}b`],
  ['single quotes closed before a letter', (n) => `${fill("'a'b ", n - 1)}b`],
  ['curly quotes closed before a letter', (n) => `${fill('“a”b,', n - 1)}b`],
  ['quotes that close one another', (n) => `${fill('"', n - 1)}b`],
  ['a quote never closed', (n) => `"${fill('a ', n - 1)}`],
  ['many <', (n) => fill('<', n)],
  ['many < each starting a word', (n) => fill('<a ', n)],
  ['a < never closed', (n) => `<${fill('a b ', n - 1)}`],
  ['markup glued into one word', (n) => fill('<mailto:a@b.co|a@b.co>', n)],
  ['one long word', (n) => fill('a', n)],
  ['many options', (n) => fill('site:"a"b ', n)],
  ['long runs of separators', (n) => `a${fill(' ,\u00a0\t', n - 2)}b`],
];

/** Commands whose arguments are read word by word, with arguments of every adversarial kind. */
const commands: [string, (length: number) => string][] = [
  ...shapes.map(([name, shape]): [string, (length: number) => string] => [
    `assign followed by ${name}`,
    (n) => `assign ${shape(n - 7)}`,
  ]),
  ['many people, each named twice', (n) => `assign ${fill('<@U0123ABCDEF|ada> <@U0123ABCDEF> ', n - 7)}`],
  ['many distinct settings', (n) => `set <@U1> ${settings(n - 10)}`],
  ['a multi-word option value', (n) => `list site:${fill('word ', n - 10)}`],
  ['a long hours text', (n) => `hours <@U1> mon ${fill('09:00-17:00 ', n - 16)}`],
  ['hours with a long run of spaces', (n) => `hours <@U1> "mon ${fill(' ', n - 20)}x"`],
  ['a forward number in many pieces', (n) => `forward add <@U1> ${fill('+1 ', n - 18)}`],
  ['a range of many dots', (n) => `numbers add +1${fill('.', n - 15)}2`],
  ['a long unknown command', (n) => fill('x', n)],
  ['an address of many words', (n) => `address <@U1> ${fill('"a" ', n - 14)}`],
];

function settings(length: number): string {
  let text = '';
  for (let index = 0; text.length < length; index += 1) text += `k${index}=1 `;
  return text.slice(0, length);
}

describe('reading command text takes time linear in its length', () => {
  it.each(shapes)('splits %s into words in linear time', (_, shape) => {
    expect(growthRatio(tokenize, shape(4_000), shape(40_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });

  // Up to 20,000 characters: nearly the longest command the parser reads at all.
  it.each(commands)('parses %s in linear time', (_, command) => {
    expect(growthRatio(parseCommand, command(2_000), command(20_000))).toBeLessThan(LINEAR_GROWTH_BOUND);
  });
});
