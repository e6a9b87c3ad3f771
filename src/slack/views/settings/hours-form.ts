import type { types } from '@slack/bolt';
import type { BusinessHours, DayHours, Weekday } from '../../../domain/settings.ts';
import { WEEKDAY_NAMES, WEEKDAYS } from '../../../domain/settings.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { VIEWS } from '../../ids.ts';
import { opt, sectionModal } from './elements.ts';

const DAY_LABELS = WEEKDAY_NAMES;

export const HOURS_BLOCKS = {
  mode: 'hours_mode',
  day: (day: Weekday) => `hours_${day}`,
  from: (day: Weekday) => `hours_${day}_from`,
  to: (day: Weekday) => `hours_${day}_to`,
} as const;

const MODES = [opt('Open 24/7', 'always'), opt('Weekly schedule', 'weekly')];
const DAY_TYPES = [opt('Open these hours', 'interval'), opt('Open 24 hours', '24h'), opt('Closed', 'closed')];

/** What a weekly schedule starts from when the user has none yet (on 24/7): office hours on weekdays. */
const OFFICE_DAY: DayHours = { type: 'interval', from: '09:00', to: '17:00' };
const WEEKEND: ReadonlySet<Weekday> = new Set(['sat', 'sun']);

/** The day a weekly schedule starts from: the user's own, or office hours Mon–Fri and Sat–Sun closed. */
function startingDay(hours: BusinessHours, day: Weekday): DayHours {
  if (hours.kind === 'weekly') return hours.days[day];
  return WEEKEND.has(day) ? { type: 'closed' } : OFFICE_DAY;
}

/** The business-hours form: 24/7, or per weekday closed, 24 hours, or from–to (a "to" before "from" ends the next day). */
export function hoursFormView(form: SettingsForm, metadata: string): types.ModalView {
  const hours = form.details.settings.businessHours;
  const timezone = form.card.timezone;
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: HOURS_BLOCKS.mode,
      label: { type: 'plain_text', text: 'Hours' },
      hint: {
        type: 'plain_text',
        text: timezone
          ? `In ${timezone}, the user's time zone.`
          : 'The user has no time zone in their profile: times are read as UTC.',
      },
      element: {
        type: 'radio_buttons',
        action_id: 'mode',
        options: MODES,
        initial_option: hours.kind === 'always' ? MODES[0] : MODES[1],
      },
    },
  ];
  for (const day of WEEKDAYS) {
    const current = startingDay(hours, day);
    const type = DAY_TYPES.find((o) => o.value === current.type) ?? DAY_TYPES[0];
    blocks.push(
      { type: 'divider' },
      {
        type: 'input',
        block_id: HOURS_BLOCKS.day(day),
        label: { type: 'plain_text', text: DAY_LABELS[day] },
        element: {
          type: 'static_select',
          action_id: 'type',
          options: DAY_TYPES,
          ...(type ? { initial_option: type } : {}),
        },
      },
      timeInput(HOURS_BLOCKS.from(day), 'Opens', current.type === 'interval' ? current.from : '09:00'),
      timeInput(
        HOURS_BLOCKS.to(day),
        'Closes',
        current.type === 'interval' ? current.to : '17:00',
        'A closing time earlier than the opening time ends the next day (a night shift).',
      ),
    );
  }
  return sectionModal(VIEWS.settingsHours, 'Business hours', metadata, blocks);
}

/**
 * Not optional: Slack would label it "(optional)" while an open day needs it. It always carries a time (Slack's
 * time picker cannot be emptied once set), so a closed day or 24/7 is never held up by it.
 */
function timeInput(blockId: string, label: string, initial: string, hint?: string): types.KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
    element: { type: 'timepicker', action_id: 'time', initial_time: initial },
  };
}

export type HoursValues = Record<
  string,
  Record<string, { selected_option?: { value: string } | null; selected_time?: string | null }>
>;

/**
 * Reads the form back. Returns the hours, or errors keyed by the block that shows them: a day open for a time
 * needs both times, and a zero-length day is refused. A closing time earlier than the opening one is a night shift
 * that ends the next day, as `src/domain/hours.ts` reads it.
 */
export function readHoursForm(
  values: HoursValues,
): { ok: true; input: BusinessHours } | { ok: false; errors: Record<string, string> } {
  const mode = values[HOURS_BLOCKS.mode]?.mode?.selected_option?.value;
  if (mode === 'always') return { ok: true, input: { kind: 'always' } };
  const errors: Record<string, string> = {};
  const days = {} as Record<Weekday, DayHours>;
  for (const day of WEEKDAYS) {
    const type = values[HOURS_BLOCKS.day(day)]?.type?.selected_option?.value ?? 'closed';
    if (type === 'closed' || type === '24h') {
      days[day] = { type };
      continue;
    }
    const from = values[HOURS_BLOCKS.from(day)]?.time?.selected_time ?? undefined;
    const to = values[HOURS_BLOCKS.to(day)]?.time?.selected_time ?? undefined;
    if (!from)
      errors[HOURS_BLOCKS.from(day)] = `Choose when ${DAY_LABELS[day]} opens, or mark the day closed.`;
    else if (!to)
      errors[HOURS_BLOCKS.to(day)] = `Choose when ${DAY_LABELS[day]} closes, or mark the day closed.`;
    else if (from === to) {
      errors[HOURS_BLOCKS.to(day)] =
        `${DAY_LABELS[day]} would open and close at ${from}: choose another closing time (one earlier than ${from} ends the next day), or "Open 24 hours".`;
    } else days[day] = { type: 'interval', from, to };
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, input: { kind: 'weekly', days } };
}
