import type { types } from '@slack/bolt';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { VIEWS } from '../../ids.ts';
import { opt, sectionModal } from './elements.ts';

export const CALLER_BLOCKS = { callerId: 'caller_id', areaCode: 'caller_area_code' } as const;

/** Caller ID (hidden, one of the user's numbers or a main number of the account) and the outbound area code. */
export function callerFormView(form: SettingsForm, metadata: string): types.ModalView {
  const { settings } = form.details;
  const own = form.card.numbers.map((number) => opt(`${number} (their number)`, number));
  const main = form.mainNumbers
    .filter((number) => !form.card.numbers.includes(number))
    .map((number) => opt(`${number} (main number)`, number));
  // Slack allows 100 options in a static select.
  const options = [opt('Hidden', 'hidden'), ...own, ...main].slice(0, 100);
  const current = settings.callerId.kind === 'hidden' ? 'hidden' : settings.callerId.number;
  const initial = options.find((o) => o.value === current);
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: CALLER_BLOCKS.callerId,
      label: { type: 'plain_text', text: 'Outbound caller ID' },
      element: {
        type: 'static_select',
        action_id: 'caller_id',
        options,
        ...(initial ? { initial_option: initial } : {}),
      },
    },
    {
      type: 'input',
      block_id: CALLER_BLOCKS.areaCode,
      optional: true,
      label: { type: 'plain_text', text: 'Area code' },
      hint: { type: 'plain_text', text: 'Digits, e.g. 415. Leave empty to keep it as it is.' },
      element: {
        type: 'plain_text_input',
        action_id: 'area_code',
        ...(settings.areaCode ? { initial_value: settings.areaCode } : {}),
      },
    },
  ];
  return sectionModal(VIEWS.settingsCaller, 'Caller ID, area code', metadata, blocks);
}

type Value = { value?: string | null; selected_option?: { value: string } | null };
export type CallerValues = Record<string, Record<string, Value>>;
export type CallerFormInput = { callerId: string; areaCode: string | undefined };

/** Reads the form back; the values are checked by the service, by the rules of `/phone set`. */
export function readCallerForm(
  values: CallerValues,
): { ok: true; input: CallerFormInput } | { ok: false; errors: Record<string, string> } {
  const callerId = values[CALLER_BLOCKS.callerId]?.caller_id?.selected_option?.value;
  if (!callerId) return { ok: false, errors: { [CALLER_BLOCKS.callerId]: 'Choose a caller ID, or Hidden.' } };
  const areaCode = values[CALLER_BLOCKS.areaCode]?.area_code?.value?.trim() || undefined;
  return { ok: true, input: { callerId, areaCode } };
}
