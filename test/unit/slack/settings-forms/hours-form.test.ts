import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../../src/domain/settings.ts';
import {
  HOURS_BLOCKS,
  type HoursValues,
  hoursFormView,
  readHoursForm,
} from '../../../../src/slack/views/settings/hours-form.ts';

/** The form as the view reads it: only the hours and the time zone matter to it. */
const formWith = (businessHours: BusinessHours) =>
  ({ details: { settings: { businessHours } }, card: { timezone: 'Europe/Paris' } }) as never;

type Input = {
  type: 'input';
  block_id: string;
  optional?: boolean;
  hint?: { text: string };
  element: { initial_option?: { value: string }; initial_time?: string };
};
const inputs = (view: types.ModalView) =>
  view.blocks.filter((b): b is Input & types.KnownBlock => b.type === 'input') as Input[];
const block = (view: types.ModalView, id: string) => inputs(view).find((b) => b.block_id === id);

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function weekly(days: Partial<Record<(typeof DAYS)[number], [string, string?, string?]>>): HoursValues {
  const values: HoursValues = { [HOURS_BLOCKS.mode]: { mode: { selected_option: { value: 'weekly' } } } };
  for (const day of DAYS) {
    const [type, from, to] = days[day] ?? ['closed'];
    values[HOURS_BLOCKS.day(day)] = { type: { selected_option: { value: type } } };
    values[HOURS_BLOCKS.from(day)] = { time: { selected_time: from ?? '09:00' } };
    values[HOURS_BLOCKS.to(day)] = { time: { selected_time: to ?? '17:00' } };
  }
  return values;
}

describe('the business hours form', () => {
  it('starts a user on 24/7 from Mon–Fri 09:00–17:00 with Sat–Sun closed', () => {
    const view = hoursFormView(formWith({ kind: 'always' }), '{}');
    expect(block(view, HOURS_BLOCKS.mode)?.element.initial_option?.value).toBe('always');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
      expect(block(view, HOURS_BLOCKS.day(day))?.element.initial_option?.value).toBe('interval');
      expect(block(view, HOURS_BLOCKS.from(day))?.element.initial_time).toBe('09:00');
      expect(block(view, HOURS_BLOCKS.to(day))?.element.initial_time).toBe('17:00');
    }
    for (const day of ['sat', 'sun'] as const) {
      expect(block(view, HOURS_BLOCKS.day(day))?.element.initial_option?.value).toBe('closed');
    }
  });

  it('shows a weekly user their own days', () => {
    const days = Object.fromEntries(DAYS.map((d) => [d, { type: '24h' }])) as never;
    const view = hoursFormView(formWith({ kind: 'weekly', days }), '{}');
    expect(block(view, HOURS_BLOCKS.day('sat'))?.element.initial_option?.value).toBe('24h');
  });

  it('labels no field "(optional)": every one it shows carries a value', () => {
    const view = hoursFormView(formWith({ kind: 'always' }), '{}');
    expect(inputs(view).filter((b) => b.optional)).toEqual([]);
  });

  it('says under each closing time that one earlier than the opening ends the next day', () => {
    const view = hoursFormView(formWith({ kind: 'always' }), '{}');
    expect(block(view, HOURS_BLOCKS.to('mon'))?.hint?.text).toContain('ends the next day');
  });

  it('reads a closing time earlier than the opening as a night shift', () => {
    expect(readHoursForm(weekly({ fri: ['interval', '22:00', '06:00'] }))).toEqual({
      ok: true,
      input: {
        kind: 'weekly',
        days: {
          mon: { type: 'closed' },
          tue: { type: 'closed' },
          wed: { type: 'closed' },
          thu: { type: 'closed' },
          fri: { type: 'interval', from: '22:00', to: '06:00' },
          sat: { type: 'closed' },
          sun: { type: 'closed' },
        },
      },
    });
  });

  it('refuses a day that opens and closes at once, saying how a night shift is written', () => {
    expect(readHoursForm(weekly({ mon: ['interval', '09:00', '09:00'] }))).toEqual({
      ok: false,
      errors: {
        [HOURS_BLOCKS.to('mon')]:
          'Monday would open and close at 09:00: choose another closing time (one earlier than 09:00 ends the next day), or "Open 24 hours".',
      },
    });
  });
});
