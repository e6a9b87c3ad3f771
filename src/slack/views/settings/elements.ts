import type { types } from '@slack/bolt';
import { BLOCK_KIT } from '../../blocks/limits.ts';
import { clip } from '../../format.ts';

/** A select or radio option; Slack allows 75 characters of option text. */
export const opt = (text: string, value: string) => ({
  text: { type: 'plain_text' as const, text: clip(text, BLOCK_KIT.optionText) },
  value,
});

/** An input block of a settings form. */
export const input = (
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): types.KnownBlock =>
  ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element,
    ...extra,
  }) as never;

/** The modal of a settings section: saved with Save, left for the summary with Back. */
export const sectionModal = (
  callbackId: string,
  title: string,
  metadata: string,
  blocks: types.KnownBlock[],
): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: { type: 'plain_text', text: title },
  submit: { type: 'plain_text', text: 'Save' },
  close: { type: 'plain_text', text: 'Back' },
  private_metadata: metadata,
  blocks,
});
