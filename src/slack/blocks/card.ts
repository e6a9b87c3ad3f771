import type { Person } from '../../domain/errors.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { escapeText, listing, who } from '../format.ts';
import { context, header, type Message } from './message.ts';

export const personOfCard = (card: PhoneUserCard): Person => ({
  name: `${card.firstName} ${card.lastName}`.trim() || card.email,
  email: card.email,
  slackUserId: card.slackUserId,
});

export function extensionLabel(
  card: Pick<PhoneUserCard, 'extension' | 'shortExtension' | 'siteCode'>,
): string {
  return card.extension !== card.shortExtension
    ? `${card.extension} (site code ${card.siteCode ?? ''} + ${card.shortExtension})`
    : card.extension;
}

/** One phone user as an admin wants to see them at a glance. */
export function cardMessage(card: PhoneUserCard): Message {
  const name = `${card.firstName} ${card.lastName}`.trim() || card.email;
  const status = card.status === 'active' ? 'Active' : 'Inactive (cannot make or receive calls)';
  const fields = [
    `*Email*\n${escapeText(card.email)}`,
    `*Site*\n${escapeText(card.site)}`,
    `*Extension*\n${extensionLabel(card)}`,
    `*Status*\n${status}`,
    `*Numbers*\n${card.numbers.length > 0 ? card.numbers.join('\n') : 'None'}`,
    `*Calling plans*\n${card.plans.length > 0 ? card.plans.map((p) => escapeText(p.shortName)).join('\n') : 'None (internal calls only)'}`,
  ];
  const footer = [
    card.slackUserId ? `Slack: ${who(personOfCard(card))}` : 'No Slack account linked',
    card.timezone ? `Time zone: ${escapeText(card.timezone)}` : 'Time zone unknown',
  ];
  return {
    text: `${name}: extension ${card.extension}, ${card.site}, ${card.status}`,
    blocks: [
      header(name),
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
      context(footer.join(' · ')),
    ],
  };
}

export function notPhoneUserMessage(person: Person, self = false): Message {
  const text = self
    ? `You are not a phone user yet: you have no phone license. Ask a phone admin to run \`/phone assign\` for you.`
    : `${who(person)} is not a phone user: they have no phone license. Give them one with \`/phone assign\`.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** "Extension 1000 · Main · US/CA Unlimited · +14155550100" */
export function cardLine(card: PhoneUserCard): string {
  const parts = [`ext ${card.extension}`, escapeText(card.site)];
  if (card.status === 'inactive') parts.push('_inactive_');
  if (card.plans.length > 0) parts.push(card.plans.map((p) => escapeText(p.shortName)).join(', '));
  if (card.numbers.length > 0) parts.push(listing(card.numbers));
  return `• ${who(personOfCard(card))}: ${parts.join(' · ')}`;
}
