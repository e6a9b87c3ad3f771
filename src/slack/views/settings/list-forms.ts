import type { types } from '@slack/bolt';
import { MAX_ASSISTANTS, MAX_DESK_PHONES, MAX_FORWARD_NUMBERS } from '../../../domain/settings.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { BLOCK_KIT } from '../../blocks/limits.ts';
import { formatMac } from '../../blocks/settings-text.ts';
import { clip, escapeText, who } from '../../format.ts';
import { ACTIONS, VIEWS } from '../../ids.ts';

/** The sections that are lists: each entry with a Remove button, and fields to add one. */
export type ListKey = 'forward' | 'blocked' | 'assistants' | 'phones';

export const LIST_BLOCKS = {
  notice: 'list_notice',
  forwardNumber: 'forward_number',
  forwardDescription: 'forward_description',
  blockedEntry: 'blocked_entry',
  assistant: 'assistant_user',
  deskMac: 'desk_phone_mac',
  deskModel: 'desk_phone_model',
  entry: (list: ListKey, entry: string) => `${list}_entry_${entry}`,
} as const;

/** A line above a list view, in plain text as everything in a form: what a Remove did, or why it did not. */
export function withNotice(view: types.ModalView, text: string): types.ModalView {
  const notice: types.KnownBlock = {
    type: 'context',
    block_id: LIST_BLOCKS.notice,
    elements: [{ type: 'plain_text', text: clip(text, BLOCK_KIT.contextText), emoji: true }],
  };
  return { ...view, blocks: [notice, ...view.blocks] };
}

/** What a Remove button removes: the list and the entry (a number or prefix). */
export function encodeRemoval(list: ListKey, entry: string): string {
  return JSON.stringify({ l: list, e: entry });
}

export function decodeRemoval(raw: string | undefined): { list: ListKey; entry: string } | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as { l?: unknown; e?: unknown };
    if (
      (parsed.l === 'forward' ||
        parsed.l === 'blocked' ||
        parsed.l === 'assistants' ||
        parsed.l === 'phones') &&
      typeof parsed.e === 'string'
    ) {
      return { list: parsed.l, entry: parsed.e };
    }
  } catch {
    // An unreadable button removes nothing.
  }
  return undefined;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

function entryBlock(list: ListKey, entry: string, text: string): types.KnownBlock {
  return {
    type: 'section',
    block_id: LIST_BLOCKS.entry(list, entry),
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'button',
      action_id: ACTIONS.settingsListRemove,
      text: plain('Remove'),
      value: encodeRemoval(list, entry),
    },
  };
}

function listView(
  callbackId: string,
  title: string,
  metadata: string,
  entries: types.KnownBlock[],
  empty: string,
  inputs: types.KnownBlock[],
): types.ModalView {
  const blocks: types.KnownBlock[] = [
    ...(entries.length > 0 ? entries : [{ type: 'section', text: { type: 'mrkdwn', text: empty } } as const]),
    { type: 'divider' },
    ...inputs,
  ];
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain('Add'),
    close: plain('Back'),
    private_metadata: metadata,
    blocks,
  };
}

const textInput = (blockId: string, label: string, hint: string, optional = false): types.KnownBlock => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: plain(label),
  hint: plain(hint),
  element: { type: 'plain_text_input', action_id: 'value' },
});

/** Forward numbers (at most 10): each with Remove; a number and a description to add one. */
export function forwardListView(form: SettingsForm, metadata: string): types.ModalView {
  const { forwardNumbers } = form.details.settings;
  const entries = forwardNumbers.map((f) =>
    entryBlock('forward', f.number, `\`${f.number}\`${f.description ? ` ${escapeText(f.description)}` : ''}`),
  );
  return listView(
    VIEWS.settingsForward,
    'Forward numbers',
    metadata,
    entries,
    `No forward numbers yet (up to ${MAX_FORWARD_NUMBERS}).`,
    [
      textInput(LIST_BLOCKS.forwardNumber, 'Add a number', 'With + and the country code, e.g. +14155550100.'),
      textInput(LIST_BLOCKS.forwardDescription, 'Description', 'Optional, e.g. Mobile.', true),
    ],
  );
}

