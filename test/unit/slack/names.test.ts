import { describe, expect, it } from 'vitest';
import { slackIdsIn } from '../../../src/slack/names.ts';

describe('the people a refusal names by id', () => {
  it('include the phone admins it names, so that a form can show them by name', () => {
    const { ids } = slackIdsIn({ code: 'PIN_NOT_VISIBLE', admins: { first: ['UADA', 'UGRACE'], total: 2 } });
    expect(ids).toEqual(['UADA', 'UGRACE']);
  });

  it('do not include other lists of words', () => {
    const { ids } = slackIdsIn({ code: 'NUMBER_ALREADY_IN_INVENTORY', numbers: ['UADA0000'] });
    expect(ids).toEqual([]);
  });
});
