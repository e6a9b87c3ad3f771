import type { UserRef } from '../../../domain/user-ref.ts';
import { settingsForm } from '../../../services/settings/forms.ts';
import { notPhoneUserMessage } from '../../blocks/card.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { summaryView } from '../../views/settings/sections.ts';
import { type HandlerContext, settle } from './context.ts';

/** `/phone settings [<user>]`: the settings form of a user, or of the caller themselves. */
export async function openSettings(ctx: HandlerContext, user: UserRef | undefined): Promise<Outcome> {
  const ref: UserRef = user ?? {
    kind: 'slack',
    id: ctx.actor.slackUserId,
    raw: `<@${ctx.actor.slackUserId}>`,
  };
  const form = await settingsForm(ctx.deps, ctx.actor, ref);
  if (!form.ok && form.error.code === 'NOT_A_PHONE_USER' && user === undefined) {
    return ephemeral(notPhoneUserMessage(form.error.user, true));
  }
  return settle(Promise.resolve(form), (f) => ({
    modal: summaryView(f, ctx.channelId, ctx.deps.clock.now()),
  }));
}
