import type { types } from '@slack/bolt';
import type { AddressInput, RequiredAddressField } from '../../../domain/address.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { VIEWS } from '../../ids.ts';
import { opt, sectionModal } from './elements.ts';

export const ADDRESS_BLOCKS = {
  source: 'address_source',
  line1: 'address_line1',
  line2: 'address_line2',
  city: 'address_city',
  state: 'address_state',
  postalCode: 'address_postal_code',
  country: 'address_country',
  allow: 'address_allow',
} as const;

type Part = 'line1' | 'line2' | 'city' | 'state' | 'postalCode' | 'country';
const PARTS: { key: Part; label: string; field: string; hint?: string }[] = [
  { key: 'line1', label: 'Address line 1', field: 'line 1' },
  { key: 'line2', label: 'Address line 2', field: 'line 2' },
  { key: 'city', label: 'City', field: 'city' },
  { key: 'state', label: 'State or region', field: 'state' },
  { key: 'postalCode', label: 'Postal code', field: 'postal code' },
  { key: 'country', label: 'Country', field: 'country', hint: 'Two letters (ISO 3166), e.g. US, CA, GB.' },
];

/** The block of each part of an address, by the name errors give it ("postal code"). */
export const BLOCK_OF_FIELD: Record<string, string> = Object.fromEntries(
  PARTS.map((part) => [part.field, ADDRESS_BLOCKS[part.key]]),
);

const SOURCES = [opt('This address', 'own'), opt('The default address of their site', 'site')];
const ALLOW = opt('Allow the user to manage their emergency address', 'allow');

/**
 * The emergency address: the user's own (every part), or their site's default. Admins also decide whether the
 * user may change it themselves. The parts are optional in Slack's eyes so that a missing one is named under its
 * own field, by the same check as `/phone address`.
 */
export function addressFormView(form: SettingsForm, metadata: string): types.ModalView {
  const { details } = form;
  const own = details.addressIsSiteDefault ? undefined : details.address;
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: ADDRESS_BLOCKS.source,
      label: { type: 'plain_text', text: 'Emergency calls give' },
      element: {
        type: 'radio_buttons',
        action_id: 'source',
        options: SOURCES,
        initial_option: details.addressIsSiteDefault ? SOURCES[1] : SOURCES[0],
      },
    },
  ];
  for (const part of PARTS) {
    const value = own?.[part.key];
    blocks.push({
      type: 'input',
      block_id: ADDRESS_BLOCKS[part.key],
      optional: true,
      label: { type: 'plain_text', text: part.label },
      ...(part.hint ? { hint: { type: 'plain_text', text: part.hint } } : {}),
      element: { type: 'plain_text_input', action_id: 'value', ...(value ? { initial_value: value } : {}) },
    });
  }
  if (form.byAdmin) {
    blocks.push({
      type: 'input',
      block_id: ADDRESS_BLOCKS.allow,
      optional: true,
      label: { type: 'plain_text', text: 'Self-service' },
      element: {
        type: 'checkboxes',
        action_id: 'allow',
        options: [ALLOW],
        ...(details.settings.userManagesEmergencyAddress ? { initial_options: [ALLOW] } : {}),
      },
    });
  }
  return sectionModal(VIEWS.settingsAddress, 'Emergency address', metadata, blocks);
}

type Value = {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};
export type AddressValues = Record<string, Record<string, Value>>;

export type AddressFormInput = {
  address: { kind: 'own'; parts: AddressInput } | { kind: 'site' };
  /** Undefined when the form had no such field (a phone user's own form). */
  allowSelfService: boolean | undefined;
};

/** Reads the form back; the parts are checked by the service, so each missing one is named under its field. */
export function readAddressForm(
  values: AddressValues,
): { ok: true; input: AddressFormInput } | { ok: false; errors: Record<string, string> } {
  const source = values[ADDRESS_BLOCKS.source]?.source?.selected_option?.value;
  if (source !== 'own' && source !== 'site') {
    return {
      ok: false,
      errors: { [ADDRESS_BLOCKS.source]: 'Choose an address of their own or the site default.' },
    };
  }
  const allowBlock = values[ADDRESS_BLOCKS.allow];
  const allowSelfService = allowBlock
    ? (allowBlock.allow?.selected_options ?? []).some((o) => o.value === 'allow')
    : undefined;
  if (source === 'site') return { ok: true, input: { address: { kind: 'site' }, allowSelfService } };
  const parts = Object.fromEntries(
    PARTS.map((p) => [p.key, values[ADDRESS_BLOCKS[p.key]]?.value?.value ?? '']),
  ) as AddressInput;
  return { ok: true, input: { address: { kind: 'own', parts }, allowSelfService } };
}

/** One error under each missing part. */
export function missingPartErrors(missing: readonly RequiredAddressField[]): Record<string, string> {
  return Object.fromEntries(
    missing.flatMap((field) => {
      const block = BLOCK_OF_FIELD[field];
      return block ? [[block, `Enter the ${field}: emergency services need it to find the caller.`]] : [];
    }),
  );
}
