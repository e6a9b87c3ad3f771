import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type AdoptionChoice, applyAdoption, cancelAdoption } from '../../services/adoption.ts';
import { adoptedMessage } from '../blocks/adoption.ts';
import { ACTIONS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** An adoption's id as a button carries it; anyone could craft the value, so it is read strictly. */
const adoptionId = (value: string | undefined) =>
  /^[1-9][0-9]{0,9}$/.test(value ?? '') ? Number(value) : undefined;

/**
 * The buttons of an adoption preview: *Adopt N*, *Adopt the others* and *Cancel*. The services check the clicker
 * is an admin (a refusal is audited) and that the preview is still open; the outcome replaces the preview, which
 * only the admin who asked sees.
 */
export function registerAdoptionActions(app: App, runtime: Runtime): void {
  const listener =
    (choice: AdoptionChoice | 'cancel') =>
    async ({ ack, action, body, respond, logger }: Args) => {
      await ack();
      const reply = (text: string, replace = false) =>
        respond({ response_type: 'ephemeral', replace_original: replace, text });
      const deps = runtime.deps();
      if (!deps) return void (await reply(STARTING));
      try {
        const id = adoptionId(action.value);
        if (id === undefined) {
          return void (await reply('This button could not be read. Run `/phone adopt` and use its buttons.'));
        }
        const actor = { slackUserId: body.user.id };
        const system = deps.phoneSystem?.name ?? 'the phone system';
        if (choice === 'cancel') {
          const cancelled = await cancelAdoption(deps, actor, id);
          return void (await (cancelled.ok
            ? reply(`Cancelled: nothing of ${system}'s account was adopted.`, true)
            : reply(`:warning: ${errorText(cancelled.error)}`)));
        }
        const adopted = await applyAdoption(deps, actor, id, choice);
        await (adopted.ok
          ? reply(adoptedMessage(system, adopted.value, choice), true)
          : reply(`:warning: ${errorText(adopted.error)}`));
      } catch (error) {
        logger.error('adoption failed', error);
        await reply(`:x: ${failureText(error)}`).catch(() => {});
      }
    };
  app.action(ACTIONS.adoptAll, listener('all'));
  app.action(ACTIONS.adoptOthers, listener('others'));
  app.action(ACTIONS.adoptCancel, listener('cancel'));
}
