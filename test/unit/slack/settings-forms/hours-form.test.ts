import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../../src/domain/settings.ts';
import { ACTIONS } from '../../../../src/slack/ids.ts';
import {
  decodeHoursDraft,
  draftFromState,
  encodeHoursDraft,
  HOURS_BLOCKS,
  type HoursValues,
  hoursDraftOf,
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
  const values: HoursValues = {
    [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: { selected_option: { value: 'weekly' } } },
  };
  for (const day of DAYS) {
    const [type, from, to] = days[day] ?? ['closed'];
    values[HOURS_BLOCKS.day(day)] = { [ACTIONS.hoursDayType]: { selected_option: { value: type } } };
    values[HOURS_BLOCKS.from(day)] = { time: { selected_time: from ?? '09:00' } };
    values[HOURS_BLOCKS.to(day)] = { time: { selected_time: to ?? '17:00' } };
  }
  return values;
}

describe('the business hours form', () => {
  it('shows a user on 24/7 only the choice, and the days once Weekly is chosen, from Mon–Fri 09:00–17:00', () => {
    const always = formWith({ kind: 'always' });
    const view = hoursFormView(always, '{}');
    expect(inputs(view).map((b) => b.block_id)).toEqual([HOURS_BLOCKS.mode]);
    expect(block(view, HOURS_BLOCKS.mode)?.element.initial_option?.value).toBe('always');
    const chosen = { [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: { selected_option: { value: 'weekly' } } } };
    const weeklyView = hoursFormView(always, '{}', draftFromState(chosen, hoursDraftOf({ kind: 'always' })));
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
      expect(block(weeklyView, HOURS_BLOCKS.day(day))?.element.initial_option?.value).toBe('interval');
      expect(block(weeklyView, HOURS_BLOCKS.from(day))?.element.initial_time).toBe('09:00');
      expect(block(weeklyView, HOURS_BLOCKS.to(day))?.element.initial_time).toBe('17:00');
    }
    for (const day of ['sat', 'sun'] as const) {
      expect(block(weeklyView, HOURS_BLOCKS.day(day))?.element.initial_option?.value).toBe('closed');
      expect(block(weeklyView, HOURS_BLOCKS.from(day))).toBeUndefined();
      expect(block(weeklyView, HOURS_BLOCKS.to(day))).toBeUndefined();
    }
  });

  it('dispatches each choice, so that the form can be drawn again with what it needs', () => {
    const days = Object.fromEntries(DAYS.map((d) => [d, { type: 'closed' }])) as never;
    const view = hoursFormView(formWith({ kind: 'weekly', days }), '{}');
    const dispatching = view.blocks.filter((b) => (b as { dispatch_action?: boolean }).dispatch_action);
    expect(dispatching.map((b) => b.block_id)).toEqual([HOURS_BLOCKS.mode, ...DAYS.map(HOURS_BLOCKS.day)]);
  });

  it('shows a weekly user their own days, times only for a day open for a time', () => {
    const days = Object.fromEntries(DAYS.map((d) => [d, { type: '24h' }])) as never;
    const view = hoursFormView(formWith({ kind: 'weekly', days }), '{}');
    expect(block(view, HOURS_BLOCKS.day('sat'))?.element.initial_option?.value).toBe('24h');
    expect(block(view, HOURS_BLOCKS.from('sat'))).toBeUndefined();
  });

  it('keeps the times of a day while it is closed, through the draft the form carries', () => {
    const start = hoursDraftOf({ kind: 'always' });
    const typed = draftFromState(
      {
        [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: { selected_option: { value: 'weekly' } } },
        [HOURS_BLOCKS.from('mon')]: { time: { selected_time: '07:30' } },
        [HOURS_BLOCKS.to('mon')]: { time: { selected_time: '15:30' } },
        [HOURS_BLOCKS.day('mon')]: { [ACTIONS.hoursDayType]: { selected_option: { value: 'closed' } } },
      },
      start,
    );
    const carried = decodeHoursDraft(encodeHoursDraft(typed));
    expect(carried).toEqual(typed);
    expect(carried?.days.mon).toEqual({ type: 'closed', from: '07:30', to: '15:30' });
    expect(decodeHoursDraft('w|x')).toBeUndefined();
  });

  it('labels no field "(optional)": every one it shows carries a value', () => {
    const days = Object.fromEntries(
      DAYS.map((d) => [d, { type: 'interval', from: '09:00', to: '17:00' }]),
    ) as never;
    const view = hoursFormView(formWith({ kind: 'weekly', days }), '{}');
    expect(inputs(view).filter((b) => b.optional)).toEqual([]);
  });

  it('says under each closing time that one earlier than the opening ends the next day', () => {
    const days = Object.fromEntries(
      DAYS.map((d) => [d, { type: 'interval', from: '09:00', to: '17:00' }]),
    ) as never;
    const view = hoursFormView(formWith({ kind: 'weekly', days }), '{}');
    expect(block(view, HOURS_BLOCKS.to('mon'))?.hint?.text).toContain('ends the next day');
  });

  it('asks for the days again when a weekly schedule comes without them', () => {
    const values = { [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: { selected_option: { value: 'weekly' } } } };
    expect(readHoursForm(values)).toEqual({
      ok: false,
      errors: { [HOURS_BLOCKS.mode]: expect.stringContaining('choose "Weekly schedule" again') },
    });
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
