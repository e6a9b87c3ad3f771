import type { types } from '@slack/bolt';
import type { DomainError } from '../../../domain/errors.ts';
import type { LineInput } from '../../../services/line-changes.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { VIEWS } from '../../ids.ts';
import { input, opt, sectionModal } from './elements.ts';
import type { Errors } from './submit-section.ts';

export const LINE_BLOCKS = {
  site: 'line_site',
  extension: 'line_extension',
  plans: 'line_plans',
  numbers: 'line_numbers',
  status: 'line_status',
} as const;

const STATUSES = [
  opt('Active: can call and be called', 'active'),
  opt('Inactive: keeps everything, cannot call or be called', 'inactive'),
];

/**
 * The phone line itself (admins only): site, extension, calling plans, direct numbers and status, saved together.
 * Plans and numbers are one per line, so that a plan's name may hold commas and spaces.
 */
export function lineFormView(form: SettingsForm, metadata: string): types.ModalView {
  const { card } = form;
  const status = STATUSES.find((o) => o.value === card.status) ?? STATUSES[0];
  const text = (actionId: string, initial: string, multiline = false) => ({
    type: 'plain_text_input',
    action_id: actionId,
    ...(multiline ? { multiline: true } : {}),
    ...(initial ? { initial_value: initial } : {}),
  });
  const blocks: types.KnownBlock[] = [
    input(LINE_BLOCKS.site, 'Site', text('value', card.site), {
      hint: {
        type: 'plain_text',
        text: 'Moving keeps the extension where the new site has it free; otherwise the next free one is given.',
      },
    }),
    input(LINE_BLOCKS.extension, 'Extension', text('value', card.shortExtension), {
      ...(card.siteCode
        ? { hint: { type: 'plain_text', text: `Within the site: dialled with its code, ${card.siteCode}.` } }
        : {}),
    }),
    input(
      LINE_BLOCKS.plans,
      'Calling plans',
      text('value', card.plans.map((p) => p.shortName).join('\n'), true),
      {
        optional: true,
        hint: {
          type: 'plain_text',
          text: 'One per line. Direct numbers and calls outside the account need one.',
        },
      },
    ),
    input(LINE_BLOCKS.numbers, 'Direct numbers', text('value', card.numbers.join('\n'), true), {
      optional: true,
      hint: {
        type: 'plain_text',
        text: 'One per line, from the account’s numbers. A number taken off is released.',
      },
    }),
    input(LINE_BLOCKS.status, 'Status', {
      type: 'radio_buttons',
      action_id: 'status',
      options: STATUSES,
      ...(status ? { initial_option: status } : {}),
    }),
  ];
  return sectionModal(VIEWS.settingsLine, 'Phone line', metadata, blocks);
}

export type LineValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

const lines = (text: string | null | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Reads the form back: a site, an extension and a status are needed; plans and numbers may be none. */
export function readLineForm(
  values: LineValues,
): { ok: true; input: LineInput } | { ok: false; errors: Errors } {
  const site = values[LINE_BLOCKS.site]?.value?.value?.trim() ?? '';
  const extension = values[LINE_BLOCKS.extension]?.value?.value?.trim() ?? '';
  const status = values[LINE_BLOCKS.status]?.status?.selected_option?.value;
  const errors: Errors = {};
  if (site === '') errors[LINE_BLOCKS.site] = 'Name the site of the line, e.g. the one it has now.';
  if (extension === '') errors[LINE_BLOCKS.extension] = 'Give the line an extension within its site.';
  if (status !== 'active' && status !== 'inactive')
    errors[LINE_BLOCKS.status] = 'Choose whether the line is active or inactive.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      site,
      extension,
      plans: lines(values[LINE_BLOCKS.plans]?.value?.value),
      numbers: lines(values[LINE_BLOCKS.numbers]?.value?.value),
      status: status as LineInput['status'],
    },
  };
}

/** The field a refusal of the line belongs under; undefined for what belongs to none (a stale form, an outage). */
export function lineErrorBlock(error: DomainError): string | undefined {
  const { code } = error;
  if (code === 'SITE_NOT_FOUND' || code === 'SAME_SITE') return LINE_BLOCKS.site;
  if (code.startsWith('EXTENSION_')) return LINE_BLOCKS.extension;
  if (code.startsWith('PLAN_') || code === 'NO_PLANS_HELD') return LINE_BLOCKS.plans;
  if (code.startsWith('NUMBER_') || code === 'NO_FREE_NUMBER' || code === 'NO_NUMBERS_HELD')
    return code === 'NUMBER_NEEDS_PLAN' ? LINE_BLOCKS.plans : LINE_BLOCKS.numbers;
  if (code === 'STATUS_UNCHANGED') return LINE_BLOCKS.status;
  return undefined;
}
