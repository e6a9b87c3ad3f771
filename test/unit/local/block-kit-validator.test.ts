import { describe, expect, it } from 'vitest';
import { checkMessage, validateMessageBlocks, validateView } from '../../../src/local/block-kit-validator.ts';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  ...extra,
});
const option = (text: string, value: string) => ({ text: plain(text), value });
const select = (options: unknown[]) => ({ type: 'static_select', action_id: 'pick', options });
const inputBlock = (blockId: string) => ({
  type: 'input',
  block_id: blockId,
  label: plain('Extension'),
  element: { type: 'plain_text_input', action_id: 'value' },
});

describe('validateMessageBlocks', () => {
  it('accepts a typical message', () => {
    const blocks = [
      { type: 'header', text: plain('Phone users') },
      {
        type: 'section',
        text: mrkdwn('*Ada* 4102'),
        fields: [mrkdwn('a'), mrkdwn('b')],
        accessory: button('edit'),
      },
      { type: 'divider' },
      { type: 'context', elements: [mrkdwn('updated now')] },
      { type: 'actions', elements: [button('yes', { style: 'danger' }), select([option('Site A', 'a')])] },
    ];

    expect(validateMessageBlocks(blocks)).toEqual([]);
  });

  it.each([
    [
      'more than 50 blocks',
      Array.from({ length: 51 }, () => ({ type: 'divider' })),
      '/blocks: must provide no more than 50',
    ],
    ['a section text over 3000', [section('x'.repeat(3001))], '/blocks/0/text/text: must be at most 3000'],
    [
      'more than 10 fields',
      [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }],
      '/blocks/0/fields: must provide no more than 10',
    ],
    [
      'a field over 2000',
      [{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }],
      '/blocks/0/fields/0/text: must be at most 2000',
    ],
    [
      'a header over 150',
      [{ type: 'header', text: plain('h'.repeat(151)) }],
      '/blocks/0/text/text: must be at most 150',
    ],
    ['a mrkdwn header', [{ type: 'header', text: mrkdwn('h') }], '/blocks/0/text/type: must be plain_text'],
    [
      'more than 25 actions',
      [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }],
      '/blocks/0/elements: must provide no more than 25',
    ],
    [
      'button text over 75',
      [{ type: 'actions', elements: [{ ...button('b'), text: plain('t'.repeat(76)) }] }],
      '/blocks/0/elements/0/text/text: must be at most 75',
    ],
    [
      'button value over 2000',
      [{ type: 'actions', elements: [button('b', { value: 'v'.repeat(2001) })] }],
      '/blocks/0/elements/0/value: must be at most 2000',
    ],
    [
      'an unknown button style',
      [{ type: 'actions', elements: [button('b', { style: 'warning' })] }],
      '/blocks/0/elements/0/style: must be primary or danger',
    ],
    [
      'option text over 75',
      [{ type: 'actions', elements: [select([option('o'.repeat(76), 'v')])] }],
      '/blocks/0/elements/0/options/0/text/text: must be at most 75',
    ],
    [
      'option value over 150',
      [{ type: 'actions', elements: [select([option('o', 'v'.repeat(151))])] }],
      '/blocks/0/elements/0/options/0/value: must be at most 150',
    ],
    [
      'more than 100 options',
      [
        {
          type: 'actions',
          elements: [select(Array.from({ length: 101 }, (_, i) => option(`o${i}`, `v${i}`)))],
        },
      ],
      '/blocks/0/elements/0/options: must provide no more than 100',
    ],
    [
      'an initial_option that is not an option',
      [{ type: 'actions', elements: [{ ...select([option('a', 'a')]), initial_option: option('b', 'b') }] }],
      '/blocks/0/elements/0/initial_option: must match one of the options',
    ],
    [
      'a confirm title over 100',
      [
        {
          type: 'actions',
          elements: [
            button('b', {
              confirm: {
                title: plain('t'.repeat(101)),
                text: plain('x'),
                confirm: plain('Yes'),
                deny: plain('No'),
              },
            }),
          ],
        },
      ],
      '/blocks/0/elements/0/confirm/title/text: must be at most 100',
    ],
    [
      'a confirm button label over 30',
      [
        {
          type: 'actions',
          elements: [
            button('b', {
              confirm: {
                title: plain('t'),
                text: plain('x'),
                confirm: plain('c'.repeat(31)),
                deny: plain('No'),
              },
            }),
          ],
        },
      ],
      '/blocks/0/elements/0/confirm/confirm/text: must be at most 30',
    ],
    [
      'a repeated block_id',
      [
        { ...section('a'), block_id: 'same' },
        { ...section('b'), block_id: 'same' },
      ],
      '/blocks/1/block_id: block_id "same" is already used',
    ],
    [
      'a repeated action_id in one block',
      [{ type: 'actions', elements: [button('go'), button('go')] }],
      '/blocks/0/elements/1/action_id: action_id "go" is already used',
    ],
    ['an unknown block type', [{ type: 'carousel' }], '/blocks/0/type: unsupported block type "carousel"'],
    ['an empty text', [section('')], '/blocks/0/text/text: must not be empty'],
  ])('reports %s', (_what, blocks, expected) => {
    expect(validateMessageBlocks(blocks)).toContainEqual(expect.stringContaining(`[ERROR] ${expected}`));
  });

  it('allows the same action_id in two different blocks', () => {
    const blocks = [
      { type: 'actions', elements: [button('go')] },
      { type: 'actions', elements: [button('go')] },
    ];

    expect(validateMessageBlocks(blocks)).toEqual([]);
  });
});

