import type { BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, buttons, type Harness, modal, startHarness, textInput } from './harness.ts';

describe('interaction payloads and view_submission response actions', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  async function openModal(view: ReturnType<typeof modal>) {
    h.app.command('/phone', async ({ ack, client, body }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view });
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [opened] = await h.fake.waitFor(() => h.fake.openViews(ADA).length > 0 && h.fake.openViews(ADA));
    return opened?.id ?? '';
  }

  const typed = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it('a button click in a message sends block_actions with the message, container, channel and response_url', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Remove Bob?',
      blocks: [buttons('confirm', 'remove')],
    });
    const bodies: BlockAction<ButtonAction>[] = [];
    h.app.action<BlockAction<ButtonAction>>('remove', async ({ ack, body }) => {
      await ack();
      bodies.push(body);
    });

    const ack = await h.fake.click({
      user: ADA,
      actionId: 'remove',
      value: 'U0BOB',
      message: { channel: ADMINS, ts: ts ?? '' },
    });

    expect(ack.status).toBe(200);
    const [body] = bodies;
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: ADA, username: 'ada', team_id: h.fake.teamId },
      team: { id: h.fake.teamId },
      api_app_id: h.fake.appId,
      channel: { id: ADMINS, name: 'phone-admins' },
      container: { type: 'message', message_ts: ts, channel_id: ADMINS, is_ephemeral: false },
      message: { ts, text: 'Remove Bob?', bot_id: h.fake.botId },
      actions: [
        {
          type: 'button',
          action_id: 'remove',
          block_id: 'confirm',
          value: 'U0BOB',
          text: { text: 'remove' },
        },
      ],
    });
    expect(body?.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    expect(body?.response_url.startsWith(`${h.fake.baseUrl}/response/`)).toBe(true);
  });

  it('refuses to click an element that is not there, as a person could not', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'x',
      blocks: [buttons('b', 'yes')],
    });

    await expect(
      h.fake.click({ user: ADA, actionId: 'no', message: { channel: ADMINS, ts: ts ?? '' } }),
    ).rejects.toThrow(/nothing with action_id "no"/);
  });

  it('view_submission carries every input block in state.values, empty optional ones as null', async () => {
    const viewId = await openModal(
      modal([textInput('extension'), textInput('note', 'text', true)], { private_metadata: 'site=A' }),
    );
    const bodies: ViewSubmitAction[] = [];
    h.app.view<ViewSubmitAction>('test_modal', async ({ ack, body }) => {
      await ack();
      bodies.push(body);
    });

    await h.fake.submit({ user: ADA, viewId, values: { extension: typed('4102') } });

    expect(bodies[0]?.view).toMatchObject({
      id: viewId,
      callback_id: 'test_modal',
      private_metadata: 'site=A',
      state: {
        values: {
          extension: { value: { type: 'plain_text_input', value: '4102' } },
          note: { text: { type: 'plain_text_input', value: null } },
        },
      },
    });
  });

  it('response_action update replaces the modal in place and keeps its id', async () => {
    const viewId = await openModal(modal([textInput('extension')]));
    h.app.view('test_modal', async ({ ack }) => {
      await ack({
        response_action: 'update',
        view: modal([textInput('extension'), textInput('site')], { callback_id: 'step_2' }),
      });
    });

    await h.fake.submit({ user: ADA, viewId, values: { extension: typed('4102') } });

    const stack = h.fake.openViews(ADA);
    expect(stack.map((v) => [v.id, v.callback_id])).toEqual([[viewId, 'step_2']]);
    expect(stack[0]?.state.values.extension).toEqual({ value: { type: 'plain_text_input', value: '4102' } });
  });

  it('response_action push adds a view on top, and clear closes them all', async () => {
    const viewId = await openModal(modal([textInput('extension')]));
    h.app.view('test_modal', async ({ ack }) => {
      await ack({
        response_action: 'push',
        view: modal([textInput('confirm')], { callback_id: 'confirm_modal' }),
      });
    });
    h.app.view('confirm_modal', async ({ ack }) => {
      await ack({ response_action: 'clear' });
    });

    await h.fake.submit({ user: ADA, viewId, values: { extension: typed('4102') } });
    const pushed = h.fake.openViews(ADA);
    await h.fake.submit({ user: ADA, viewId: pushed[1]?.id ?? '', values: { confirm: typed('yes') } });

    expect(pushed.map((v) => v.callback_id)).toEqual(['test_modal', 'confirm_modal']);
    expect(h.fake.openViews(ADA)).toEqual([]);
  });

  it('a response_action update with an invalid view is refused and the modal stays as it was', async () => {
    const viewId = await openModal(modal([textInput('extension')]));
    h.app.view('test_modal', async ({ ack }) => {
      await ack({ response_action: 'update', view: modal([textInput('x')], { submit: undefined }) });
    });

    await h.fake.submit({ user: ADA, viewId, values: { extension: typed('4102') } });

    expect(h.fake.openViews(ADA).map((v) => v.callback_id)).toEqual(['test_modal']);
    expect(h.fake.violations()).toEqual([
      'view_submission ack: [ERROR] /view/submit: is required when the view has input blocks',
    ]);
  });
});
