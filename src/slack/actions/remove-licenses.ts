import type { App } from '@slack/bolt';
import type { Person } from '../../domain/errors.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import type { Actor, Deps } from '../../services/context.ts';
import { previewRemoval, removeLicenses } from '../../services/licenses.ts';
import { textMessage } from '../blocks/message.ts';
import { changedNotice, removalPrompt, removedMessage, removedReply } from '../blocks/removal.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, onCancel, replaceWith } from '../listener.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { decodeRemoval, encodeRemoval, removalOf } from '../payloads.ts';
import { errorText } from '../replies.ts';
import type { Runtime } from '../runtime.ts';

/** Beside the confirmation, not over it: after a double click the first click's "Removed" stays in view. */
const nothingRemoved = (text: string): Outcome =>
  ephemeral(textMessage(`:warning: Nothing was removed. ${text}`));

export function registerRemoveLicenses(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.removeConfirm, {
    name: 'remove licenses',
    run: async ({ deps, actor, args }) => {
      const removal = decodeRemoval(args.action.value);
      if (!removal)
        return replaceWith(
          args,
          'This button could not be read; nothing was removed. Run `/phone remove` again.',
        );
      const refs = removal.directoryUserIds.map((id) => ({ kind: 'directory' as const, id, raw: `#${id}` }));
      const result = await removeLicenses(deps, actor, refs, removal.shown);
      if (!result.ok && result.error.code === 'REMOVAL_CHANGED') {
        return askAgain(deps, actor, refs, result.error.users);
      }
      if (!result.ok) return nothingRemoved(errorText(result.error));
      return {
        replace: textMessage(removedReply(result.value)),
        channel: removedMessage(actor.slackUserId, result.value),
      };
    },
  });

  onCancel(app, ACTIONS.removeCancel, 'Cancelled: nothing was removed.');
}

/** The confirmation again, as things are now, in place of the one that no longer told the whole story. */
async function askAgain(deps: Deps, actor: Actor, refs: UserRef[], changed: Person[]): Promise<Outcome> {
  const previews = await previewRemoval(deps, actor, refs);
  if (!previews.ok) return nothingRemoved(errorText(previews.error));
  const value = encodeRemoval(previews.value.map(removalOf));
  return { replace: removalPrompt(previews.value, value, changedNotice(changed)) };
}
