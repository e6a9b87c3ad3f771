import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { revealPin } from '../../services/settings/set-settings.ts';
import { type Message, textMessage } from '../blocks/message.ts';
import { pinMessage, privateNoteModal } from '../blocks/settings-changes.ts';
import { ACTIONS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

const PIN_OWNER = /^u:([0-9]{1,9})$/;

/** The button value names a directory entry; anyone could craft it, so it is read strictly and decides nothing. */
export function decodePinOwner(value: string | undefined): number | undefined {
  const match = value ? PIN_OWNER.exec(value) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * Show PIN on a card: the PIN goes only to the person who clicked, in an ephemeral reply, and only if they are an
 * admin or the card's own user (the service decides, and audits both the showing and a refusal).
 */
export function registerShowPin(app: App, runtime: Runtime): void {
  app.action(ACTIONS.showPin, async ({ ack, action, body, respond, client, logger }: Args) => {
    await ack();
    // On a message (a card from /phone show or /phone me) the answer is an ephemeral reply; on the Home tab or in
    // a modal there is no response_url, so the answer is a small modal only the clicker sees.
    const reply = async (message: Message) => {
      if (body.container?.type !== 'view') {
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
        return;
      }
      const view = privateNoteModal('Voicemail PIN', message);
      if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    };
    const deps = runtime.deps();
    if (!deps) return void (await reply(textMessage(STARTING)));
    const directoryUserId = decodePinOwner(action.value);
    if (directoryUserId === undefined) {
      return void (await reply(
        textMessage('This button could not be read. Open the card again with `/phone show` or `/phone me`.'),
      ));
    }
    const actor = { slackUserId: body.user.id };
    try {
      const ref = { kind: 'directory' as const, id: directoryUserId, raw: `#${directoryUserId}` };
      const result = await revealPin(deps, actor, ref);
      await reply(
        result.ok
          ? pinMessage(actor.slackUserId, result.value.card, result.value.pin)
          : textMessage(`:warning: ${errorText(result.error)}`),
      );
    } catch (error) {
      logger.error('show PIN failed', error);
      await reply(textMessage(`:x: ${failureText(error)}`)).catch(() => {});
    }
  });
}
