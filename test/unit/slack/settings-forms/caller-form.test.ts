import { describe, expect, it } from 'vitest';
import { CALLER_BLOCKS, readCallerForm } from '../../../../src/slack/views/settings/caller-form.ts';

const values = (callerId: string | null, areaCode: string | null) =>
  ({
    [CALLER_BLOCKS.callerId]: { caller_id: { selected_option: callerId ? { value: callerId } : null } },
    [CALLER_BLOCKS.areaCode]: { area_code: { value: areaCode } },
  }) as never;

describe('reading the caller ID form', () => {
  it('reads the caller ID and a trimmed area code', () => {
    expect(readCallerForm(values('+14155550100', ' 415 '))).toEqual({
      ok: true,
      input: { callerId: '+14155550100', areaCode: '415' },
    });
  });

  it('reads an empty area code as "keep it"', () => {
    expect(readCallerForm(values('hidden', '  '))).toEqual({
      ok: true,
      input: { callerId: 'hidden', areaCode: undefined },
    });
  });

  it('asks for a caller ID when none is chosen', () => {
    expect(readCallerForm(values(null, '415'))).toEqual({
      ok: false,
      errors: { [CALLER_BLOCKS.callerId]: 'Choose a caller ID, or Hidden.' },
    });
  });
});
