import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { removeLicenses } from '../../services/licenses.ts';
import { textMessage } from '../blocks/message.ts';
import { removedDm, removedMessage } from '../blocks/results.ts';
import { deliver } from '../deliver.ts';
import { plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { decodeRemoval } from '../payloads.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

export function registerRemoveLicenses(app: App, runtime: Runtime): void {
  app.action(ACTIONS.removeConfirm, async ({ ack, action, body, respond, client, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    if (!deps)
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text: STARTING }));
    const ids = decodeRemoval(action.value);
    if (!ids)
      return void (await respond({
        replace_original: true,
        text: 'This button could not be read; nothing was removed. Run `/phone remove` again.',
      }));
    const actor = { slackUserId: body.user.id };
    try {
      const result = await removeLicenses(
        deps,
        actor,
        ids.map((id) => ({ kind: 'directory' as const, id, raw: `#${id}` })),
      );
      if (!result.ok) {
        // Beside the confirmation, not over it: after a double click the first click's "Removed" stays in view.
        return void (await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...textMessage(`:warning: Nothing was removed. ${errorText(result.error)}`),
        }));
      }
      const dms = result.value.removed.flatMap(({ card }) =>
        card.slackUserId ? [{ slackUserId: card.slackUserId, message: removedDm() }] : [],
      );
      await deliver(
        {
          replace: textMessage(`Removed ${plural(result.value.removed.length, 'phone license')}.`),
          channel: removedMessage(actor.slackUserId, result.value),
          dms,
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
