import { describe, expect, it } from 'vitest';
import {
  ADDRESS_BLOCKS,
  missingPartErrors,
  readAddressForm,
} from '../../../../src/slack/views/settings/address-form.ts';

const field = (value: string | null) => ({ value: { value } });
const own = {
  [ADDRESS_BLOCKS.source]: { source: { selected_option: { value: 'own' } } },
  [ADDRESS_BLOCKS.line1]: field('1 Main St'),
  [ADDRESS_BLOCKS.line2]: field(null),
  [ADDRESS_BLOCKS.city]: field('San Francisco'),
  [ADDRESS_BLOCKS.state]: field('CA'),
  [ADDRESS_BLOCKS.postalCode]: field('94105'),
  [ADDRESS_BLOCKS.country]: field('us'),
};

describe('reading the emergency address form', () => {
  it('reads the parts as typed for the service to check, and no switch when the form had none', () => {
    expect(readAddressForm(own)).toEqual({
      ok: true,
      input: {
        address: {
          kind: 'own',
          parts: {
            line1: '1 Main St',
            line2: '',
            city: 'San Francisco',
            state: 'CA',
            postalCode: '94105',
            country: 'us',
          },
        },
        allowSelfService: undefined,
      },
    });
  });

  it('reads the site default and the self-service switch of an admin’s form', () => {
    const read = readAddressForm({
      ...own,
      [ADDRESS_BLOCKS.source]: { source: { selected_option: { value: 'site' } } },
      [ADDRESS_BLOCKS.allow]: { allow: { selected_options: [] } },
    });
    expect(read).toEqual({ ok: true, input: { address: { kind: 'site' }, allowSelfService: false } });
  });

  it('puts one error under each missing part', () => {
    expect(missingPartErrors(['city', 'country'])).toEqual({
      [ADDRESS_BLOCKS.city]: 'Enter the city: emergency services need it to find the caller.',
      [ADDRESS_BLOCKS.country]: 'Enter the country: emergency services need it to find the caller.',
    });
  });
});
