import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import * as people from '../commands/people.ts';
import { deliver } from '../deliver.ts';
import { ACTIONS } from '../ids.ts';
import { decodeListCursor } from '../payloads.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** The Next button under `/phone list`: the next page replaces the current one. */
export function registerListNext(app: App, runtime: Runtime): void {
  app.action(ACTIONS.listNext, async ({ ack, action, body, respond, client, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    if (!deps)
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text: STARTING }));
    const cursor = decodeListCursor(action.value);
    if (!cursor)
      return void (await respond({
        replace_original: true,
        text: 'This list could not be continued; run `/phone list` again.',
      }));
    try {
      const outcome = await people.list(
        { deps, actor: { slackUserId: body.user.id }, channelId: body.channel?.id ?? '' },
        cursor.query,
        cursor.after,
      );
      await deliver({ replace: outcome.ephemeral ?? outcome.channel }, { respond, client, logger });
    } catch (error) {
      logger.error('list next failed', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:x: ${failureText(error)}`,
      }).catch(() => {});
    }
  });
}
