import type {
  AllMiddlewareArgs,
  App,
  BlockButtonAction,
  RespondFn,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { Person } from '../../domain/errors.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { Actor, Deps } from '../../services/context.ts';
import { previewRemoval, removeLicenses } from '../../services/licenses.ts';
import { textMessage } from '../blocks/message.ts';
import { changedNotice, removalPrompt, removedMessage, removedReply } from '../blocks/removal.ts';
import { deliver } from '../deliver.ts';
import { ACTIONS } from '../ids.ts';
import { decodeRemoval, encodeRemoval, removalOf } from '../payloads.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** Beside the confirmation, not over it: after a double click the first click's "Removed" stays in view. */
const nothingRemoved = (respond: RespondFn, text: string) =>
  respond({ response_type: 'ephemeral', replace_original: false, ...textMessage(`:warning: ${text}`) });

export function registerRemoveLicenses(app: App, runtime: Runtime): void {
  app.action(ACTIONS.removeConfirm, async ({ ack, action, body, respond, client, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    if (!deps)
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text: STARTING }));
    const removal = decodeRemoval(action.value);
    if (!removal)
      return void (await respond({
        replace_original: true,
        text: 'This button could not be read; nothing was removed. Run `/phone remove` again.',
      }));
    const actor = { slackUserId: body.user.id };
    const refs = removal.directoryUserIds.map((id) => ({ kind: 'directory' as const, id, raw: `#${id}` }));
    try {
      const result = await removeLicenses(deps, actor, refs, removal.shown);
      if (!result.ok && result.error.code === 'REMOVAL_CHANGED') {
        return void (await askAgain(deps, actor, refs, result.error.users, respond));
      }
      if (!result.ok)
        return void (await nothingRemoved(respond, `Nothing was removed. ${errorText(result.error)}`));
      await deliver(
        {
          replace: textMessage(removedReply(result.value)),
          channel: removedMessage(actor.slackUserId, result.value),
        },
        { respond, client, logger },
      );
    } catch (error) {
      logger.error('remove licenses failed', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:x: ${failureText(error)}`,
      }).catch(() => {});
    }
  });

  app.action(ACTIONS.removeCancel, async ({ ack, respond }: Args) => {
    await ack();
    await respond({ replace_original: true, text: 'Cancelled: nothing was removed.' });
  });
}

/** The confirmation again, as things are now, in place of the one that no longer told the whole story. */
async function askAgain(deps: Deps, actor: Actor, refs: UserRef[], changed: Person[], respond: RespondFn) {
  const previews = await previewRemoval(deps, actor, refs);
  if (!previews.ok) return nothingRemoved(respond, `Nothing was removed. ${errorText(previews.error)}`);
  const value = encodeRemoval(previews.value.map(removalOf));
  return respond({ replace_original: true, ...removalPrompt(previews.value, value, changedNotice(changed)) });
}
