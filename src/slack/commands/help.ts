import { isPhoneAdmin } from '../../services/audience.ts';
import { textMessage } from '../blocks/message.ts';
import { showInput } from '../format.ts';
import { ephemeral } from '../outcome.ts';
import { type Audience, type CommandForm, defineCommand, type HelpSection } from './command.ts';
import { ok, type Read, registeredForms } from './grammar.ts';
import type { Token } from './tokenize.ts';

export type HelpCommand = { name: 'help'; topic?: string };

export const helpCommand = defineCommand<HelpCommand>({
  name: 'help',
  lookup: true,
  syntax: 'help [<command>]',
  description: 'Show the commands you may use; with a command, how to type it, in full.',
  example: '/phone help plan',
  audience: 'anyone',
  section: 'Phone users',
  parse: parseHelp,
  run: async (ctx, { topic }) => {
    const reader: Reader = (await isPhoneAdmin(ctx.deps, ctx.actor)) ? 'admin' : 'member';
    const texts = topic === undefined ? helpSections(reader) : [helpForTopic(topic)];
    return ephemeral({
      text: 'Switchboard commands',
      blocks: texts.map((text) => textMessage(text).blocks[0]).filter((block) => block !== undefined),
    });
  },
});

function parseHelp(args: Token[]): Read<HelpCommand> {
  if (args.length === 0) return ok({ name: 'help' });
  const topic = args
    .map((token) => (token.kind === 'word' ? token.text : `${token.key}:`))
    .join(' ')
    .trim()
    .toLowerCase();
  return ok(topic === '' ? { name: 'help' } : { name: 'help', topic });
}

/** Who reads the help: an admin sees every command, anyone else what they may run. */
export type Reader = 'admin' | 'member';

const sectionOrder: readonly HelpSection[] = [
  'Phone users',
  'Numbers & plans',
  'Account',
  'Import & export',
  'Addresses, desk phones & queues',
  'Settings, blocking & delegation',
];

const who: Record<Audience, string> = {
  anyone: 'anyone',
  self: 'admins; a phone user for themselves',
  admin: 'admins',
};

function mayRun(form: CommandForm, reader: Reader): boolean {
  return reader === 'admin' || form.audience !== 'admin';
}

const intro = {
  admin: [
    '*Switchboard: manage phone users with `/phone`*',
    'A `<user>` is an @mention, an email or an extension; `<users>` is one or more, separated by spaces or commas.',
    'Quote a name that has spaces (`site:"New York"`), or leave it unquoted: it runs up to the next option, mention, email or all-digit word.',
    'Phone admins can use everything. Anyone can use `help` and `me`, and a phone user can change their own hours, call handling, greetings, hold music, language, PIN and delegation (the commands marked _(self)_).',
    '`/phone help <command>` shows one command in full, e.g. `/phone help plan`.',
  ].join('\n'),
  member: [
    '*Switchboard: manage phone users with `/phone`*',
    'Name yourself as the `<user>` (your @mention, email or extension) to change your own line; the phone admins change everything else.',
    '`/phone help <command>` shows one command in full, e.g. `/phone help hours`.',
  ].join('\n'),
};

/**
 * The help as Slack section texts (mrkdwn), one per group the reader may use; each stays under Slack's
 * 3,000-character limit.
 */
export function helpSections(reader: Reader = 'admin', reference = registeredForms()): string[] {
  const groups = sectionOrder.flatMap((section) => {
    const lines = reference
      .filter((form) => form.section === section && mayRun(form, reader))
      .map((form) => {
        const self = reader === 'admin' && form.audience === 'self' ? ' _(self)_' : '';
        return `\`/phone ${escapeMrkdwn(form.syntax)}\` – ${escapeMrkdwn(form.description)}${self}`;
      });
    return lines.length === 0 ? [] : [[`*${escapeMrkdwn(section)}*`, ...lines].join('\n')];
  });
  return groups.map((group, index) => (index === 0 ? `${escapeMrkdwn(intro[reader])}\n\n${group}` : group));
}

export function helpText(reader: Reader = 'admin', reference = registeredForms()): string {
  return helpSections(reader, reference).join('\n\n');
}

/** `help plan`, `help plan add`, `help address`: every form whose words start with the topic, in full. */
export function helpForTopic(topic: string, reference = registeredForms()): string {
  const words = topic.split(/\s+/);
  const forms = reference.filter((form) => {
    const formWords = form.syntax.split(' ');
    return words.every((word, index) => formWords[index] === word);
  });
  if (forms.length === 0) {
    return `No command starts with ${showInput(topic)}. Type \`/phone help\` to see the commands you may use.`;
  }
  return forms
    .map((form) =>
      [
        `*\`/phone ${escapeMrkdwn(form.syntax)}\`*`,
        escapeMrkdwn(form.description),
        `Who: ${who[form.audience]}.`,
        `Example: \`${escapeMrkdwn(form.example)}\``,
      ].join('\n'),
    )
    .join('\n\n');
}

/** README's command tables, one per help section, with who may use each command. */
export function readmeCommandTables(reference = registeredForms()): string {
  return sectionOrder
    .map((section) => {
      const rows = reference
        .filter((form) => form.section === section)
        .map(
          (form) =>
            `| \`/phone ${form.syntax.replace(/\|/g, '\\|')}\` | ${form.description.replace(/\|/g, '\\|')} | ${who[form.audience]} |`,
        );
      return [`**${section}**`, '', '| Command | Does | Who |', '|---|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

/** Slack's mrkdwn reserves these three characters; everything else is shown as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The commands of this file, in the order help lists them. */
export const commands = [helpCommand] as const;
