import type { Person } from '../../domain/errors.ts';
import type { CardSync } from '../../services/phone-sync.ts';
import type { UserDetails } from '../../services/settings/details.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { clipMrkdwn, escapeText, listing, who } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { BLOCK_KIT } from './limits.ts';
import { context, header, type KnownBlock, type Message, section } from './message.ts';
import { cardSyncBlocks } from './phone-sync.ts';
import {
  addressText,
  callerIdText,
  closedText,
  formatMac,
  holdMusicText,
  hoursText,
  routeText,
  unansweredText,
} from './settings-text.ts';

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

/**
 * One phone user as an admin wants to see them at a glance; with details, every setting too; with `sync`, whether
 * the phone system holds their line. An admin viewing it is offered the next step of a new line: a calling plan,
 * then a number.
 */
export function cardMessage(
  card: PhoneUserCard,
  details?: UserDetails,
  sync?: CardSync,
  viewerIsAdmin = false,
): Message {
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
    card.timezone
      ? `Time zone: ${escapeText(card.timezone)}`
      : ':warning: Time zone unknown: business hours are read as UTC',
  ];
  return {
    text: `${name}: extension ${card.extension}, ${card.site}, ${card.status}`,
    blocks: [
      header(name),
      fieldsSection(fields),
      ...cardSyncBlocks(card, sync),
      ...(viewerIsAdmin ? nextStep(card) : []),
      ...(details && card.settingsInPhoneSystem ? [adoptedSettings(sync?.system ?? 'the phone system')] : []),
      ...(details && !card.settingsInPhoneSystem ? settingsBlocks(card, details) : []),
      ...(details && !card.settingsInPhoneSystem ? [editButton(card)] : []),
      context(footer.join(' · ')),
    ],
  };
}

/** Without a calling plan a line only calls inside the account; with one and no number, nobody can dial it in. */
function nextStep(card: PhoneUserCard): KnownBlock[] {
  const button = (actionId: string, text: string): KnownBlock => ({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: actionId,
        text: { type: 'plain_text', text },
        value: `u:${card.directoryUserId}`,
      },
    ],
  });
  if (card.plans.length === 0) return [button(ACTIONS.cardPlanAssign, 'Assign calling plan')];
  if (card.numbers.length === 0) return [button(ACTIONS.cardNumberAssign, 'Assign number')];
  return [];
}

/** An adopted line's settings are the phone system's: Switchboard shows none of its own, and offers no form. */
const adoptedSettings = (system: string): KnownBlock =>
  section(
    `*Settings* are kept in ${escapeText(system)}: this line was adopted from it, and Switchboard has not taken its hours, forwarding, voicemail, caller ID, desk phones or assistants. Change them in ${escapeText(system)}'s own portal.`,
  );

/** Opens the settings form; the form itself decides what the viewer may change. */
const editButton = (card: PhoneUserCard): KnownBlock => ({
  type: 'actions',
  elements: [
    {
      type: 'button',
      action_id: ACTIONS.settingsOpen,
      text: { type: 'plain_text', text: 'Edit settings' },
      value: `u:${card.directoryUserId}`,
    },
  ],
});

const fieldsSection = (fields: string[]): KnownBlock => ({
  type: 'section',
  fields: fields.map((text) => ({ type: 'mrkdwn', text: clipMrkdwn(text, BLOCK_KIT.fieldText) })),
});

const none = (items: string[], empty = 'None') => (items.length > 0 ? items.join('\n') : empty);

function settingsBlocks(card: PhoneUserCard, d: UserDetails): KnownBlock[] {
  const s = d.settings;
  const model = (mac: string) => d.deskPhones.find((phone) => phone.mac === mac)?.model;
  const hours = `${hoursText(s.businessHours)}${card.timezone ? ` (${escapeText(card.timezone)})` : ''}`;
  const handling = [
    `*Business hours*\n${hours}`,
    `*Ring mode*\n${s.ringMode === 'sequential' ? 'Sequential' : 'Simultaneous'}`,
    `*When not answered*\n${unansweredText(s.unanswered)}`,
    `*Closed hours*\n${closedText(s.closedHours)}`,
    `*Caller ID*\n${callerIdText(s.callerId)}`,
    `*Area code*\n${s.areaCode ?? 'Not set'}`,
    `*Audio prompts*\n${s.language}`,
    `*Hold music*\n${holdMusicText(s.holdMusic)}`,
  ];
  const phones = [
    'Desktop and mobile apps',
    ...d.deskPhones.map((phone) => `${escapeText(phone.model)} ${formatMac(phone.mac)}`),
  ];
  const people = [
    `*Phones*\n${phones.join('\n')}`,
    `*Call routes*\n${none(s.routes.map((route, i) => `${s.ringMode === 'sequential' ? `${i + 1}. ` : ''}${routeText(route, model)}`))}`,
    `*Forward numbers*\n${none(s.forwardNumbers.map((f) => `${f.number}${f.description ? ` (${escapeText(f.description)})` : ''}`))}`,
    `*Assistants*\n${none(d.assistants.map((a) => `${who(a.person)} (ext ${a.extension})`))}`,
    `*I can assist for*\n${none(d.assisting.map((a) => `${who(a.person)} (ext ${a.extension})`))}`,
    `*Call queues*\n${none(d.queues.map((q) => `${escapeText(q.queue)}${q.isManager ? ' (manager)' : ''}`))}`,
    `*Operator for*\n${none(d.operatorFor.map((r) => escapeText(r.name)))}`,
    `*Blocked*\n${none(d.blocked.slice(0, 10).map((b) => (b.kind === 'prefix' ? `${b.value}…` : b.value)))}${d.blocked.length > 10 ? `\n…and ${d.blocked.length - 10} more` : ''}`,
  ];
  const address = d.address
    ? `${addressText(d.address)}${d.addressIsSiteDefault ? ' _(site default)_' : ''}`
    : ':warning: None: emergency calls cannot give a location';
  const manages = s.userManagesEmergencyAddress ? ' · the user may change it' : '';
  return [
    fieldsSection(handling),
    fieldsSection(people),
    section(`*Emergency address*\n${address}${manages}`),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*Voicemail PIN*\n••••••' },
      accessory: {
        type: 'button',
        action_id: ACTIONS.showPin,
        text: { type: 'plain_text', text: 'Show PIN' },
        value: `u:${card.directoryUserId}`,
      },
    },
  ];
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