describe('validateView', () => {
  const view = (extra: Record<string, unknown>) => ({
    type: 'modal',
    title: plain('Add user'),
    submit: plain('Add'),
    blocks: [inputBlock('extension')],
    ...extra,
  });

  it('accepts a modal with inputs and a submit button', () => {
    expect(validateView(view({}))).toEqual([]);
  });

  it.each([
    ['a title over 24', { title: plain('t'.repeat(25)) }, '/view/title/text: must be at most 24'],
    ['a submit label over 24', { submit: plain('s'.repeat(25)) }, '/view/submit/text: must be at most 24'],
    [
      'a missing submit with input blocks',
      { submit: undefined },
      '/view/submit: is required when the view has input blocks',
    ],
    [
      'private_metadata over 3000',
      { private_metadata: 'm'.repeat(3001) },
      '/view/private_metadata: must be at most 3000',
    ],
    [
      'more than 100 blocks',
      { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) },
      '/view/blocks: must provide no more than 100',
    ],
  ])('reports %s', (_what, extra, expected) => {
    expect(validateView(view(extra))).toContainEqual(expect.stringContaining(`[ERROR] ${expected}`));
  });

  it('allows 100 blocks in a view although a message allows 50', () => {
    const blocks = Array.from({ length: 100 }, () => ({ type: 'divider' }));

    expect(validateView(view({ blocks, submit: undefined }))).toEqual([]);
    expect(validateMessageBlocks(blocks)).toHaveLength(1);
  });
});

describe('checkMessage', () => {
  it('picks the error code Slack would answer', () => {
    expect(checkMessage({}, { maxText: 40_000 })?.error).toBe('no_text');
    expect(checkMessage({ text: 'x'.repeat(4001) }, { maxText: 4000 })?.error).toBe('msg_too_long');
    expect(checkMessage({ text: 'x', blocks: '[not json' }, { maxText: 4000 })?.error).toBe(
      'invalid_blocks_format',
    );
    expect(checkMessage({ text: 'x', blocks: [{ type: 'nope' }] }, { maxText: 4000 })?.error).toBe(
      'invalid_blocks',
    );
    expect(checkMessage({ text: 'fine' }, { maxText: 4000 })).toBeUndefined();
  });
});
