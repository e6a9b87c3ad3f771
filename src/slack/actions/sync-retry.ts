import type { App } from '@slack/bolt';
import type { Result } from '../../domain/result.ts';
import type { Actor, Deps } from '../../services/context.ts';
import { retryFailed, retryOne, type SyncRetry } from '../../services/phone-sync.ts';
import { retriedMessage } from '../blocks/phone-sync.ts';
import { ACTIONS } from '../ids.ts';
import { type Click, onButton } from '../listener.ts';
import { decodeDirectoryUser } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';

/** The retry a button asks for, or undefined when its value cannot be read. */
type Retry = (deps: Deps, actor: Actor, value: string | undefined) => Promise<Result<SyncRetry>> | undefined;

/**
 * The Retry buttons of `/phone sync` and of a card: the service checks the clicker is an admin (a refusal is
 * audited) and wakes the sync worker once the retry has committed. The answer is a reply only the clicker sees.
 */
export function registerSyncRetry(app: App, runtime: Runtime): void {
  const retrying =
    (retry: Retry) =>
    async ({ deps, actor, args }: Click) => {
      const result = retry(deps, actor, args.action.value);
      if (!result) return 'This button could not be read. Run `/phone sync` and use its buttons.';
      const settled = await result;
      return settled.ok ? retriedMessage(settled.value.retried, deps.phoneSystem?.name) : settled;
    };
  onButton(app, runtime, ACTIONS.syncRetryOne, {
    name: 'sync retry',
    run: retrying((deps, actor, value) => {
      // The value names a directory entry; anyone could craft it, so it is read strictly and decides nothing.
      const directoryUserId = decodeDirectoryUser(value);
      return directoryUserId === undefined ? undefined : retryOne(deps, actor, directoryUserId);
    }),
  });
  onButton(app, runtime, ACTIONS.syncRetryAll, {
    name: 'sync retry',
    run: retrying((deps, actor) => retryFailed(deps, actor)),
  });
}
