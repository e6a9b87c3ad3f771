import type { App } from '@slack/bolt';
import { removePlan } from '../../services/phone-user-changes.ts';
import { textMessage } from '../blocks/message.ts';
import { planRemovalPrompt, planRemovedMessage } from '../blocks/plan-removal.ts';
import { plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, onCancel, replaceWith } from '../listener.ts';
import { ephemeral } from '../outcome.ts';
import { decodePlanRemoval, planRemovalValue } from '../payloads.ts';
import { errorText } from '../replies.ts';
import type { Runtime } from '../runtime.ts';

/**
 * The buttons of a plan removal that releases numbers. The click removes the plan only if the numbers are still
 * the ones the prompt named; otherwise the prompt is shown again as things are now.
 */
export function registerRemovePlan(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.planRemoveConfirm, {
    name: 'plan removal',
    run: async ({ deps, actor, args }) => {
      const removal = decodePlanRemoval(args.action.value);
      if (!removal)
        return replaceWith(
          args,
          'This button could not be read; nothing was removed. Run `/phone plan remove` again.',
        );
      const { directoryUserId: id } = removal;
      const plan = removal.plan === null ? undefined : String(removal.plan);
      const ref = { kind: 'directory' as const, id, raw: `#${id}` };
      const result = await removePlan(deps, actor, ref, plan, removal.numbers);
      if (!result.ok)
        return ephemeral(textMessage(`:warning: Nothing was removed. ${errorText(result.error)}`));
      const done = result.value;
      if (done.kind === 'confirm') {
        return { replace: planRemovalPrompt(done, planRemovalValue(done, removal.plan !== null)) };
      }
      const released = plural(done.releasedNumbers.length, 'number');
      return {
        replace: textMessage(`Removed; ${released} went back to the inventory.`),
        channel: planRemovedMessage(actor.slackUserId, done),
      };
    },
  });

  onCancel(app, ACTIONS.planRemoveCancel, 'Cancelled: no plan was removed and the numbers stay.');
}
