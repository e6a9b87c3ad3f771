import type { types } from '@slack/bolt';
import { BASIC_SETTINGS, type BasicSettingKey } from '../../domain/basic-settings.ts';
import type { BlockedEntry } from '../../domain/blocked.ts';
import type { SettingsValues } from '../../domain/settings-values.ts';
import type { MainNumbersChange } from '../../services/main-numbers.ts';
import type { BlockedChange } from '../../services/settings/blocked.ts';
import type { SettingsCopied } from '../../services/settings/copy.ts';
import type { DelegationChange } from '../../services/settings/delegation.ts';
import type { SettingsChanged } from '../../services/settings/set-settings.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import type { Blocked } from '../../store/user-details.ts';
import { clip, code, escapeText, listing, plural, who } from '../format.ts';
import { personOfCard } from './card.ts';
import { BLOCK_KIT } from './limits.ts';
import { linesMessage, type Message, textMessage } from './message.ts';
import { changeLine } from './results.ts';
import { callerIdText, closedText, unansweredText } from './settings-text.ts';

/** What each changed setting reads as in the channel. The PIN is only said to have changed, never shown. */
function changedText(field: keyof SettingsValues, s: SettingsChanged['settings']): string {
  switch (field) {
    case 'language':
      return `the audio prompt language to ${code(s.language)}`;
    case 'areaCode':
      return `the area code to ${code(s.areaCode ?? '')}`;
    case 'callerId':
      return `the caller ID to ${s.callerId.kind === 'hidden' ? '*hidden*' : code(callerIdText(s.callerId))}`;
    case 'ringMode':
      return `the ring mode to *${s.ringMode}*`;
    case 'unanswered':
      return `unanswered calls to *${unansweredText(s.unanswered).toLowerCase()}*`;
    case 'closedHours':
      return `closed hours to *${closedText(s.closedHours).toLowerCase()}*`;
    case 'voicemailPin':
      return 'the voicemail PIN';
  }
}

/** "@ada changed the voicemail PIN for @bob." / "@bob changed their ring mode to *sequential*." */
export function settingsChangedMessage(actor: string, result: SettingsChanged): Message {
  const self = result.card.slackUserId === actor;
  const parts = result.changed.map((field) => {
    const text = changedText(field, result.settings);
    return self ? text.replace(/^the /, 'their ') : text;
  });
  const target = self ? '' : ` for ${who(personOfCard(result.card))}`;
  return changeLine(actor, `changed ${listing(parts)}${target}.`);
}

/** Shown only to the person who clicked Show PIN. */
export function pinMessage(actor: string, card: PhoneUserCard, pin: string): Message {
  const whosePin =
    card.slackUserId === actor ? 'Your voicemail PIN' : `The voicemail PIN of ${who(personOfCard(card))}`;
  const change = code(escapeText(`/phone set ${card.extension} pin=<4 to 6 digits>`));
  return textMessage(`:lock: ${whosePin} is *${pin}*. Only you can see this. Change it with ${change}.`);
}

const entryText = (entry: BlockedEntry | Blocked) =>
  entry.kind === 'prefix'
    ? `the prefix ${code(entry.value)} (every number starting with it)`
    : `the number ${code(entry.value)}`;

export function blockedAddedMessage(actor: string, result: BlockedChange): Message {
  return changeLine(
    actor,
    `blocked ${entryText(result.entry)} for ${who(personOfCard(result.card))}. ${blockedCount(result.blocked)}`,
  );
}

export function blockedRemovedMessage(actor: string, result: BlockedChange): Message {
  return changeLine(
    actor,
    `unblocked ${entryText(result.entry)} for ${who(personOfCard(result.card))}. ${blockedCount(result.blocked)}`,
  );
}

const blockedCount = (blocked: Blocked[]) =>
  blocked.length === 0
    ? 'Nothing is blocked for them now.'
    : `${plural(blocked.length, 'entry', 'entries')} blocked in all.`;

