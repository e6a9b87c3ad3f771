import type { UserRef } from '../../domain/user-ref.ts';
import { setSipPassword } from '../../services/sip-credentials.ts';
import { sipPasswordMessage, sipPasswordSentMessage } from '../blocks/sip.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import type { Read } from './grammar.ts';
import { needs, ok, positional, readUser, unexpected } from './grammar.ts';
import { macAsWord } from './places-and-devices.ts';
import type { Token } from './tokenize.ts';

/**
 * `/phone sip password <user> [<MAC>]`: a new password for the person's apps or desk phone, shown once and only to
 * the person: in the reply only they see when it is their own, in their DM with the app when an admin set it.
 */
export function sipPassword(ctx: HandlerContext, user: UserRef, mac: string | undefined): Promise<Outcome> {
  return settle(setSipPassword(ctx.deps, ctx.actor, user, mac), (result) => {
    if (!result.forOther) return ephemeral(sipPasswordMessage(result));
    // The service refuses an admin's request for someone without a chat account: the password never goes to the admin.
    const to = result.card.slackUserId;
    if (to === null) throw new Error('a SIP password set for someone without a chat account');
    return {
      direct: { to, message: sipPasswordMessage(result), what: 'the SIP password' },
      ephemeral: sipPasswordSentMessage(result),
    };
  });
}

export type SipPasswordCommand = { name: 'sip.password'; user: UserRef; mac?: string };
export const sipPasswordCommand = defineCommand<SipPasswordCommand>({
  name: 'sip.password',
  syntax: 'sip password <user> [<MAC>]',
  description:
    'Set a new SIP password for the phone apps of the line, or for one of its desk phones, shown once to the person (running it again resets it).',
  example: '/phone sip password @ada',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: parseSipPassword,
  run: (ctx, c) => sipPassword(ctx, c.user, c.mac),
});

/** `sip password <user> [<MAC>]`: a MAC typed with colons reads as one word, not as an option. */
function parseSipPassword(args: Token[]): Read<SipPasswordCommand> {
  const name = 'sip.password';
  const rest = positional(name, args.map(macAsWord));
  if (!rest.ok) return rest;
  const [userWord, macWord, extra] = rest.value;
  if (!userWord) return needs(name, 'a user');
  const user = readUser(name, userWord);
  if (!user.ok) return user;
  if (extra) return unexpected(name, extra);
  if (!macWord) return ok({ name, user: user.value });
  return ok({ name, user: user.value, mac: macWord.text });
}

export const commands = [sipPasswordCommand] as const;
