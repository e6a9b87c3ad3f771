import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Result } from '../../domain/result.ts';
import type { Deps } from '../../services/context.ts';
import { retryFailed, retryOne, type SyncRetry } from '../../services/phone-sync.ts';
import { retriedMessage } from '../blocks/phone-sync.ts';
import { ACTIONS } from '../ids.ts';
import { decodeDirectoryUser } from '../payloads.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
type Retry = (
  deps: Deps,
  actor: { slackUserId: string },
  value: string | undefined,
) => Promise<Result<SyncRetry>> | undefined;

/**
 * The Retry buttons of `/phone sync` and of a card: the service checks the clicker is an admin (a refusal is
 * audited) and wakes the sync worker once the retry has committed. The answer is a reply only the clicker sees.
 */
export function registerSyncRetry(app: App, runtime: Runtime): void {
  const listener =
    (retry: Retry) =>
    async ({ ack, action, body, respond, logger }: Args) => {
      await ack();
      const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      const deps = runtime.deps();
      if (!deps) return void (await reply(STARTING));
      try {
        const result = retry(deps, { slackUserId: body.user.id }, action.value);
        if (!result) {
          return void (await reply('This button could not be read. Run `/phone sync` and use its buttons.'));
        }
        const settled = await result;
        await reply(
          settled.ok
            ? retriedMessage(settled.value.retried, deps.phoneSystem?.name)
            : `:warning: ${errorText(settled.error)}`,
        );
      } catch (error) {
        logger.error('sync retry failed', error);
        await reply(`:x: ${failureText(error)}`).catch(() => {});
      }
    };

  app.action(
    ACTIONS.syncRetryOne,
    listener((deps, actor, value) => {
      // The value names a directory entry; anyone could craft it, so it is read strictly and decides nothing.
      const directoryUserId = decodeDirectoryUser(value);
      return directoryUserId === undefined ? undefined : retryOne(deps, actor, directoryUserId);
    }),
  );
  app.action(
    ACTIONS.syncRetryAll,
    listener((deps, actor) => retryFailed(deps, actor)),
  );
}
