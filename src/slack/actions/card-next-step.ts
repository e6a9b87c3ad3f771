import type { App } from '@slack/bolt';
import { numberChoices, planChoices } from '../../services/assign-choices.ts';
import { ACTIONS } from '../ids.ts';
import { onButton } from '../listener.ts';
import { decodeDirectoryUser } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';
import { numberForm, planForm } from '../views/card-forms.ts';

const NO_PLAN_OWNED =
  ':warning: The account owns no calling plans yet. Set how many it owns with `/phone plans set`, e.g. `/phone plans set US/CA Unlimited 25`, then press the button again.';

/** The buttons an admin sees on a new line's card: a calling plan, then a number. Each opens a small form. */
export function registerCardNextStep(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.cardPlanAssign, {
    name: 'opening the calling plan form',
    run: async ({ deps, actor, args }) => {
      const id = decodeDirectoryUser(args.action.value);
      if (id === undefined) return;
      const choices = await planChoices(deps, actor, { kind: 'directory', id, raw: `#${id}` });
      if (!choices.ok) return choices;
      if (choices.value.plans.length === 0) return NO_PLAN_OWNED;
      return { modal: planForm(choices.value.card, choices.value.plans, args.body.channel?.id) };
    },
  });
  onButton(app, runtime, ACTIONS.cardNumberAssign, {
    name: 'opening the number form',
    run: async ({ deps, actor, args }) => {
      const id = decodeDirectoryUser(args.action.value);
      if (id === undefined) return;
      const choices = await numberChoices(deps, actor, { kind: 'directory', id, raw: `#${id}` });
      if (!choices.ok) return choices;
      return { modal: numberForm(choices.value.card, choices.value.numbers, args.body.channel?.id) };
    },
  });
}
