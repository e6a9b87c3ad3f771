import type { types } from '@slack/bolt';
import type { BusinessHours, DayHours, Weekday } from '../../../domain/settings.ts';
import { WEEKDAY_NAMES, WEEKDAYS } from '../../../domain/settings.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import { ACTIONS, VIEWS } from '../../ids.ts';
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
const OFFICE_DAY = { type: 'interval', from: '09:00', to: '17:00' } as const satisfies DayHours;
const WEEKEND: ReadonlySet<Weekday> = new Set(['sat', 'sun']);

type DayType = DayHours['type'];
type DayDraft = { type: DayType; from: string; to: string };

/**
 * The form as the person has filled it in so far, the fields it hides included: a day's times stay as they were
 * set while the day is closed, and every day while the hours are 24/7, so that choosing back brings them back.
 */
export type HoursDraft = { mode: 'always' | 'weekly'; days: Record<Weekday, DayDraft> };

/** The draft a form opens with: the user's own days, or office hours Mon–Fri and Sat–Sun closed. */
export function hoursDraftOf(hours: BusinessHours): HoursDraft {
  const days = {} as Record<Weekday, DayDraft>;
  for (const day of WEEKDAYS) {
    const current =
      hours.kind === 'weekly' ? hours.days[day] : WEEKEND.has(day) ? { type: 'closed' as const } : OFFICE_DAY;
    days[day] =
      current.type === 'interval'
        ? { type: 'interval', from: current.from, to: current.to }
        : { type: current.type, from: OFFICE_DAY.from, to: OFFICE_DAY.to };
  }
  return { mode: hours.kind, days };
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const isDayType = (value: unknown): value is DayType =>
  value === 'interval' || value === '24h' || value === 'closed';

/** The draft on top of `base` with what the form's state holds: the fields shown now, as the person set them. */
export function draftFromState(values: HoursValues, base: HoursDraft): HoursDraft {
  const mode = values[HOURS_BLOCKS.mode]?.[ACTIONS.hoursMode]?.selected_option?.value;
  const days = {} as Record<Weekday, DayDraft>;
  for (const day of WEEKDAYS) {
    const type = values[HOURS_BLOCKS.day(day)]?.[ACTIONS.hoursDayType]?.selected_option?.value;
    const from = values[HOURS_BLOCKS.from(day)]?.time?.selected_time;
    const to = values[HOURS_BLOCKS.to(day)]?.time?.selected_time;
    days[day] = {
      type: isDayType(type) ? type : base.days[day].type,
      from: from && TIME.test(from) ? from : base.days[day].from,
      to: to && TIME.test(to) ? to : base.days[day].to,
    };
  }
  return { mode: mode === 'always' || mode === 'weekly' ? mode : base.mode, days };
}

const DAY_CODES: Record<DayType, string> = { interval: 'i', '24h': 'h', closed: 'c' };

/** A draft in private_metadata: `w` or `a`, then per day its type and times (`i0900-1700`), about 80 characters. */
export function encodeHoursDraft(draft: HoursDraft): string {
  const days = WEEKDAYS.map((day) => {
    const { type, from, to } = draft.days[day];
    return `${DAY_CODES[type]}${from.replace(':', '')}-${to.replace(':', '')}`;
  });
  return [draft.mode === 'always' ? 'a' : 'w', ...days].join('|');
}

export function decodeHoursDraft(text: string | undefined): HoursDraft | undefined {
  const parts = text?.split('|') ?? [];
  if (parts.length !== WEEKDAYS.length + 1 || (parts[0] !== 'a' && parts[0] !== 'w')) return undefined;
  const days = {} as Record<Weekday, DayDraft>;
  for (const [i, day] of WEEKDAYS.entries()) {
    const match = /^([ihc])([0-9]{4})-([0-9]{4})$/.exec(parts[i + 1] ?? '');
    if (!match) return undefined;
    const [, code, from = '', to = ''] = match;
    const type = (Object.keys(DAY_CODES) as DayType[]).find((t) => DAY_CODES[t] === code) ?? 'closed';
    const time = (digits: string) => `${digits.slice(0, 2)}:${digits.slice(2)}`;
    if (!TIME.test(time(from)) || !TIME.test(time(to))) return undefined;
    days[day] = { type, from: time(from), to: time(to) };
  }
  return { mode: parts[0] === 'a' ? 'always' : 'weekly', days };
}

/**
 * The business-hours form: 24/7, or per weekday closed, 24 hours, or from–to (a "to" before "from" ends the next
 * day). It shows only what the choices made need: no days on 24/7, no times on a closed or 24-hour day. Each
 * choice dispatches its action, and the form is drawn again from the draft (see `registerHoursChoices`).
 */
export function hoursFormView(
  form: SettingsForm,
  metadata: string,
  draft: HoursDraft = hoursDraftOf(form.details.settings.businessHours),
): types.ModalView {
  const timezone = form.card.timezone;
  const blocks: types.KnownBlock[] = [
    {
      type: 'input',
      block_id: HOURS_BLOCKS.mode,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Hours' },
      hint: {
        type: 'plain_text',
        text: timezone
          ? `In ${timezone}, the user's time zone.`
          : 'The user has no time zone in their profile: times are read as UTC.',
      },
      element: {
        type: 'radio_buttons',
        action_id: ACTIONS.hoursMode,
        options: MODES,
        initial_option: draft.mode === 'always' ? MODES[0] : MODES[1],
      },
    },
  ];
  if (draft.mode === 'weekly') {
    for (const day of WEEKDAYS) {
      const current = draft.days[day];
      const type = DAY_TYPES.find((o) => o.value === current.type) ?? DAY_TYPES[0];
      blocks.push(
        { type: 'divider' },
        {
          type: 'input',
          block_id: HOURS_BLOCKS.day(day),
          dispatch_action: true,
          label: { type: 'plain_text', text: DAY_LABELS[day] },
          element: {
            type: 'static_select',
            action_id: ACTIONS.hoursDayType,
            options: DAY_TYPES,
            ...(type ? { initial_option: type } : {}),
          },
        },
      );
      if (current.type === 'interval') {
        blocks.push(
          timeInput(HOURS_BLOCKS.from(day), 'Opens', current.from),
          timeInput(
            HOURS_BLOCKS.to(day),
            'Closes',
            current.to,
            'A closing time earlier than the opening time ends the next day (a night shift).',
          ),
        );
      }
    }
  }
  return sectionModal(VIEWS.settingsHours, 'Business hours', metadata, blocks);
}

/**
 * Not optional: Slack would label it "(optional)" while an open day needs it. It always carries a time (Slack's
 * time picker cannot be emptied once set), and it is shown only for a day open for a time.
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
  const mode = values[HOURS_BLOCKS.mode]?.[ACTIONS.hoursMode]?.selected_option?.value;
  if (mode === 'always') return { ok: true, input: { kind: 'always' } };
  const errors: Record<string, string> = {};
  // The days show once "Weekly schedule" is chosen; a form sent without them has none to read.
  if (WEEKDAYS.some((day) => values[HOURS_BLOCKS.day(day)] === undefined)) {
    errors[HOURS_BLOCKS.mode] =
      'The days of the week are not shown yet: choose "Weekly schedule" again, then set them.';
    return { ok: false, errors };
  }
  const days = {} as Record<Weekday, DayHours>;
  for (const day of WEEKDAYS) {
    const type = values[HOURS_BLOCKS.day(day)]?.[ACTIONS.hoursDayType]?.selected_option?.value ?? 'closed';
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
