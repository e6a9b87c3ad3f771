import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS, VIEWS } from '../../src/slack/ids.ts';
import { HOURS_BLOCKS } from '../../src/slack/views/settings/hours-form.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { deniedAttempts, phoneCommands } from '../support/phone.ts';
import { settingsModal, shownChoice, type WeekDays, weeklyValues } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSettings, editSection, summaryText, confirmedPrivately, chooseWeekly, choose } =
  settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const OFFICE: WeekDays = {
  mon: ['interval', '09:00', '17:00'],
  tue: ['interval', '09:00', '17:00'],
  wed: ['interval', '09:00', '17:00'],
  thu: ['interval', '09:00', '17:00'],
  fri: ['interval', '09:00', '17:00'],
};
const office = weeklyValues(OFFICE);

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
    const opened = await editSection(ADMIN_ID, summary, 'hours');
    expect(opened.callback_id).toBe(VIEWS.settingsHours);
    const mistake: WeekDays = { ...OFFICE, mon: ['interval', '09:00', '09:00'] };
    const form = await chooseWeekly(ADMIN_ID, opened, mistake);
    await sb.slack.submit({ user: ADMIN_ID, viewId: form.id, values: weeklyValues(mistake) });
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
    const opened = await editSection(ADMIN_ID, summary, 'hours');
    const form = await chooseWeekly(ADMIN_ID, opened, OFFICE);
    const initial = (id: string) =>
      (form.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]).find(
        (b) => b.block_id === id,
      )?.element?.initial_option?.value;
    expect(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => initial(HOURS_BLOCKS.day(d as 'mon'))),
    ).toEqual(['interval', 'interval', 'interval', 'interval', 'interval', 'closed', 'closed']);
    const nightShift: WeekDays = { fri: ['interval', '22:00', '06:00'] };
    const shift = await chooseWeekly(ADMIN_ID, form, nightShift);
    await sb.slack.submit({ user: ADMIN_ID, viewId: shift.id, values: weeklyValues(nightShift) });
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
    const form = await chooseWeekly(ADMIN_ID, await editSection(ADMIN_ID, summary, 'hours'), OFFICE);
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
    const form = await chooseWeekly(colleague(1), await editSection(colleague(1), own, 'hours'), OFFICE);
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

describe("the business hours form's choices", () => {
  const inputIds = (view: View) =>
    (view.blocks as { type: string; block_id?: string }[])
      .filter((b) => b.type === 'input')
      .map((b) => b.block_id);
  const time = (view: View, blockId: string) =>
    (view.state.values[blockId]?.time as { selected_time?: string } | undefined)?.selected_time ??
    (view.blocks as { block_id?: string; element?: { initial_time?: string } }[]).find(
      (b) => b.block_id === blockId,
    )?.element?.initial_time;
  const mode = (value: string) => ({ blockId: HOURS_BLOCKS.mode, actionId: ACTIONS.hoursMode, value });
  const dayType = (day: 'mon' | 'tue' | 'sat', value: string) => ({
    blockId: HOURS_BLOCKS.day(day),
    actionId: ACTIONS.hoursDayType,
    value,
  });

  it('shows only what the choice needs: no days on 24/7, no times on a closed day', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    const form = await editSection(ADMIN_ID, summary, 'hours');
    expect(inputIds(form)).toEqual([HOURS_BLOCKS.mode]);
    const weekly = await choose(ADMIN_ID, form, mode('weekly'));
    expect(weekly.id).toBe(form.id);
    expect(inputIds(weekly)).toContain(HOURS_BLOCKS.from('fri'));
    expect(inputIds(weekly)).toContain(HOURS_BLOCKS.day('sat'));
    expect(inputIds(weekly)).not.toContain(HOURS_BLOCKS.from('sat'));
    const saturday = await choose(ADMIN_ID, weekly, dayType('sat', 'interval'));
    expect(time(saturday, HOURS_BLOCKS.from('sat'))).toBe('09:00');
    expect(visibleText({ text: '', blocks: saturday.blocks })).not.toContain('(optional)');
    expect(sb.slack.messages(CHANNEL).filter((m) => m.text.includes('business hours'))).toEqual([]);
  });

  it('keeps what the admin entered through every choice, hidden fields included, and saves it', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const summary = await openSettings(`settings <@${colleague(1)}>`);
    const form = await choose(ADMIN_ID, await editSection(ADMIN_ID, summary, 'hours'), mode('weekly'));
    // Monday's times typed, not saved; then Tuesday closed: Monday's times stay as typed.
    const typed = {
      [HOURS_BLOCKS.from('mon')]: { time: { type: 'timepicker', selected_time: '07:30' } },
      [HOURS_BLOCKS.to('mon')]: { time: { type: 'timepicker', selected_time: '15:30' } },
    };
    const tuesday = await choose(ADMIN_ID, form, dayType('tue', 'closed'), typed);
    expect(time(tuesday, HOURS_BLOCKS.from('mon'))).toBe('07:30');
    expect(inputIds(tuesday)).not.toContain(HOURS_BLOCKS.from('tue'));
    // Monday closed, then open again: its times come back.
    const closed = await choose(ADMIN_ID, tuesday, dayType('mon', 'closed'));
    expect(inputIds(closed)).not.toContain(HOURS_BLOCKS.from('mon'));
    const reopened = await choose(ADMIN_ID, closed, dayType('mon', 'interval'));
    expect(time(reopened, HOURS_BLOCKS.to('mon'))).toBe('15:30');
    // 24/7 hides every day; back to weekly, they are as they were left.
    const always = await choose(ADMIN_ID, reopened, mode('always'));
    expect(inputIds(always)).toEqual([HOURS_BLOCKS.mode]);
    const back = await choose(ADMIN_ID, always, mode('weekly'));
    expect(time(back, HOURS_BLOCKS.from('mon'))).toBe('07:30');
    expect(shownChoice(back, HOURS_BLOCKS.day('tue'))).toBe('closed');

    await sb.slack.submit({ user: ADMIN_ID, viewId: back.id, values: {} });
    await sb.slack.waitFor(() => sb.slack.openViews(ADMIN_ID).length === 1);
    const shown = await phoneReply(`show <@${colleague(1)}>`);
    expect(shown).toContain('Mon 07:30–15:30');
    expect(shown).toContain('Wed–Fri 09:00–17:00');
  });
});
