import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { UserRef } from '../../domain/user-ref.ts';
import { numberChoices } from '../../services/assign-choices.ts';
import { addNumber, addPlan } from '../../services/phone-user-changes.ts';
import { personOfCard } from '../blocks/card.ts';
import type { Message } from '../blocks/message.ts';
import { changeLine } from '../blocks/results.ts';
import { code, escapeText, who } from '../format.ts';
import { CARD_FORM_BLOCKS, CARD_FORM_INPUTS, VIEWS } from '../ids.ts';
import { onSubmission, textOrMessage, type Verdict } from '../listener.ts';
import { formError } from '../names.ts';
import type { Runtime } from '../runtime.ts';
import { ANY_NUMBER, type CardFormMetadata, cardFormMetadata, numberForm } from './card-forms.ts';

const chosen = (block: string, input: string) =>
  z.object({
    [block]: z.object({ [input]: z.object({ selected_option: z.object({ value: z.string() }).nullable() }) }),
  });
const planState = chosen(CARD_FORM_BLOCKS.plan, CARD_FORM_INPUTS.plan);
const numberState = chosen(CARD_FORM_BLOCKS.number, CARD_FORM_INPUTS.number);

const UNREADABLE = 'This form could not be read. Close it and run /phone show again.';
const under = (block: string, text: string) => ({ errors: { [block]: text } });

/** The metadata the form was drawn with, or undefined: it comes back from Slack, where anyone could write it. */
function metadataOf(text: string): CardFormMetadata | undefined {
  try {
    return cardFormMetadata.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

const refOf = (metadata: CardFormMetadata): UserRef => ({
  kind: 'directory',
  id: metadata.d,
  raw: `#${metadata.d}`,
});

/**
 * The card's two small forms. A refusal shows under the list with the choice kept; a calling plan given goes on to
 * the number form (Skip closes it); each change is posted in the channel the card was in, like its command's.
 */
export function registerCardSubmissions(app: App, runtime: Runtime): void {
  onSubmission(app, runtime, {
    callbackId: VIEWS.cardPlan,
    name: 'calling plan form',
    generalBlock: CARD_FORM_BLOCKS.plan,
    run: async ({ deps, actor, args: { view, client } }): Promise<Verdict> => {
      const values = planState.safeParse(view.state.values);
      const metadata = metadataOf(view.private_metadata);
      const plan = values.data?.[CARD_FORM_BLOCKS.plan]?.[CARD_FORM_INPUTS.plan]?.selected_option?.value;
      if (!metadata || plan === undefined) return under(CARD_FORM_BLOCKS.plan, UNREADABLE);
      const ref = refOf(metadata);
      const added = await addPlan(deps, actor, ref, plan);
      if (!added.ok) return under(CARD_FORM_BLOCKS.plan, await formError(client, added.error));
      const { before, after } = added.value;
      const names = after.plans.filter((p) => !before.plans.some((b) => b.code === p.code));
      const planName = names.map((p) => p.shortName).join(', ');
      const post = posting(client, actor.slackUserId, metadata.c);
      const done = `${personOfCard(after).name} now has the ${planName} calling plan.`;
      const said = changeLine(
        actor.slackUserId,
        `gave ${who(personOfCard(after))} the ${escapeText(planName)} calling plan.`,
      );
      const choices = after.numbers.length === 0 ? await numberChoices(deps, actor, ref) : undefined;
      const next = choices?.ok
        ? numberForm(
            choices.value.card,
            choices.value.numbers,
            metadata.c,
            `${done} Give them a direct number too?`,
          )
        : undefined;
      return {
        ...(next ? { update: next } : { close: true as const }),
        tell: post.tell,
        after: () => post.channel(said),
      };
    },
  });
  onSubmission(app, runtime, {
    callbackId: VIEWS.cardNumber,
    name: 'number form',
    generalBlock: CARD_FORM_BLOCKS.number,
    run: async ({ deps, actor, args: { view, client } }): Promise<Verdict> => {
      const values = numberState.safeParse(view.state.values);
      const metadata = metadataOf(view.private_metadata);
      const choice =
        values.data?.[CARD_FORM_BLOCKS.number]?.[CARD_FORM_INPUTS.number]?.selected_option?.value;
      if (!metadata || choice === undefined) return under(CARD_FORM_BLOCKS.number, UNREADABLE);
      const number = choice === ANY_NUMBER ? undefined : choice;
      const added = await addNumber(deps, actor, refOf(metadata), number);
      if (!added.ok) return under(CARD_FORM_BLOCKS.number, await formError(client, added.error));
      const { after, number: assigned } = added.value;
      const post = posting(client, actor.slackUserId, metadata.c);
      const said = changeLine(
        actor.slackUserId,
        `assigned ${code(assigned)} to ${who(personOfCard(after))}.`,
      );
      return { close: true, tell: post.tell, after: () => post.channel(said) };
    },
  });
}

/** Where a form's change is told: the channel the card was in (a form opened elsewhere has nowhere to post). */
function posting(client: Parameters<typeof formError>[0], user: string, channel: string | undefined) {
  return {
    channel: async (message: Message): Promise<undefined> => {
      if (channel) await client.chat.postMessage({ channel, ...message });
      return undefined;
    },
    tell: async (message: string | Message) => {
      if (channel)
        await client.chat.postEphemeral({ channel, user, ...textOrMessage(message) }).catch(() => {});
    },
  };
}
