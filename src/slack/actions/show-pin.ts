import type { App } from '@slack/bolt';
import { revealPin } from '../../services/settings/set-settings.ts';
import { pinMessage } from '../blocks/settings-changes.ts';
import { ACTIONS } from '../ids.ts';
import {
  asMessage,
  type ButtonArgs,
  beside,
  inBlocks,
  noteModal,
  onButton,
  type Surface,
  warning,
} from '../listener.ts';
import type { Runtime } from '../runtime.ts';

const PIN_OWNER = /^u:([0-9]{1,9})$/;

/** The button value names a directory entry; anyone could craft it, so it is read strictly and decides nothing. */
export function decodePinOwner(value: string | undefined): number | undefined {
  const match = value ? PIN_OWNER.exec(value) : null;
  return match?.[1] ? Number(match[1]) : undefined;
}

/**
 * On a message (a card from /phone show or /phone me) the answer is an ephemeral reply; on the Home tab or in a
 * modal there is no response_url, so the answer is a small modal only the clicker sees.
 */
function pinSurface(args: ButtonArgs): Surface {
  const inView = args.body.container?.type === 'view';
  return {
    ...inBlocks(inView ? noteModal('Voicemail PIN', asMessage)(args) : beside(args)),
    refusal: warning,
  };
}

/**
 * Show PIN on a card: the PIN goes only to the person who clicked, and only if they are an admin or the card's own
 * user (the service decides, and audits both the showing and a refusal).
 */
export function registerShowPin(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.showPin, {
    name: 'show PIN',
    surface: pinSurface,
    run: async ({ deps, actor, args, say }) => {
      const id = decodePinOwner(args.action.value);
      if (id === undefined) {
        return 'This button could not be read. Open the card again with `/phone show` or `/phone me`.';
      }
      const result = await revealPin(deps, actor, { kind: 'directory', id, raw: `#${id}` });
      if (!result.ok) return result;
      await say(pinMessage(actor.slackUserId, result.value.card, result.value.pin));
    },
  });
}
