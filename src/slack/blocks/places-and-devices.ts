import type { EmergencyAddress } from '../../domain/address.ts';
import type {
  MemberChange,
  OperatorChange,
  QueueCreated,
  ReceptionistCreated,
} from '../../services/routing.ts';
import type { UserAddressChange } from '../../services/settings/address.ts';
import type { DeskPhoneChange } from '../../services/settings/desk-phones.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import type { QueueOverview, ReceptionistOverview } from '../../store/routing.ts';
import { code, escapeText, plural, who } from '../format.ts';
import { personOfCard } from './card.ts';
import { linesMessage, type Message } from './message.ts';
import { changeLine } from './results.ts';
import { addressText, formatMac } from './settings-text.ts';

const address = addressText;

/** "the emergency address of @bob", or "their own emergency address" when they changed it themselves. */
function whose(actor: string, card: PhoneUserCard): string {
  return card.slackUserId === actor
    ? 'their own emergency address'
    : `the emergency address of ${who(personOfCard(card))}`;
}

export function siteAddressMessage(actor: string, site: string, after: EmergencyAddress): Message {
  return changeLine(
    actor,
    `set the default emergency address of site *${escapeText(site)}* to ${address(after)}. It applies to everyone there without an address of their own.`,
  );
}

export function userAddressMessage(actor: string, change: UserAddressChange): Message {
  const { after } = change;
  if (after.siteDefault && after.address) {
    return changeLine(
      actor,
      `put ${whose(actor, change.card)} back on the default of site *${escapeText(change.card.site)}*: ${address(after.address)}.`,
    );
  }
  return changeLine(
    actor,
    `set ${whose(actor, change.card)} to ${after.address ? address(after.address) : '—'}.`,
  );
}

export function selfManagedAddressMessage(actor: string, card: PhoneUserCard, allowed: boolean): Message {
  const person = who(personOfCard(card));
  return changeLine(
    actor,
    allowed
      ? `allowed ${person} to manage their own emergency address (with ${code('/phone address')}).`
      : `stopped ${person} managing their own emergency address; a phone admin now keeps it up to date.`,
  );
}

const phoneLabel = (phone: { mac: string; model: string }) =>
  `${escapeText(phone.model)} ${code(formatMac(phone.mac))}`;

export function deskPhoneAddedMessage(actor: string, change: DeskPhoneChange): Message {
  return changeLine(
    actor,
    `added the desk phone ${phoneLabel(change.phone)} to ${who(personOfCard(change.card))} (${plural(change.deskPhones.length, 'desk phone')} now). It rings with their other phones: a call route was added.`,
  );
}

export function deskPhoneRemovedMessage(actor: string, change: DeskPhoneChange): Message {
  return changeLine(
    actor,
    `removed the desk phone ${phoneLabel(change.phone)} from ${who(personOfCard(change.card))}, and its call route.`,
  );
}

export function queueCreatedMessage(actor: string, created: QueueCreated): Message {
  return changeLine(
    actor,
    `added the call queue *${escapeText(created.queue.name)}* with extension ${code(created.queue.extension)} at site ${escapeText(created.site)}. Add members with ${code(escapeText(`/phone queue member add "${created.queue.name}" <user>`))}.`,
  );
}

export function memberChangedMessage(actor: string, change: MemberChange): Message {
  const person = who(personOfCard(change.card));
  const queue = `the call queue *${escapeText(change.queue.name)}*`;
  const { before, after } = change;
  if (!after.member) return changeLine(actor, `removed ${person} from ${queue}.`);
  if (!before.member)
    return changeLine(actor, `added ${person} to ${queue}${after.manager ? ' as a manager' : ''}.`);
  return changeLine(
    actor,
    after.manager
      ? `made ${person} a manager of ${queue}.`
      : `took away the manager role of ${person} in ${queue}; they stay a member.`,
  );
}

export function receptionistCreatedMessage(actor: string, created: ReceptionistCreated): Message {
  const operator = created.operator
    ? `, operator ${who(personOfCard(created.operator))}`
    : ', no operator yet';
  return changeLine(
    actor,
    `added the auto receptionist *${escapeText(created.receptionist.name)}* with extension ${code(created.receptionist.extension)} at site ${escapeText(created.site)}${operator}.`,
  );
}

export function operatorChangedMessage(actor: string, change: OperatorChange): Message {
  const receptionist = `the auto receptionist *${escapeText(change.receptionist.name)}*`;
  if (!change.after) return changeLine(actor, `removed the operator of ${receptionist}; it has none now.`);
  const previous = change.before ? ` instead of ${who(change.before)}` : '';
  return changeLine(actor, `made ${who(change.after)} the operator of ${receptionist}${previous}.`);
}

export function queuesMessage(queues: QueueOverview[]): Message {
  if (queues.length === 0) {
    return linesMessage(
      `*Call queues*\nNone yet. Add one with ${code(escapeText('/phone queue add <name> <extension>'))}.`,
      [],
    );
  }
  const lines = queues.map((queue) => {
    const members =
      queue.members.length === 0
        ? 'no members'
        : queue.members.map((m) => `${who(m.person)}${m.isManager ? ' (manager)' : ''}`).join(', ');
    return `• *${escapeText(queue.name)}* · ext ${code(queue.extension)} · ${escapeText(queue.site)} · ${members}`;
  });
  return linesMessage('*Call queues*', lines);
}

export function receptionistsMessage(receptionists: ReceptionistOverview[]): Message {
  if (receptionists.length === 0) {
    return linesMessage(
      `*Auto receptionists*\nNone yet. Add one with ${code(escapeText('/phone receptionist add <name> <extension>'))}.`,
      [],
    );
  }
  const lines = receptionists.map((r) => {
    const operator = r.operator ? `operator ${who(r.operator.person)}` : 'no operator';
    return `• *${escapeText(r.name)}* · ext ${code(r.extension)} · ${escapeText(r.site)} · ${operator}`;
  });
  return linesMessage('*Auto receptionists*', lines);
}
