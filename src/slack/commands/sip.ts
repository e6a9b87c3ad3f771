import type { UserRef } from '../../domain/user-ref.ts';
import { setSipPassword } from '../../services/sip-credentials.ts';
import { sipPasswordMessage, sipPasswordSentMessage } from '../blocks/sip.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import { oneUser } from './grammar.ts';

/**
 * `/phone sip password <user>`: a new password for the person's apps, shown once and only to the person: in the
 * reply only they see when it is their own, in their DM with the app when an admin set it.
 */
export function sipPassword(ctx: HandlerContext, user: UserRef): Promise<Outcome> {
  return settle(setSipPassword(ctx.deps, ctx.actor, user), (result) => {
    const to = result.card.slackUserId;
    if (!result.forOther || to === null) return ephemeral(sipPasswordMessage(result));
    return {
      direct: { to, message: sipPasswordMessage(result), what: 'the SIP password' },
      ephemeral: sipPasswordSentMessage(result),
    };
  });
}

export type SipPasswordCommand = { name: 'sip.password'; user: UserRef };
export const sipPasswordCommand = defineCommand<SipPasswordCommand>({
  name: 'sip.password',
  syntax: 'sip password <user>',
  description:
    'Set a new password for the SIP phone apps of the line, shown once to the person (running it again resets it).',
  example: '/phone sip password @ada',
  audience: 'self',
  section: 'Settings, blocking & delegation',
  parse: (args) => oneUser('sip.password', args),
  run: (ctx, c) => sipPassword(ctx, c.user),
});

export const commands = [sipPasswordCommand] as const;
