import type { Outcome } from '../outcome.ts';
import type { HandlerContext } from './context.ts';
import type { Read } from './grammar.ts';
import type { Token } from './tokenize.ts';

/** Who may run a command: anyone, a phone user on their own line (and admins on anyone's), or admins only. */
export type Audience = 'anyone' | 'self' | 'admin';

export type HelpSection =
  | 'Phone users'
  | 'Numbers & plans'
  | 'Account'
  | 'Import & export'
  | 'Addresses, desk phones & queues'
  | 'Settings, blocking & delegation';

/** One way of typing a command, as the reference, `/phone help` and every usage error show it. */
export type CommandForm = {
  readonly name: string;
  /** What follows `/phone`, with `<placeholders>` and `[optional parts]`. Plain text: escape it for mrkdwn. */
  readonly syntax: string;
  readonly description: string;
  /** A complete command to copy; error messages quote it, so it holds no `<`, `>` or `&`. */
  readonly example: string;
  readonly audience: Audience;
  readonly section: HelpSection;
};

/**
 * A `/phone` command: its reference (one form, or more with `also` when the words after the user choose between
 * them, as `address` does), its grammar, and what it does. `parse` gets the words after the command's own words
 * (`plan add`, `sites`) and gives the command with its arguments; `run` gets exactly that. The services still check
 * who may change what (a refusal is audited); `audience` is what help shows to whom.
 */
export type Command<C extends { name: string }> = CommandForm & {
  readonly also?: readonly CommandForm[];
  /**
   * Answers the caller alone and changes nothing (`show`, `list`): it runs without change tracking and without
   * reading first whether the caller is an admin, which only decides where a change is announced. Its answer never
   * goes to the channel, even by mistake.
   */
  readonly lookup?: true;
  /** The command's own words, read from its syntax: `plan add` for `plan add <user> <plan>`. */
  readonly words: readonly string[];
  readonly parse: (args: Token[]) => Read<C>;
  readonly run: (ctx: HandlerContext, command: C) => Promise<Outcome>;
};

export type AnyCommand = Command<{ name: string }>;

export function defineCommand<C extends { name: string }>(spec: Omit<Command<C>, 'words'>): Command<C> {
  return { ...spec, words: commandWords(spec.syntax) };
}

/** The leading literal words of a syntax, at most two: `numbers main add|remove <+E164>` gives `numbers main`. */
export function commandWords(syntax: string): string[] {
  const words: string[] = [];
  for (const word of syntax.split(' ')) {
    if (words.length === 2 || !/^[a-z][a-z-]*$/.test(word)) break;
    words.push(word);
  }
  return words;
}