/** Blocked numbers and prefixes: each with Remove; one field to block another. */
export function blockedListView(form: SettingsForm, metadata: string): types.ModalView {
  const entries = form.details.blocked.map((b) =>
    entryBlock('blocked', b.value, b.kind === 'prefix' ? `Prefix \`${b.value}\`` : `Number \`${b.value}\``),
  );
  return listView(VIEWS.settingsBlocked, 'Blocked numbers', metadata, entries, 'Nothing is blocked.', [
    textInput(
      LIST_BLOCKS.blockedEntry,
      'Block a number or prefix',
      'A number with + and the country code, or the first digits of numbers to block, e.g. +1900.',
    ),
  ]);
}

type Values = Record<string, Record<string, { value?: string | null }>>;
const typed = (values: Values, block: string) => values[block]?.value?.value?.trim() ?? '';

/** The number and description to add; both are checked by the service, as `/phone forward add` checks them. */
export function readForwardAdd(
  values: Values,
):
  | { ok: true; input: { number: string; description: string } }
  | { ok: false; errors: Record<string, string> } {
  const number = typed(values, LIST_BLOCKS.forwardNumber);
  if (!number) return { ok: false, errors: { [LIST_BLOCKS.forwardNumber]: 'Enter the number to add.' } };
  return { ok: true, input: { number, description: typed(values, LIST_BLOCKS.forwardDescription) } };
}

/** The number or prefix to block, checked by the service as `/phone block add` checks it. */
export function readBlockedAdd(
  values: Values,
): { ok: true; input: string } | { ok: false; errors: Record<string, string> } {
  const entry = typed(values, LIST_BLOCKS.blockedEntry);
  if (!entry)
    return { ok: false, errors: { [LIST_BLOCKS.blockedEntry]: 'Enter a number or prefix to block.' } };
  return { ok: true, input: entry };
}

/** Assistants (at most 15), each removed by extension; a person picker to add one. */
export function assistantsListView(form: SettingsForm, metadata: string): types.ModalView {
  const entries = form.details.assistants.map((a) =>
    entryBlock('assistants', a.extension, `${who(a.person)} · extension ${a.extension}`),
  );
  return listView(
    VIEWS.settingsAssistants,
    'Assistants',
    metadata,
    entries,
    `No assistants yet (up to ${MAX_ASSISTANTS}).`,
    [
      {
        type: 'input',
        block_id: LIST_BLOCKS.assistant,
        label: plain('Add an assistant'),
        hint: plain('A phone user who may answer these calls.'),
        element: { type: 'users_select', action_id: 'user' },
      },
    ],
  );
}

/** The person to add as an assistant; the service checks they are a phone user, not the owner, not already one. */
export function readAssistantAdd(
  values: Record<string, Record<string, { selected_user?: string | null }>>,
): { ok: true; input: string } | { ok: false; errors: Record<string, string> } {
  const user = values[LIST_BLOCKS.assistant]?.user?.selected_user;
  if (!user) return { ok: false, errors: { [LIST_BLOCKS.assistant]: 'Choose the person to add.' } };
  return { ok: true, input: user };
}

/** Desk phones (at most 3): each with Remove; a MAC and a model to add one. The apps are always there. */
export function deskPhonesListView(form: SettingsForm, metadata: string): types.ModalView {
  const entries = form.details.deskPhones.map((p) =>
    entryBlock('phones', p.mac, `${escapeText(p.model)} \`${formatMac(p.mac)}\``),
  );
  return listView(
    VIEWS.settingsPhones,
    'Desk phones',
    metadata,
    entries,
    `No desk phones (up to ${MAX_DESK_PHONES}); the desktop and mobile apps always ring.`,
    [
      textInput(
        LIST_BLOCKS.deskMac,
        'MAC address',
        'Any usual spelling, e.g. 00:1A:2B:3C:4D:5E or 001a.2b3c.4d5e.',
      ),
      textInput(LIST_BLOCKS.deskModel, 'Model', 'The phone model, e.g. Poly VVX 450.'),
    ],
  );
}

/** The MAC and model to add; both are checked by the service, as `/phone phone add` checks them. */
export function readDeskPhoneAdd(
  values: Values,
): { ok: true; input: { mac: string; model: string } } | { ok: false; errors: Record<string, string> } {
  const mac = typed(values, LIST_BLOCKS.deskMac);
  const model = typed(values, LIST_BLOCKS.deskModel);
  const errors: Record<string, string> = {};
  if (!mac) errors[LIST_BLOCKS.deskMac] = 'Enter the MAC address of the phone.';
  if (!model) errors[LIST_BLOCKS.deskModel] = 'Enter the model of the phone.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input: { mac, model } };
}
