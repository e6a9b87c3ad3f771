import { describe, expect, it } from 'vitest';
import {
  decodeRemoval,
  encodeRemoval,
  LIST_BLOCKS,
  readAssistantAdd,
  readBlockedAdd,
  readForwardAdd,
} from '../../../../src/slack/views/settings/list-forms.ts';

const field = (value: string | null) => ({ value: { value } });

describe('the list sections of the settings form', () => {
  it('reads a forward number and its description, trimmed, for the service to check', () => {
    expect(
      readForwardAdd({
        [LIST_BLOCKS.forwardNumber]: field(' +14155550123 '),
        [LIST_BLOCKS.forwardDescription]: field(null),
      }),
    ).toEqual({ ok: true, input: { number: '+14155550123', description: '' } });
  });

  it('asks for the number to add, or the number or prefix to block, when empty', () => {
    expect(readForwardAdd({ [LIST_BLOCKS.forwardNumber]: field('  ') })).toEqual({
      ok: false,
      errors: { [LIST_BLOCKS.forwardNumber]: 'Enter the number to add.' },
    });
    expect(readBlockedAdd({ [LIST_BLOCKS.blockedEntry]: field(null) })).toEqual({
      ok: false,
      errors: { [LIST_BLOCKS.blockedEntry]: 'Enter a number or prefix to block.' },
    });
  });

  it('reads back what a Remove button removes, and nothing from a forged one', () => {
    expect(decodeRemoval(encodeRemoval('blocked', '+1900'))).toEqual({ list: 'blocked', entry: '+1900' });
    expect(decodeRemoval('{"l":"desk phones","e":"x"}')).toBeUndefined();
    expect(decodeRemoval('not json')).toBeUndefined();
    expect(decodeRemoval(undefined)).toBeUndefined();
  });
});

describe('the assistants section of the settings form', () => {
  it('reads the person picked, or asks for one', () => {
    expect(readAssistantAdd({ [LIST_BLOCKS.assistant]: { user: { selected_user: 'U2' } } })).toEqual({
      ok: true,
      input: 'U2',
    });
    expect(readAssistantAdd({ [LIST_BLOCKS.assistant]: { user: { selected_user: null } } })).toEqual({
      ok: false,
      errors: { [LIST_BLOCKS.assistant]: 'Choose the person to add.' },
    });
  });
});
