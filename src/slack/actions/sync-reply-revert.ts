import type { App } from '@slack/bolt';
import { trackingChanges } from '../../services/change-tracking.ts';
import { revertReply } from '../../services/sync-revert.ts';
import { context, type Message, textMessage } from '../blocks/message.ts';
import { revertedLine } from '../blocks/sync-status.ts';
import { describe } from '../deliver.ts';
import { plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import type { Runtime } from '../runtime.ts';
import { postWithSyncStatus } from '../sync-replies.ts';
import { onSyncReplyButton } from './sync-reply-button.ts';

/**
 * Revert in Switchboard under a change the phone system refused (admins only, audited): the change is taken back
 * for the people refused. The change's message says so in place of its status line, and a message beside it
 * follows how the phone system takes the revert.
 */
export function registerSyncReplyRevert(app: App, runtime: Runtime): void {
  onSyncReplyButton(
    app,
    runtime,
    ACTIONS.syncReplyRevert,
    'sync revert',
    async ({ deps, actor: { slackUserId: actor }, replyId, args, say }) => {
      const { body, client, logger } = args;
      const { value: result, requests } = await trackingChanges(() =>
        revertReply(deps, { slackUserId: actor }, replyId),
      );
      if (!result.ok) return result;
      const { people, reply } = result.value;
      const original = reply.message as Message;
      await client.chat
        .update({
          channel: reply.channelId,
          ts: reply.messageTs,
          text: original.text,
          blocks: [...original.blocks, context(revertedLine(actor, people))],
        })
        .catch((error: unknown) =>
          logger.warn(`Could not show the revert under the change: ${describe(error)}`),
        );
      const message = textMessage(
        `:leftwards_arrow_with_hook: <@${actor}> reverted in Switchboard the change the phone system refused, for ${plural(people.length, 'person', 'people')}: Switchboard now wants what the phone system holds.`,
      );
      const threadTs = body.message?.thread_ts;
      const posted = await postWithSyncStatus(
        deps,
        client,
        logger,
        reply.channelId,
        message,
        requests,
        threadTs,
      );
      if (!posted) await say(message.text);
      await runtime.refreshSyncReplies?.();
    },
  );
}
