import type { PlanRemoval, PlanRemoved } from '../../services/phone-user-changes.ts';
import { code, escapeText, listing, plural, who } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { personOfCard } from './card.ts';
import { type Message, section } from './message.ts';
import { changeLine } from './results.ts';

type Confirm = Extract<PlanRemoval, { kind: 'confirm' }>;

/** Asks before a plan removal releases direct numbers, naming them; the danger button carries what it named. */
export function planRemovalPrompt(removal: Confirm, value: string): Message {
  const person = who(personOfCard(removal.card));
  const numbers = listing(removal.releasedNumbers.map(code));
  const count = removal.releasedNumbers.length;
  const changed = removal.changed
    ? ':arrows_counterclockwise: *Nothing was removed yet.* The numbers changed since you were asked; check them again, then confirm.\n'
    : '';
  const text = `${changed}Remove ${escapeText(listing(removal.removedPlans))} from ${person}? That leaves them without a calling plan, and a direct number needs one, so ${numbers} ${count === 1 ? 'goes' : 'go'} back to the inventory: calls to ${count === 1 ? 'it' : 'them'} will no longer reach ${person}.`;
  const button = `Remove and release ${plural(count, 'number')}`;
  return {
    text: text.replace(/[*`]/g, ''),
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            style: 'danger',
            action_id: ACTIONS.planRemoveConfirm,
            text: { type: 'plain_text', text: button },
            value,
            confirm: {
              title: { type: 'plain_text', text: 'Release numbers?' },
              text: {
                type: 'plain_text',
                text: `${removal.releasedNumbers.join(', ')} will go back to the inventory.`,
              },
              confirm: { type: 'plain_text', text: 'Remove' },
              deny: { type: 'plain_text', text: 'Keep them' },
              style: 'danger',
            },
          },
          {
            type: 'button',
            action_id: ACTIONS.planRemoveCancel,
            text: { type: 'plain_text', text: 'Cancel' },
            value: 'cancel',
          },
        ],
      },
    ],
  };
}

/** What the channel reads once plans were removed, naming any numbers that went back to the inventory. */
export function planRemovedMessage(actor: string, removed: PlanRemoved): Message {
  const released =
    removed.releasedNumbers.length > 0
      ? ` Without a calling plan they cannot keep direct numbers, so ${listing(removed.releasedNumbers)} went back to the inventory.`
      : '';
  return changeLine(
    actor,
    `removed ${escapeText(listing(removed.removedPlans))} from ${who(personOfCard(removed.after))}.${released}`,
  );
}
