import { MAX_FORWARD_NUMBERS } from '../../domain/settings.ts';
import type { ForwardChange, RoutingChange } from '../../services/settings/call-handling.ts';
import type { HoursChange } from '../../services/settings/hours.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { code, escapeText, mention, who } from '../format.ts';
import { chargedText } from '../replies.ts';
import { personOfCard } from './card.ts';
import { context, type KnownBlock, type Message, plain, section } from './message.ts';
import { hoursText, routeText } from './settings-text.ts';

/** "the business hours of @bob", or "their own business hours" when the person changed their own. */
function subject(actor: string, card: PhoneUserCard, what: string): string {
  return card.slackUserId === actor ? `their own ${what}` : `the ${what} of ${who(personOfCard(card))}`;
}

function change(actor: string, text: string, notes: string[] = []): Message {
  const line = `${mention(actor)} ${text}`;
  const blocks: KnownBlock[] = [section(line)];
  if (notes.length > 0) blocks.push(context(notes.join('\n')));
  return { text: plain(line), blocks };
}

/** Where hours are read: the person's time zone, or a warning that there is none to read them in. */
function timezoneNote(card: PhoneUserCard): string | undefined {
  if (card.timezone) return undefined;
  const person = who(personOfCard(card));
  return card.slackUserId
    ? `:warning: The time zone of ${person} is unknown (their Slack profile has none), so these hours are read as UTC. Ask them to set their time zone in their Slack profile.`
    : `:warning: The time zone of ${person} is unknown (they have no Slack account to take it from), so these hours are read as UTC.`;
}

/** "@ada set the business hours of @bob: Mon–Fri 09:00–17:00 · Sat–Sun closed (America/New_York)" */
export function hoursChangedMessage(actor: string, result: HoursChange): Message {
  const { card, settings } = result;
  const zone = card.timezone ? ` (${escapeText(card.timezone)})` : ' (UTC: time zone unknown)';
  const note = timezoneNote(card);
  return change(
    actor,
    `set ${subject(actor, card, 'business hours')}: ${hoursText(settings.businessHours)}${zone}`,
    note ? [note] : [],
  );
}

/** Said only to the person who asked for the hours someone already has. */
export function hoursUnchangedMessage(result: HoursChange): Message {
  const line = `The business hours of ${who(personOfCard(result.card))} are already ${hoursText(result.before)}; nothing changed.`;
  return { text: plain(line), blocks: [section(line)] };
}

const described = (forward: ForwardChange['forward']) =>
  `${code(forward.number)}${forward.description ? ` (${escapeText(forward.description)})` : ''}`;

export function forwardAddedMessage(actor: string, result: ForwardChange): Message {
  const { card, settings, forward } = result;
  const route = settings.routes.find((r) => r.kind === 'forward' && r.number === forward.number);
  const rings = !route
    ? ''
    : settings.ringMode === 'sequential'
      ? ` In business hours it rings after the other routes, for ${route.ringSeconds} s.`
      : ` In business hours it rings together with the other routes, for ${route.ringSeconds} s.`;
  const charged = result.charged
    ? [
        `:warning: ${code(forward.number)} is ${chargedText(result.charged)}: every call forwarded there is charged to the company at that rate. Phone users cannot add such a number for themselves; an admin can.`,
      ]
    : [];
  return change(actor, `added ${described(forward)} to ${subject(actor, card, 'forward numbers')}.${rings}`, [
    ...charged,
    `Forward numbers: ${settings.forwardNumbers.length} of ${MAX_FORWARD_NUMBERS}`,
  ]);
}

export function forwardRemovedMessage(actor: string, result: ForwardChange): Message {
  const { card, forward, settings } = result;
  return change(
    actor,
    `removed ${described(forward)} from ${subject(actor, card, 'forward numbers')}, and its call route.`,
    [`Forward numbers: ${settings.forwardNumbers.length} of ${MAX_FORWARD_NUMBERS}`],
  );
}

/** For a form that saves ring mode and routes: the new order, as the card shows it. */
export function routingChangedMessage(
  actor: string,
  result: RoutingChange,
  models: Map<string, string>,
): Message {
  const { card, settings } = result;
  const mode = settings.ringMode === 'sequential' ? 'one after another, in this order' : 'all at once';
  const routes = settings.routes.map((route) => routeText(route, (mac) => models.get(mac))).join('\n');
  return change(actor, `changed ${subject(actor, card, 'call routes')}: calls ring ${mode}.\n${routes}`);
}
