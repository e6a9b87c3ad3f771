import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { HOURS_BLOCKS } from '../../src/slack/views/settings/hours-form.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { deniedAttempts, phoneCommands } from '../support/phone.ts';
import { settingsModal } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSettings, editSection, summaryText, confirmedPrivately } = settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

type DayValue = 'interval' | '24h' | 'closed';
/** The form values for a weekly schedule: `open` days from–to, the rest as given (their times as the form shows them). */
function weekly(
  days: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [DayValue, string?, string?]>>,
) {
  const values: Record<string, Record<string, unknown>> = {
    [HOURS_BLOCKS.mode]: { mode: { type: 'radio_buttons', selected_option: { value: 'weekly' } } },
  };
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const) {
    const [type, from, to] = days[day] ?? ['closed'];
    values[HOURS_BLOCKS.day(day)] = { type: { type: 'static_select', selected_option: { value: type } } };
    values[HOURS_BLOCKS.from(day)] = { time: { type: 'timepicker', selected_time: from ?? '09:00' } };
    values[HOURS_BLOCKS.to(day)] = { time: { type: 'timepicker', selected_time: to ?? '17:00' } };
  }
  return values as never;
}

const office = weekly({
  mon: ['interval', '09:00', '17:00'],
  tue: ['interval', '09:00', '17:00'],
  wed: ['interval', '09:00', '17:00'],
  thu: ['interval', '09:00', '17:00'],
  fri: ['interval', '09:00', '17:00'],
});

describe('the settings form', () => {
  it('shows a summary with an Edit button per section the viewer may change', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    expect(summary.callback_id).toBe(VIEWS.settingsSummary);
    expect(summaryText(summary)).toContain('*Business hours*\n24/7');
    const buttons = (summary.blocks as { accessory?: { action_id: string; value: string } }[])
      .map((b) => b.accessory)
      .filter((a) => a?.action_id === ACTIONS.settingsEdit)
      .map((a) => a?.value);
    expect(buttons).toContain('hours');
  });

  it('shows field errors in place, then saves, posts the change and redraws the summary', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    const form = await editSection(ADMIN_ID, summary, 'hours');
    expect(form.callback_id).toBe(VIEWS.settingsHours);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: form.id,
      values: weekly({ mon: ['interval', '09:00', '09:00'] }),
    });
    expect(sb.slack.openViews(ADMIN_ID)[1]?.errors).toEqual({
      [HOURS_BLOCKS.to('mon')]:
        'Monday would open and close at 09:00: choose another closing time (one earlier than 09:00 ends the next day), or "Open 24 hours".',
    });
    await sb.slack.submit({ user: ADMIN_ID, viewId: form.id, values: office });
    await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID).length === 1);
    const redrawn = await sb.slack.waitFor(() => {
      const text = summaryText(sb.slack.openViews(ADMIN_ID)[0] as View);
      return text.includes('Mon–Fri 09:00–17:00') ? text : undefined;
    });
    expect(redrawn).toContain('Sat–Sun closed');
    const posted = await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => m.text.includes('business hours')),
    );
    expect(visibleText(posted)).toContain(`<@${ADMIN_ID}>`);
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('Mon–Fri 09:00–17:00');
  });

  it('starts a 24/7 user switched to weekly from office hours, and saves a night shift as ending the next day', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    const form = await editSection(ADMIN_ID, summary, 'hours');
    const initial = (id: string) =>
      (form.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]).find(
        (b) => b.block_id === id,
      )?.element?.initial_option?.value;
    expect(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => initial(HOURS_BLOCKS.day(d as 'mon'))),
    ).toEqual(['interval', 'interval', 'interval', 'interval', 'interval', 'closed', 'closed']);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: form.id,
      values: weekly({ fri: ['interval', '22:00', '06:00'] }),
    });
    await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID).length === 1);
    const redrawn = await sb.slack.waitFor(() => {
      const text = summaryText(sb.slack.openViews(ADMIN_ID)[0] as View);
      return text.includes('22:00–06:00') ? text : undefined;
    });
    expect(redrawn).toContain('Fri 22:00–06:00 (next day)');
  });

  it('refuses a save when someone changed the user since the form opened, and keeps their change', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    const form = await editSection(ADMIN_ID, summary, 'hours');
    await phoneChange(`hours <@${colleague(1)}> mon-fri 08:00-16:00`);
    await sb.slack.submit({ user: ADMIN_ID, viewId: form.id, values: office });
    const errors = sb.slack.openViews(ADMIN_ID)[1]?.errors ?? {};
    expect(errors[HOURS_BLOCKS.mode]).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('Mon–Fri 08:00–16:00');
  });

  it('lets a phone user open and change their own hours, and nobody else’s', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)]);
    const own = await openSettings('settings', colleague(1));
    const form = await editSection(colleague(1), own, 'hours');
    await sb.slack.submit({ user: colleague(1), viewId: form.id, values: office });
    await sb.slack.waitFor(() => sb.slack.openViews(colleague(1)).length === 1);
    // A phone user's own change is confirmed to them alone, in their DM with the app, after the form closes.
    await confirmedPrivately(colleague(1), 'business hours');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('Mon–Fri 09:00–17:00');

    const before = await deniedAttempts(sb.app.deps.db);
    expect(await phoneReply(`settings <@${colleague(2)}>`, colleague(1))).toContain('Only phone admins');
    expect(await deniedAttempts(sb.app.deps.db)).toHaveLength(before.length + 1);
  });

  it('opens from the Edit settings button under a card', async () => {
    await setupAccount();
    await license([colleague(1)]);
    await phoneReply('me', colleague(1));
    const card = sb.slack.ephemerals(colleague(1), CHANNEL).at(-1);
    expect(card).toBeDefined();
    await sb.slack.click({
      user: colleague(1),
      actionId: ACTIONS.settingsOpen,
      message: { ephemeralId: card?.id ?? '' },
    });
    const summary = await sb.slack.waitFor(() => sb.slack.openViews(colleague(1))[0]);
    expect(summary.callback_id).toBe(VIEWS.settingsSummary);
  });
});
