import { expect } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
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

  return {
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
