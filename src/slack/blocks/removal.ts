import {
  countDependents,
  type Dependent,
  type DependentCounts,
  type SharedAudio,
  totalDependents,
} from '../../domain/dependents.ts';
import type { Person } from '../../domain/errors.ts';
import type { RemovalPreview, RemoveResult } from '../../services/licenses.ts';
import { escapeText, listing, mention, plural, who } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { cardLine, personOfCard } from './card.ts';
import { linesMessage, type Message } from './message.ts';

/**
 * Slack refuses a message whose blocks hold more than about 12,000 characters of text; the lines of a removal get
 * this much of it, the summary, notes and buttons the rest.
 */
const LINES_BUDGET = 10_000;
/** Links named one by one under a person; past this many, the rest are counted. */
const NAMED_PER_PERSON = 5;

/** One link as the person's line names it. */
export function dependentPhrase(dependent: Dependent): string {
  switch (dependent.kind) {
    case 'queue_member':
      return `${dependent.manager ? 'manager' : 'member'} of queue *${escapeText(dependent.queue)}*`;
    case 'operator':
      return `operator of *${escapeText(dependent.receptionist)}*`;
    case 'assistant':
      return `${who(dependent.person)} answering their calls`;
    case 'assisting':
      return `answering the calls of ${who(dependent.person)}`;
  }
}

/** A person's links, the first few named and the rest counted. */
export function dependentsPhrase(dependents: readonly Dependent[], named = NAMED_PER_PERSON): string {
  const shown = dependents.slice(0, named).map(dependentPhrase);
  const rest = dependents.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** What depends on someone an undo left alone: their links, and audio of theirs that others play. */
export function inUsePhrase(dependents: readonly Dependent[], sharedAudio: readonly SharedAudio[]): string {
  const audio = sharedAudio.length > 0 ? [`audio played by others: ${sharedPhrase(sharedAudio)}`] : [];
  return [...(dependents.length > 0 ? [dependentsPhrase(dependents)] : []), ...audio].join(', ');
}

/** "3 queue memberships (1 as manager), 1 operator role and 2 delegations"; empty when nothing. */
export function countsPhrase(counts: DependentCounts): string {
  const parts: string[] = [];
  if (counts.queues > 0) {
    const managed = counts.managed > 0 ? ` (${counts.managed} as manager)` : '';
    parts.push(`${plural(counts.queues, 'queue membership')}${managed}`);
  }
  if (counts.operator > 0) parts.push(plural(counts.operator, 'operator role'));
  if (counts.delegations > 0) parts.push(plural(counts.delegations, 'delegation'));
  return listing(parts);
}

const sharedPhrase = (files: readonly SharedAudio[]) =>
  files.map((file) => `*${escapeText(file.name)}* (played by ${listing(file.players.map(who))})`).join(', ');

/** One person of a removal: their line, what ends for them, and anything else worth a word. */
type PersonLines = { name: string; head: string; dependents: readonly Dependent[]; notes: string[] };

const INDENT = '      ↳ ';

/**
 * The lines of a removal within Slack's limits: each person with what ends for them named; if that is too long,
 * counted; if still too long, one short line a person, those something ends for first, cut at the limit with a count
 * of the rest. The summary above has the totals whatever is left out here.
 */
function fitLines(people: PersonLines[], verb: 'ends' | 'ended'): string[] {
  const detailed = people.flatMap((p) => [
    p.head,
    ...(p.dependents.length > 0 ? [`${INDENT}${verb}: ${dependentsPhrase(p.dependents)}`] : []),
    ...p.notes.map((note) => `${INDENT}${note}`),
  ]);
  if (size(detailed) <= LINES_BUDGET) return detailed;
  const counted = people.flatMap((p) => [
    p.head,
    ...(p.dependents.length > 0 ? [`${INDENT}${verb} ${countsPhrase(countDependents(p.dependents))}`] : []),
  ]);
  if (size(counted) <= LINES_BUDGET) return counted;
  const short = [
    ...people
      .filter((p) => p.dependents.length > 0)
      .map((p) => `• ${p.name}: ${verb} ${countsPhrase(countDependents(p.dependents))}`),
    ...people.filter((p) => p.dependents.length === 0).map((p) => `• ${p.name}`),
  ];
  const lines: string[] = [];
  let used = 0;
  for (const line of short) {
    if (used + line.length + 1 > LINES_BUDGET - 50) break;
    lines.push(line);
    used += line.length + 1;
  }
  const rest = people.length - lines.length;
  return rest > 0 ? [...lines, `…and ${plural(rest, 'more person', 'more people')}.`] : lines;
}

const size = (lines: string[]) => lines.reduce((sum, line) => sum + line.length + 1, 0);

export function removalPrompt(previews: RemovalPreview[], value: string, notice?: string): Message {
  const cards = previews.map((p) => p.card);
  const numbers = cards.flatMap((card) => card.numbers).length;
  const phones = previews.reduce((sum, p) => sum + p.deskPhones, 0);
  const inventory = numbers > 0 ? `, ${plural(numbers, 'number')}` : '';
  const people = plural(cards.length, 'person', 'people');
  const freed =
    phones > 0 ? ` ${phones === 1 ? 'Their desk phone is' : `Their ${phones} desk phones are`} freed.` : '';
  const summary = [
    `Remove the phone licenses of ${people}? Their extensions${inventory} and calling plans go back to the inventory; their history stays.${freed}`,
  ];
  const ends = countsPhrase(
    totalDependents(previews.map((p) => ({ phoneUserId: p.card.phoneUserId, dependents: p.dependents }))),
  );
  if (ends) summary.push(`:warning: This also ends ${ends}.`);
  const kept = previews.flatMap((p) => p.sharedAudio).length;
  if (kept > 0) {
    summary.push(
      `${plural(kept, 'audio file')} other people play ${kept === 1 ? 'stays' : 'stay'}, in the account's library.`,
    );
  }
  if (notice) summary.unshift(notice);
  const lines = fitLines(
    previews.map((p) => ({
      name: who(personOfCard(p.card)),
      head: cardLine(p.card),
      dependents: p.dependents,
      notes: p.sharedAudio.length > 0 ? [`stays for the account: ${sharedPhrase(p.sharedAudio)}`] : [],
    })),
    'ends',
  );
  const message = linesMessage(summary.join('\n'), lines);
  message.blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        style: 'danger',
        action_id: ACTIONS.removeConfirm,
        text: { type: 'plain_text', text: `Remove ${plural(cards.length, 'license')}` },
        value,
        confirm: {
          title: { type: 'plain_text', text: 'Remove phone licenses?' },
          text: {
            type: 'plain_text',
            text: `${people} will stop being able to make or receive calls.${ends ? ` ${capitalize(ends)} end with them.` : ''}`,
          },
          confirm: { type: 'plain_text', text: 'Remove' },
          deny: { type: 'plain_text', text: 'Keep them' },
          style: 'danger',
        },
      },
      {
        type: 'button',
        action_id: ACTIONS.removeCancel,
        text: { type: 'plain_text', text: 'Cancel' },
        value: 'cancel',
      },
    ],
  });
  return message;
}

