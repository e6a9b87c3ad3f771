import type { App } from '@slack/bolt';
import { type Answer, type Click, onButton } from '../listener.ts';
import type { Runtime } from '../runtime.ts';

/** What a button under a change's status line gets: the click, and the reply it names. */
export type SyncReplyClick = Click & { replyId: number };

/** A button under a change's status line (Retry, Revert): its value is only a reply id, read strictly. */
export function onSyncReplyButton(
  app: App,
  runtime: Runtime,
  actionId: string,
  name: string,
  run: (click: SyncReplyClick) => Promise<Answer>,
): void {
  onButton(app, runtime, actionId, {
    name,
    run: async (click) => {
      const value = click.args.action.value ?? '';
      if (!/^[0-9]{1,15}$/.test(value))
        return 'This button could not be read. Use `/phone sync` to see what was refused.';
      return run({ ...click, replyId: Number(value) });
    },
  });
}
