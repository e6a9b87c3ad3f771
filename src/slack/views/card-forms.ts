import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { OwnedPlan } from '../../services/assign-choices.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { personOfCard } from '../blocks/card.ts';
import { BLOCK_KIT } from '../blocks/limits.ts';
import { clip } from '../format.ts';
import { CARD_FORM_BLOCKS, CARD_FORM_INPUTS, VIEWS } from '../ids.ts';
import { planOption } from './assign-modal.ts';

/** Whose line the form changes (directory id), and the channel the card was in, for the change's message. */
export const cardFormMetadata = z.object({
  d: z.number().int().positive(),
  c: z
    .string()
    .regex(/^[CGD][A-Z0-9]+$/)
    .optional(),
});
export type CardFormMetadata = z.infer<typeof cardFormMetadata>;

/** The value of the number list's first option: the next free number, as `/phone number add` gives it. */
export const ANY_NUMBER = 'any';

const plainText = (text: string) => ({ type: 'plain_text' as const, text });
const note = (text: string): types.KnownBlock => ({ type: 'section', text: plainText(text) });
const nameOf = (card: PhoneUserCard) => personOfCard(card).name;
const metadataOf = (card: PhoneUserCard, channelId: string | undefined) =>
  JSON.stringify({ d: card.directoryUserId, ...(channelId ? { c: channelId } : {}) });

/** The card's "Assign calling plan": one of the plans the account owns, with how many are free. */
export function planForm(card: PhoneUserCard, plans: OwnedPlan[], channelId?: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.cardPlan,
    private_metadata: metadataOf(card, channelId),
    title: plainText('Assign calling plan'),
    submit: plainText('Assign'),
    close: plainText('Cancel'),
    blocks: [
      note(clip(`${nameOf(card)} (extension ${card.extension}) can only make internal calls.`, 3000)),
      {
        type: 'input',
        block_id: CARD_FORM_BLOCKS.plan,
        label: plainText('Calling plan'),
        element: {
          type: 'static_select',
          action_id: CARD_FORM_INPUTS.plan,
          options: plans.map(planOption),
          placeholder: plainText('Choose a plan'),
        },
      },
    ],
  };
}

/**
 * The card's "Assign number": a free number of the person's site, or whichever is next; Skip closes it. `done`
 * says what the form before it did (the plan it gave). Without a free number it only says how to get one.
 */
export function numberForm(
  card: PhoneUserCard,
  numbers: string[],
  channelId?: string,
  done?: string,
): types.ModalView {
  const head = done ? [note(done)] : [];
  const base = {
    type: 'modal' as const,
    callback_id: VIEWS.cardNumber,
    private_metadata: metadataOf(card, channelId),
    title: plainText('Assign number'),
  };
  if (numbers.length === 0) {
    return {
      ...base,
      close: plainText('Close'),
      blocks: [
        ...head,
        note(
          clip(
            `There is no free number for ${card.site}. Add some with /phone numbers add, then press Assign number on the card again.`,
            3000,
          ),
        ),
      ],
    };
  }
  const option = (text: string, value: string) => ({
    text: plainText(clip(text, BLOCK_KIT.optionText)),
    value,
  });
  const any = option('Any free number', ANY_NUMBER);
  return {
    ...base,
    submit: plainText('Assign'),
    close: plainText('Skip'),
    blocks: [
      ...head,
      {
        type: 'input',
        block_id: CARD_FORM_BLOCKS.number,
        label: plainText(clip(`Direct number for ${nameOf(card)}`, 2000)),
        hint: plainText('Skip to leave them without one: they can still call out with their plan.'),
        element: {
          type: 'static_select',
          action_id: CARD_FORM_INPUTS.number,
          options: [any, ...numbers.map((number) => option(number, number))],
          initial_option: any,
        },
      },
    ],
  };
}
