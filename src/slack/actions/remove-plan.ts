import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { removePlan } from '../../services/phone-user-changes.ts';
import { textMessage } from '../blocks/message.ts';
import { planRemovalPrompt, planRemovedMessage } from '../blocks/plan-removal.ts';
import { deliver } from '../deliver.ts';
import { plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { decodePlanRemoval, planRemovalValue } from '../payloads.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The buttons of a plan removal that releases numbers. The click removes the plan only if the numbers are still
 * the ones the prompt named; otherwise the prompt is shown again as things are now.
 */
export function registerRemovePlan(app: App, runtime: Runtime): void {
  app.action(ACTIONS.planRemoveConfirm, async ({ ack, action, body, respond, client, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    if (!deps)
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text: STARTING }));
    const removal = decodePlanRemoval(action.value);
    if (!removal)
      return void (await respond({
        replace_original: true,
        text: 'This button could not be read; nothing was removed. Run `/phone plan remove` again.',
      }));
    const actor = { slackUserId: body.user.id };
    const ref = {
      kind: 'directory' as const,
      id: removal.directoryUserId,
      raw: `#${removal.directoryUserId}`,
    };
    const plan = removal.plan === null ? undefined : String(removal.plan);
    try {
      const result = await removePlan(deps, actor, ref, plan, removal.numbers);
      if (!result.ok)
        return void (await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...textMessage(`:warning: Nothing was removed. ${errorText(result.error)}`),
        }));
      const done = result.value;
      if (done.kind === 'confirm') {
        const value = planRemovalValue(done, removal.plan !== null);
        return void (await respond({ replace_original: true, ...planRemovalPrompt(done, value) }));
      }
      const released = plural(done.releasedNumbers.length, 'number');
      await deliver(
        {
          replace: textMessage(`Removed; ${released} went back to the inventory.`),
          channel: planRemovedMessage(actor.slackUserId, done),
        },
        { respond, client, logger },
      );
    } catch (error) {
      logger.error('plan removal failed', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:x: ${failureText(error)}`,
      }).catch(() => {});
    }
  });

  app.action(ACTIONS.planRemoveCancel, async ({ ack, respond }: Args) => {
    await ack();
    await respond({ replace_original: true, text: 'Cancelled: no plan was removed and the numbers stay.' });
  });
}