/** `/phone blocked <user>`: numbers first, then prefixes. */
export function blockedListMessage(card: PhoneUserCard, blocked: Blocked[]): Message {
  const title = `*Blocked for ${who(personOfCard(card))}*: ${blocked.length}`;
  if (blocked.length === 0) {
    return linesMessage(
      `${title}\nNothing is blocked. Block a number or prefix with ${code(escapeText('/phone block add <user> <+E164|prefix>'))}.`,
      [],
    );
  }
  const sorted = [...blocked].sort((a, b) =>
    a.kind === b.kind ? a.value.localeCompare(b.value) : a.kind === 'number' ? -1 : 1,
  );
  const lines = sorted.map((entry) =>
    entry.kind === 'prefix'
      ? `• ${code(entry.value)} prefix: every number starting with it`
      : `• ${code(entry.value)}`,
  );
  return linesMessage(
    title,
    lines,
    `Unblock with ${code(escapeText('/phone block remove <user> <+E164|prefix>'))}.`,
  );
}

export function delegationAddedMessage(actor: string, result: DelegationChange): Message {
  const owner = who(personOfCard(result.owner));
  const assistant = who(personOfCard(result.assistant));
  return changeLine(
    actor,
    `made ${assistant} an assistant of ${owner}: they can now answer ${owner}'s calls (${plural(result.assistants.length, 'assistant')} in all).`,
  );
}

export function delegationRemovedMessage(actor: string, result: DelegationChange): Message {
  const owner = who(personOfCard(result.owner));
  const assistant = who(personOfCard(result.assistant));
  const what =
    result.by === 'assistant'
      ? `stopped answering ${owner}'s calls as their assistant.`
      : `ended the delegation: ${assistant} no longer answers ${owner}'s calls.`;
  return changeLine(actor, what);
}

/** How the channel names each basic setting; typed by the domain's list, so a new one cannot go unnamed. */
const BASIC_SETTING_WORDS: Record<BasicSettingKey, string> = {
  businessHours: 'business hours',
  closedHours: 'closed hours',
  unanswered: 'unanswered calls and their greeting',
  ringMode: 'ring mode',
  routes: 'how the apps ring',
  holdMusic: 'hold music',
  language: 'language',
  areaCode: 'area code',
};

export const BASIC_SETTINGS_TEXT = listing(BASIC_SETTINGS.map((key) => BASIC_SETTING_WORDS[key]));

export function settingsCopiedMessage(actor: string, result: SettingsCopied): Message {
  const shown = result.to.slice(0, 20).map((card) => who(personOfCard(card)));
  const more = result.to.length > 20 ? ` and ${result.to.length - 20} more` : '';
  const kept = result.kept.filter((target) => target.kept.some((k) => k.setting === 'closedHours'));
  const keptNames = kept.slice(0, 20).map((target) => who(personOfCard(target.card)));
  const keptMore = kept.length > 20 ? ` and ${kept.length - 20} more` : '';
  const closed =
    kept.length > 0
      ? ` Closed hours forward calls to the forward numbers, and ${listing(keptNames)}${keptMore} ${kept.length === 1 ? 'has' : 'have'} none, so their closed hours stay as they were.`
      : '';
  return changeLine(
    actor,
    `copied the basic settings of ${who(personOfCard(result.from))} to ${listing(shown)}${more}: ${BASIC_SETTINGS_TEXT}. Their own forward numbers, desk phones, delegations, blocked numbers, PIN and caller ID stay as they were.${closed}`,
  );
}

export function mainNumberMessage(actor: string, result: MainNumbersChange, added: boolean): Message {
  const what = added
    ? `made ${code(result.number)} a main number: any phone user can now show it as caller ID (${code(escapeText(`/phone set <user> caller-id=${result.number}`))}).`
    : `made ${code(result.number)} an ordinary number again: it is free to assign.`;
  const all =
    result.main.length > 0
      ? ` Main numbers: ${listing(result.main.map(code))}.`
      : ' The account has no main numbers now.';
  return changeLine(actor, `${what}${all}`);
}

/** A message shown as a modal with only a Close button: for answers to clicks on the Home tab or in a modal. */
export function privateNoteModal(title: string, message: Message): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, BLOCK_KIT.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: message.blocks,
  };
}
