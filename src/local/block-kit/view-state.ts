import type { InputValue } from '../types.ts';
import { isObject, type Json } from './checks.ts';

/** The field that carries a value, per element type, and what Slack sends when the person left it empty. */
const EMPTY: Record<string, [field: string, empty: null | []]> = {
  plain_text_input: ['value', null],
  email_text_input: ['value', null],
  url_text_input: ['value', null],
  number_input: ['value', null],
  static_select: ['selected_option', null],
  external_select: ['selected_option', null],
  radio_buttons: ['selected_option', null],
  multi_static_select: ['selected_options', []],
  multi_external_select: ['selected_options', []],
  checkboxes: ['selected_options', []],
  users_select: ['selected_user', null],
  multi_users_select: ['selected_users', []],
  conversations_select: ['selected_conversation', null],
  multi_conversations_select: ['selected_conversations', []],
  channels_select: ['selected_channel', null],
  multi_channels_select: ['selected_channels', []],
  datepicker: ['selected_date', null],
  timepicker: ['selected_time', null],
  datetimepicker: ['selected_date_time', null],
  file_input: ['files', []],
  rich_text_input: ['rich_text_value', null],
};

function isEmpty(type: string, value: Record<string, unknown>): boolean {
  const field = EMPTY[type]?.[0];
  if (!field) return false;
  const v = value[field];
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Where an element keeps its preset value, for the field Slack fills on submit when the person leaves it alone. */
const INITIAL: Record<string, string> = {
  value: 'initial_value',
  selected_option: 'initial_option',
  selected_options: 'initial_options',
  selected_user: 'initial_user',
  selected_users: 'initial_users',
  selected_conversation: 'initial_conversation',
  selected_conversations: 'initial_conversations',
  selected_channel: 'initial_channel',
  selected_channels: 'initial_channels',
  selected_date: 'initial_date',
  selected_time: 'initial_time',
  selected_date_time: 'initial_date_time',
};

type InputBlock = {
  blockId: string;
  actionId: string;
  type: string;
  optional: boolean;
  element: Json;
};

function inputBlocks(blocks: unknown[]): InputBlock[] {
  return blocks.flatMap((block) => {
    if (!isObject(block) || block.type !== 'input' || !isObject(block.element)) return [];
    const el: Json = block.element;
    return [
      {
        blockId: String(block.block_id),
        actionId: String(el.action_id),
        type: String(el.type),
        optional: block.optional === true,
        element: el,
      },
    ];
  });
}

/**
 * `view.state.values` as Slack builds it: every input block appears, empty ones with null or []. What the person
 * entered earlier (`kept`: the view's state, which views.update keeps for blocks whose ids match) stands where
 * nothing new is given, and the element's initial value where nothing was ever entered. Throws for what a person
 * cannot do in Slack: fill a block the view does not have, or submit with a required one empty (a `draft`, the
 * state a block_actions payload carries while the form is being filled in, may have empty ones).
 */
export function buildStateValues(
  viewId: string,
  blocks: unknown[],
  given: Record<string, Record<string, InputValue>>,
  options: { kept?: Record<string, Record<string, unknown>>; draft?: boolean } = {},
): Record<string, Record<string, unknown>> {
  const inputs = inputBlocks(blocks);
  for (const [blockId, byAction] of Object.entries(given)) {
    const input = inputs.find((i) => i.blockId === blockId);
    if (!input) {
      const known = inputs.map((i) => i.blockId).join(', ') || 'none';
      throw new Error(`fake-slack: view ${viewId} has no input block "${blockId}" (input blocks: ${known})`);
    }
    for (const actionId of Object.keys(byAction)) {
      if (actionId !== input.actionId) {
        throw new Error(
          `fake-slack: input block "${blockId}" holds action_id "${input.actionId}", not "${actionId}"`,
        );
      }
    }
  }
  const values: Record<string, Record<string, unknown>> = {};
  for (const input of inputs) {
    const [field, empty] = EMPTY[input.type] ?? ['value', null];
    const provided = given[input.blockId]?.[input.actionId];
    const initial = input.element[INITIAL[field] ?? ''];
    const kept = options.kept?.[input.blockId]?.[input.actionId];
    const untouched = isObject(kept) ? kept : { type: input.type, [field]: initial ?? empty };
    const value = provided ? { ...provided, type: input.type } : untouched;
    const chosen = (value as Record<string, unknown>)[field];
    const max = input.element.max_selected_items;
    if (Array.isArray(chosen) && typeof max === 'number' && chosen.length > max) {
      throw new Error(
        `fake-slack: input block "${input.blockId}" allows at most ${max} selections; Slack would not let the person pick ${chosen.length}`,
      );
    }
    if (!options.draft && !input.optional && isEmpty(input.type, value)) {
      throw new Error(
        `fake-slack: input block "${input.blockId}" is required; Slack would not let the person submit without it`,
      );
    }
    values[input.blockId] = { [input.actionId]: value };
  }
  return values;
}
