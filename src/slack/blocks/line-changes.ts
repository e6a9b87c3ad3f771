import type { LineChange } from '../../services/line-changes.ts';
import { escapeText, who } from '../format.ts';
import { personOfCard } from './card.ts';
import { type Message, textMessage } from './message.ts';

const list = (items: string[]) => (items.length > 0 ? items.map(escapeText).join(', ') : 'none');

/** What one save of the Line section changed, part by part, each from what it was to what it is. */
export function lineChangedMessage(actor: string, change: LineChange): Message {
  const { before, after } = change;
  const parts = change.changed.map((part) => {
    switch (part) {
      case 'site':
        return `site ${escapeText(before.site)} → ${escapeText(after.site)}`;
      case 'extension':
        return `extension ${before.extension} → ${after.extension}`;
      case 'plans':
        return `calling plans ${list(before.plans.map((p) => p.shortName))} → ${list(after.plans.map((p) => p.shortName))}`;
      case 'numbers':
        return `numbers ${list(before.numbers)} → ${list(after.numbers)}`;
      default:
        return `status ${before.status} → ${after.status}`;
    }
  });
  // A move alone can change the extension too: say so, since the person dials it.
  if (
    change.changed.includes('site') &&
    !change.changed.includes('extension') &&
    before.extension !== after.extension
  )
    parts.splice(1, 0, `extension ${before.extension} → ${after.extension}`);
  return textMessage(`<@${actor}> changed the line of ${who(personOfCard(after))}: ${parts.join('; ')}.`);
}
