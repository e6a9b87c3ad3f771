import type { App } from '@slack/bolt';
import { type AdoptionChoice, applyAdoption, cancelAdoption } from '../../services/adoption.ts';
import { adoptedMessage } from '../blocks/adoption.ts';
import { ACTIONS } from '../ids.ts';
import { type Click, onButton } from '../listener.ts';
import type { Runtime } from '../runtime.ts';

/** An adoption's id as a button carries it; anyone could craft the value, so it is read strictly. */
const adoptionId = (value: string | undefined) =>
  /^[1-9][0-9]{0,9}$/.test(value ?? '') ? Number(value) : undefined;

/**
 * The buttons of an adoption preview: *Adopt N*, *Adopt the others* and *Cancel*. The services check the clicker
 * is an admin (a refusal is audited) and that the preview is still open; the outcome replaces the preview, which
 * only the admin who asked sees.
 */
export function registerAdoptionActions(app: App, runtime: Runtime): void {
  const run =
    (choice: AdoptionChoice | 'cancel') =>
    async ({ deps, actor, args }: Click) => {
      const id = adoptionId(args.action.value);
      if (id === undefined) return 'This button could not be read. Run `/phone adopt` and use its buttons.';
      const system = deps.phoneSystem?.name ?? 'the phone system';
      const replace = async (text: string): Promise<undefined> => {
        await args.respond({ response_type: 'ephemeral', replace_original: true, text });
      };
      if (choice === 'cancel') {
        const cancelled = await cancelAdoption(deps, actor, id);
        return cancelled.ok ? replace(`Cancelled: nothing of ${system}'s account was adopted.`) : cancelled;
      }
      const adopted = await applyAdoption(deps, actor, id, choice);
      return adopted.ok ? replace(adoptedMessage(system, adopted.value, choice)) : adopted;
    };
  onButton(app, runtime, ACTIONS.adoptAll, { name: 'adoption', run: run('all') });
  onButton(app, runtime, ACTIONS.adoptOthers, { name: 'adoption', run: run('others') });
  onButton(app, runtime, ACTIONS.adoptCancel, { name: 'adoption', run: run('cancel') });
}
