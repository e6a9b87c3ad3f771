import type { App } from '@slack/bolt';
import { retryReply } from '../../services/sync-replies.ts';
import { plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import type { Runtime } from '../runtime.ts';
import { onSyncReplyButton } from './sync-reply-button.ts';

/**
 * Retry under a change the phone system refused: the people it refused are tried again (admins only, audited);
 * the status line above follows as they settle.
 */
export function registerSyncReplyRetry(app: App, runtime: Runtime): void {
  onSyncReplyButton(
    app,
    runtime,
    ACTIONS.syncReplyRetry,
    'sync retry',
    async ({ deps, actor, replyId, say }) => {
      const result = await retryReply(deps, actor, replyId);
      if (!result.ok) return result;
      const { retried } = result.value;
      await say(
        retried === 0
          ? 'Nobody here is refused any more: nothing to retry.'
          : `Trying ${plural(retried, 'person', 'people')} again; the line above shows how it goes.`,
      );
      await runtime.refreshSyncReplies?.();
    },
  );
}
