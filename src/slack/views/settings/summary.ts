import type { types } from '@slack/bolt';
import type { RouteAnswer } from '../../../services/call-routing.ts';
import type { UserDetails } from '../../../services/settings/details.ts';
import type { PhoneUserCard } from '../../../store/phone-users.ts';
import { callNowText } from '../../blocks/call-route.ts';
import { personOfCard } from '../../blocks/card.ts';
import { BLOCK_KIT } from '../../blocks/limits.ts';
import {
  addressText,
  callerIdText,
  closedText,
  formatMac,
  holdMusicText,
  hoursText,
  unansweredText,
} from '../../blocks/settings-text.ts';
import { clip, escapeText, who } from '../../format.ts';
import { ACTIONS, VIEWS } from '../../ids.ts';
import { encodeFormMetadata } from './metadata.ts';

/** The sections of a user's settings, each with its own form. */
export type SectionKey =
  | 'line'
  | 'hours'
  | 'handling'
  | 'voicemail'
  | 'caller'
  | 'address'
  | 'forward'
  | 'blocked'
  | 'assistants'
  | 'phones';

type Section = { key: SectionKey; title: string; text: (card: PhoneUserCard, d: UserDetails) => string };

const SECTIONS: Section[] = [
  {
    key: 'line',
    title: 'Phone line',
    text: (card) =>
      [
        `Site: ${escapeText(card.site)}`,
        `Extension: ${card.extension}`,
        `Calling plans: ${card.plans.length > 0 ? card.plans.map((p) => escapeText(p.shortName)).join(', ') : 'none'}`,
        `Direct numbers: ${card.numbers.length > 0 ? card.numbers.join(', ') : 'none'}`,
        `Status: ${card.status}`,
      ].join('\n'),
  },
  {
    key: 'hours',
    title: 'Business hours',
    text: (card, d) =>
      `${hoursText(d.settings.businessHours)}${card.timezone ? ` (${escapeText(card.timezone)})` : ' (time zone unknown: read as UTC)'}`,
  },
  {
    key: 'handling',
    title: 'Call handling',
    text: (_card, d) =>
      [
        `Ring mode: ${d.settings.ringMode}`,
        `When not answered: ${unansweredText(d.settings.unanswered)}`,
        `Closed hours: ${closedText(d.settings.closedHours)}`,
      ].join('\n'),
  },
  {
    key: 'voicemail',
    title: 'Voicemail, language and hold music',
    text: (_card, d) =>
      [
        `Audio prompts: ${d.settings.language}`,
        `Hold music: ${holdMusicText(d.settings.holdMusic)}`,
        'PIN: ••••••',
      ].join('\n'),
  },
  {
    key: 'caller',
    title: 'Caller ID and area code',
    text: (_card, d) =>
      `Caller ID: ${callerIdText(d.settings.callerId)}\nArea code: ${d.settings.areaCode ?? 'not set'}`,
  },
  {
    key: 'address',
    title: 'Emergency address',
    text: (_card, d) => (d.address ? addressText(d.address) : 'None'),
  },
  {
    key: 'forward',
    title: 'Forward numbers',
    text: (_card, d) =>
      d.settings.forwardNumbers.length > 0
        ? d.settings.forwardNumbers
            .map((f) => `${f.number}${f.description ? ` (${escapeText(f.description)})` : ''}`)
            .join('\n')
        : 'None',
  },
  {
    key: 'assistants',
    title: 'Assistants',
    text: (_card, d) =>
      d.assistants.length > 0 ? d.assistants.map((a) => who(a.person)).join(', ') : 'None',
  },
  {
    key: 'blocked',
    title: 'Blocked numbers',
    // The list may be long: the summary names the first few, the section shows them all.
    text: (_card, d) =>
      d.blocked.length === 0
        ? 'None'
        : `${d.blocked
            .slice(0, 10)
            .map((b) => (b.kind === 'prefix' ? `${b.value}…` : b.value))
            .join(', ')}${d.blocked.length > 10 ? ` and ${d.blocked.length - 10} more` : ''}`,
  },
  {
    key: 'phones',
    title: 'Phones',
    text: (_card, d) =>
      [
        'Desktop and mobile apps',
        ...d.deskPhones.map((p) => `${escapeText(p.model)} ${formatMac(p.mac)}`),
      ].join('\n'),
  },
];

/**
 * The first view of `/phone settings`: every section with its current value and an Edit button for the sections
 * the viewer may change. Each Edit pushes that section's own form (Slack allows three views in a stack).
 */
export function settingsSummaryView(
  card: PhoneUserCard,
  details: UserDetails,
  editable: ReadonlySet<SectionKey>,
  channelId: string | undefined,
  openedAt: Date,
  callNow?: RouteAnswer,
): types.ModalView {
  const blocks: types.KnownBlock[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${who(personOfCard(card))} · extension ${card.extension} · ${escapeText(card.site)}`,
        },
      ],
    },
  ];
  if (callNow) {
    blocks.push({
      type: 'context',
      block_id: 'summary_call_now',
      elements: [{ type: 'mrkdwn', text: callNowText(callNow) }],
    });
  }
  for (const section of SECTIONS) {
    blocks.push({
      type: 'section',
      block_id: `summary_${section.key}`,
      text: { type: 'mrkdwn', text: `*${section.title}*\n${section.text(card, details)}` },
      ...(editable.has(section.key)
        ? {
            accessory: {
              type: 'button',
              action_id: ACTIONS.settingsEdit,
              text: { type: 'plain_text', text: 'Edit' },
              value: section.key,
            },
          }
        : {}),
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Every setting also has a command: see `/phone help`.' }],
  });
  const name = `${card.firstName} ${card.lastName}`.trim() || card.email;
  return {
    type: 'modal',
    callback_id: VIEWS.settingsSummary,
    title: { type: 'plain_text', text: clipTitle(`Phone: ${name}`) },
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeFormMetadata({
      directoryUserId: card.directoryUserId,
      version: details.settings.version,
      openedAt,
      channelId,
    }),
    blocks,
  };
}

/** Modal titles hold 24 characters. */
export const clipTitle = (text: string) => clip(text, BLOCK_KIT.modalTitle);
