import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  LINE_BLOCKS,
  type LineValues,
  lineErrorBlock,
  lineFormView,
  readLineForm,
} from '../../../../src/slack/views/settings/line-form.ts';
import { editableSections } from '../../../../src/slack/views/settings/sections.ts';

const card = {
  site: 'Main',
  siteCode: null,
  extension: '1000',
  shortExtension: '1000',
  status: 'active',
  plans: [{ code: 200, shortName: 'US/CA Unlimited' }],
  numbers: ['+14155550100', '+14155550101'],
};
const form = (over: { byAdmin?: boolean; self?: boolean } = {}) =>
  ({ card, details: { settings: {} }, byAdmin: true, self: false, ...over }) as never;

type Input = { block_id: string; optional?: boolean; element: Record<string, unknown> };
const block = (view: types.ModalView, id: string) =>
  (view.blocks as unknown as Input[]).find((b) => b.block_id === id);

const values = (v: {
  site?: string;
  extension?: string;
  plans?: string;
  numbers?: string;
  status?: string;
}) =>
  ({
    [LINE_BLOCKS.site]: { value: { value: v.site ?? 'Main' } },
    [LINE_BLOCKS.extension]: { value: { value: v.extension ?? '1000' } },
    [LINE_BLOCKS.plans]: { value: { value: v.plans ?? null } },
    [LINE_BLOCKS.numbers]: { value: { value: v.numbers ?? null } },
    [LINE_BLOCKS.status]: { status: { selected_option: v.status ? { value: v.status } : null } },
  }) as LineValues;

describe('the phone line form', () => {
  it('opens with the line as it is: site, extension, plans and numbers one per line, status', () => {
    const view = lineFormView(form(), '{}');
    expect(block(view, LINE_BLOCKS.site)?.element.initial_value).toBe('Main');
    expect(block(view, LINE_BLOCKS.extension)?.element.initial_value).toBe('1000');
    expect(block(view, LINE_BLOCKS.plans)?.element.initial_value).toBe('US/CA Unlimited');
    expect(block(view, LINE_BLOCKS.numbers)?.element.initial_value).toBe('+14155550100\n+14155550101');
    expect(block(view, LINE_BLOCKS.status)?.element.initial_option).toMatchObject({ value: 'active' });
  });

  it('marks only plans and numbers optional, since a line may have none', () => {
    const view = lineFormView(form(), '{}');
    const optional = (view.blocks as unknown as Input[]).filter((b) => b.optional).map((b) => b.block_id);
    expect(optional).toEqual([LINE_BLOCKS.plans, LINE_BLOCKS.numbers]);
  });

  it('is editable by admins only: a phone user sees their own line without a form', () => {
    expect(editableSections(form()).has('line')).toBe(true);
    expect(editableSections(form({ byAdmin: false, self: true })).has('line')).toBe(false);
  });

  it('reads plans and numbers one per line, trimmed, blank lines left out', () => {
    expect(
      readLineForm(
        values({ plans: ' US/CA Unlimited \n\n100', numbers: '+14155550100\r\n', status: 'inactive' }),
      ),
    ).toEqual({
      ok: true,
      input: {
        site: 'Main',
        extension: '1000',
        plans: ['US/CA Unlimited', '100'],
        numbers: ['+14155550100'],
        status: 'inactive',
      },
    });
  });

  it('asks for a site, an extension and a status under each', () => {
    const read = readLineForm(values({ site: ' ', extension: '' }));
    expect(read.ok).toBe(false);
    expect(Object.keys(read.ok ? {} : read.errors).sort()).toEqual(
      [LINE_BLOCKS.site, LINE_BLOCKS.extension, LINE_BLOCKS.status].sort(),
    );
  });

  it('puts each refusal under the field at fault', () => {
    expect(lineErrorBlock({ code: 'EXTENSION_TAKEN' } as never)).toBe(LINE_BLOCKS.extension);
    expect(lineErrorBlock({ code: 'SITE_NOT_FOUND' } as never)).toBe(LINE_BLOCKS.site);
    expect(lineErrorBlock({ code: 'PLAN_NONE_LEFT' } as never)).toBe(LINE_BLOCKS.plans);
    expect(lineErrorBlock({ code: 'NUMBER_NEEDS_PLAN' } as never)).toBe(LINE_BLOCKS.plans);
    expect(lineErrorBlock({ code: 'NUMBER_TAKEN' } as never)).toBe(LINE_BLOCKS.numbers);
    expect(lineErrorBlock({ code: 'SETTINGS_STALE' } as never)).toBeUndefined();
  });
});
