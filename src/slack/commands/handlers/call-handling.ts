import { parseHoursText } from '../../../domain/hours.ts';
import type { UserRef } from '../../../domain/user-ref.ts';
import { addForwardNumber, removeForwardNumber } from '../../../services/settings/call-handling.ts';
import { setBusinessHours } from '../../../services/settings/hours.ts';
import {
  forwardAddedMessage,
  forwardRemovedMessage,
  hoursChangedMessage,
  hoursUnchangedMessage,
} from '../../blocks/call-handling.ts';
import { textMessage } from '../../blocks/message.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { errorText } from '../../replies.ts';
import { type HandlerContext, settle } from './context.ts';

/** `/phone hours <user> <hours>`: the hours text is read here, then checked again whole by the service. */
export async function hours(ctx: HandlerContext, user: UserRef, text: string): Promise<Outcome> {
  const parsed = parseHoursText(text);
  if (!parsed.ok) return ephemeral(textMessage(`:warning: ${errorText(parsed.error)}`));
  return settle(setBusinessHours(ctx.deps, ctx.actor, user, parsed.value), (result) =>
    result.changed
      ? { channel: hoursChangedMessage(ctx.actor.slackUserId, result) }
      : ephemeral(hoursUnchangedMessage(result)),
  );
}

export function forwardAdd(
  ctx: HandlerContext,
  user: UserRef,
  number: string,
  description: string,
): Promise<Outcome> {
  return settle(addForwardNumber(ctx.deps, ctx.actor, user, number, description), (result) => ({
    channel: forwardAddedMessage(ctx.actor.slackUserId, result),
  }));
}

export function forwardRemove(ctx: HandlerContext, user: UserRef, number: string): Promise<Outcome> {
  return settle(removeForwardNumber(ctx.deps, ctx.actor, user, number), (result) => ({
    channel: forwardRemovedMessage(ctx.actor.slackUserId, result),
  }));
}
