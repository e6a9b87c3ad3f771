import { expect } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { HOURS_BLOCKS } from '../../src/slack/views/settings/hours-form.ts';
import { ADMIN_ID, CHANNEL, type useSwitchboard, visibleText } from './e2e.ts';

type Harness = ReturnType<typeof useSwitchboard>;

/** Driving `/phone settings` as a person does: open the summary, press Edit, submit a section. */
export function settingsModal(sb: Harness) {
  async function openSettings(text: string, user = ADMIN_ID): Promise<View> {
    // A fresh stack: waiting for "the first open view" must not find one left from before.
    await closeAll(user);
    const ack = await sb.slack.slash({ user, channel: CHANNEL, text });
    expect(ack.status).toBe(200);
    return sb.slack.waitFor(() => sb.slack.openViews(user)[0]);
  }

  async function editSection(user: string, summary: View, section: string): Promise<View> {
    await sb.slack.click({
      user,
      viewId: summary.id,
      actionId: ACTIONS.settingsEdit,
      value: section,
      blockId: `summary_${section}`,
    });
    return sb.slack.waitFor(() => sb.slack.openViews(user)[1]);
  }

  /** Opens the settings of `target` as `user` and presses Edit on `section`. */
  async function openSection(target: string, section: string, user = ADMIN_ID): Promise<View> {
    const summary = await openSettings(target === user ? 'settings' : `settings <@${target}>`, user);
    return editSection(user, summary, section);
  }

  /** Submits and returns the inline errors, or undefined once the section closed. */
  async function submit(
    user: string,
    form: View,
    values: Record<string, Record<string, unknown>>,
  ): Promise<Record<string, string> | undefined> {
    await sb.slack.submit({ user, viewId: form.id, values: values as never });
    const top = sb.slack.openViews(user)[1];
    if (top?.id === form.id && top.errors) return top.errors;
    await sb.slack.waitFor(() => sb.slack.openViews(user).length === 1);
    return undefined;
  }

  /** Closes every open view of the person, top first, as pressing Back and Done does. */
  async function closeAll(user: string): Promise<void> {
    for (let view = sb.slack.openViews(user).at(-1); view; view = sb.slack.openViews(user).at(-1)) {
      await sb.slack.closeView({ user, viewId: view.id });
    }
  }

  const editButtons = (view: View) =>
    (view.blocks as { accessory?: { action_id: string; value: string } }[])
      .map((b) => b.accessory)
      .filter((a) => a?.action_id === ACTIONS.settingsEdit)
      .map((a) => a?.value);

  const summaryText = (view: View) => visibleText({ text: '', blocks: view.blocks as unknown[] });

  const posted = (needle: string) =>
    sb.slack.waitFor(() => sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes(needle)));

  /**
   * A phone user's save to their own line: confirmed in their DM with the app, and nothing of it posted in the
   * channel the form was opened from.
   */
  async function confirmedPrivately(user: string, needle: string) {
    const dm = await sb.slack.waitFor(() =>
      sb.slack.messages(sb.slack.dmChannel(user)).find((m) => visibleText(m).includes(needle)),
    );
    expect(sb.slack.messages(CHANNEL).filter((m) => visibleText(m).includes(needle))).toEqual([]);
    return dm;
  }

  /**
   * A choice in an input block that dispatches its action (`values`: what else the person entered so far):
   * returns the form once the app has drawn it again.
   */
  async function choose(
    user: string,
    form: View,
    choice: { blockId: string; actionId: string; value: string },
    values: Record<string, Record<string, unknown>> = {},
  ): Promise<View> {
    const before = sb.slack.openViews(user).find((v) => v.id === form.id)?.hash;
    const ack = await sb.slack.click({
      user,
      viewId: form.id,
      blockId: choice.blockId,
      actionId: choice.actionId,
      selectedOption: { value: choice.value },
      values: values as never,
    });
    expect(ack.status).toBe(200);
    return sb.slack.waitFor(() => {
      const now = sb.slack.openViews(user).find((v) => v.id === form.id);
      return now && now.hash !== before ? now : undefined;
    });
  }

  /** The hours form set to a weekly schedule of these days as a person does it, one choice at a time. */
  async function chooseWeekly(user: string, form: View, days: WeekDays): Promise<View> {
    let view = form;
    if (shownChoice(view, HOURS_BLOCKS.mode) !== 'weekly') {
      view = await choose(user, view, {
        blockId: HOURS_BLOCKS.mode,
        actionId: ACTIONS.hoursMode,
        value: 'weekly',
      });
    }
    for (const day of WEEKDAY_KEYS) {
      const wanted = days[day]?.[0] ?? 'closed';
      if (shownChoice(view, HOURS_BLOCKS.day(day)) !== wanted) {
        const choice = { blockId: HOURS_BLOCKS.day(day), actionId: ACTIONS.hoursDayType, value: wanted };
        view = await choose(user, view, choice);
      }
    }
    return view;
  }

  return {
    choose,
    chooseWeekly,
    openSettings,
    editSection,
    openSection,
    submit,
    closeAll,
    editButtons,
    summaryText,
    posted,
    confirmedPrivately,
  };
}

export const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });
export const select = (value: string) => ({ type: 'static_select', selected_option: { value } });
export const checks = (...values: string[]) => ({
  type: 'checkboxes',
  selected_options: values.map((value) => ({ value })),
});
export const text = (value: string) => ({ type: 'plain_text_input', value });

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type DayValue = 'interval' | '24h' | 'closed';
export type WeekDays = Partial<Record<(typeof WEEKDAY_KEYS)[number], [DayValue, string?, string?]>>;

/** The option a form shows chosen in a block: what the person chose there, else what it was drawn with. */
export function shownChoice(view: View, blockId: string): string | undefined {
  const state = Object.values(view.state.values[blockId] ?? {})[0] as
    | { selected_option?: { value: string } | null }
    | undefined;
  if (state?.selected_option) return state.selected_option.value;
  const block = (
    view.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]
  ).find((b) => b.block_id === blockId);
  return block?.element?.initial_option?.value;
}

/** The hours form's values for a weekly schedule: each day's kind and, for a day open for a time, its times. */
export function weeklyValues(days: WeekDays) {
  const values: Record<string, Record<string, unknown>> = {
    [HOURS_BLOCKS.mode]: { [ACTIONS.hoursMode]: radio('weekly') },
  };
  for (const day of WEEKDAY_KEYS) {
    const [type, from, to] = days[day] ?? ['closed'];
    values[HOURS_BLOCKS.day(day)] = { [ACTIONS.hoursDayType]: select(type) };
    if (type === 'interval') {
      values[HOURS_BLOCKS.from(day)] = { time: { type: 'timepicker', selected_time: from ?? '09:00' } };
      values[HOURS_BLOCKS.to(day)] = { time: { type: 'timepicker', selected_time: to ?? '17:00' } };
    }
  }
  return values as never;
}
