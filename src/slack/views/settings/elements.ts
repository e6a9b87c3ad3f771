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