/** On top of a confirmation shown again because what it ends changed after the admin was first asked. */
export const changedNotice = (changed: Person[]) =>
  `:arrows_counterclockwise: *Nothing was removed yet.* Since you were asked, what this removal ends changed for ${listing(changed.map(who))}. Check the list again, then confirm.`;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a removal ended in all, besides the licenses: empty when nothing. */
export const endedPhrase = (result: RemoveResult): string =>
  countsPhrase(
    totalDependents(result.removed.map((r) => ({ phoneUserId: r.card.phoneUserId, dependents: r.ended }))),
  );

/** What the admin who clicked reads in place of the prompt. */
export function removedReply(result: RemoveResult): string {
  const ended = endedPhrase(result);
  return `Removed ${plural(result.removed.length, 'phone license')}.${ended ? ` Ended ${ended}.` : ''}`;
}

export function removedMessage(actor: string, result: RemoveResult): Message {
  const people = result.removed.map(({ card, releasedNumbers, ended, keptAudio }) => {
    const released = releasedNumbers.length > 0 ? `; released ${listing(releasedNumbers)}` : '';
    const name = who(personOfCard(card));
    return {
      name,
      head: `• ${name}: extension ${card.extension}${released}`,
      dependents: ended,
      notes:
        keptAudio.length > 0
          ? [`kept for the account: ${keptAudio.map((file) => `*${escapeText(file.name)}*`).join(', ')}`]
          : [],
    };
  });
  const ended = endedPhrase(result);
  const summary = `${mention(actor)} removed the phone licenses of ${plural(result.removed.length, 'person', 'people')}:`;
  return linesMessage(ended ? `${summary}\nThis ended ${ended}.` : summary, fitLines(people, 'ended'));
}
