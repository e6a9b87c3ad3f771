import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../services/context.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

export type SyncReplyArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** What a button under a change's status line gets: the app, the reply it names, and a note to the clicker. */
export type SyncReplyClick = {
  deps: Deps;
  replyId: number;
  args: SyncReplyArgs;
  tell: (text: string) => Promise<unknown>;
};

/**
 * A button under a change's status line (Retry, Revert): acknowledged at once; its value is only a reply id, read
 * strictly; answers go to the person who clicked; an unexpected failure is logged and told as such.
 */
export function onSyncReplyButton(
  app: App,
  runtime: Runtime,
  actionId: string,
  what: string,
  run: (click: SyncReplyClick) => Promise<void>,
): void {
  app.action(actionId, async (args: SyncReplyArgs) => {
    const { ack, action, respond, logger } = args;
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const deps = runtime.deps();
    if (!deps) return void (await tell(STARTING));
    const replyId = /^[0-9]{1,15}$/.test(action.value ?? '') ? Number(action.value) : undefined;
    if (replyId === undefined)
      return void (await tell('This button could not be read. Use `/phone sync` to see what was refused.'));
    try {
      await run({ deps, replyId, args, tell });
    } catch (error) {
      logger.error(`${what} failed`, error);
      await tell(`:x: ${failureText(error)}`).catch(() => {});
    }
  });
}
