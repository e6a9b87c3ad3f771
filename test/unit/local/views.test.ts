import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, buttons, gate, type Harness, modal, startHarness, textInput } from './harness.ts';

const errorCode = (e: unknown) => (e as { data?: { error?: string } }).data?.error;

describe('modals: trigger_id, the view stack and view_submission acks', () => {
  let h: Harness;
  let opened: string[];

  beforeEach(async () => {
    h = await startHarness();
    opened = [];
  });
  afterEach(() => h.stop());

  /** `/phone` opens a modal once `beforeOpen` resolves; the result (view id or error code) lands in `opened`. */
  function openOnSlash(view: ReturnType<typeof modal>, beforeOpen: Promise<void> = Promise.resolve()) {
    h.app.command('/phone', async ({ ack, client, body }) => {
      await ack();
      await beforeOpen;
      const result = await client.views.open({ trigger_id: body.trigger_id, view }).catch(errorCode);
      opened.push(typeof result === 'string' ? result : (result?.view?.id ?? 'none'));
    });
  }

  it('views.open with a fresh trigger opens the modal for the person who ran the command', async () => {
    openOnSlash(modal([textInput('extension')]));

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });

    // Wait for the app's own view of the result: the stand-in stores the view before the app gets the answer.
    await h.fake.waitFor(() => opened.length === 1);
    const [view] = h.fake.openViews(ADA);
    expect(view).toMatchObject({ callback_id: 'test_modal', type: 'modal', title: { text: 'Test' } });
    expect(opened).toEqual([view?.id]);
  });

  it('refuses a trigger older than 3 seconds with expired_trigger_id', async () => {
    const held = gate();
    openOnSlash(modal([textInput('extension')]), held.wait);

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    h.clock.advance(3001);
    held.open();

    await h.fake.waitFor(() => opened.length === 1);
    expect(opened).toEqual(['expired_trigger_id']);
    expect(h.fake.openViews(ADA)).toEqual([]);
  });

  it('a trigger opens one view only: the second use gets exchanged_trigger_id', async () => {
    h.app.command('/phone', async ({ ack, client, body }) => {
      await ack();
      for (const _ of [1, 2]) {
        const result = await client.views
          .open({ trigger_id: body.trigger_id, view: modal([]) })
          .catch(errorCode);
        opened.push(typeof result === 'string' ? result : 'ok');
      }
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });

    await h.fake.waitFor(() => opened.length === 2);
    expect(opened).toEqual(['ok', 'exchanged_trigger_id']);
  });

  it('refuses a trigger_id Slack never issued', async () => {
    const error = await h.client.views
      .open({ trigger_id: '12345.98765.0123456789abcdef0123456789abcdef', view: modal([]) })
      .catch(errorCode);

    expect(error).toBe('invalid_trigger_id');
  });

  it('keeps the modal open and stores the errors of response_action errors', async () => {
    openOnSlash(modal([textInput('extension'), textInput('name')]));
    h.app.view('test_modal', async ({ ack, view }) => {
      const extension = view.state.values.extension?.value?.value;
      await ack({ response_action: 'errors', errors: { extension: `Extension ${extension} is taken` } });
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    await h.fake.submit({
      user: ADA,
      viewId: view?.id ?? '',
      values: {
        extension: { value: { type: 'plain_text_input', value: '4102' } },
        name: { value: { type: 'plain_text_input', value: 'Bob' } },
      },
    });

    const [after] = h.fake.openViews(ADA);
    expect(after?.errors).toEqual({ extension: 'Extension 4102 is taken' });
    expect(after?.state.values.extension).toEqual({ value: { type: 'plain_text_input', value: '4102' } });
  });

  it('records a violation when errors name a block that is not an input block', async () => {
    openOnSlash(
      modal([
        { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'hi' } },
        textInput('name'),
      ]),
    );
    h.app.view('test_modal', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { intro: 'nope' } });
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    await h.fake.submit({
      user: ADA,
      viewId: view?.id ?? '',
      values: { name: { value: { type: 'plain_text_input', value: 'x' } } },
    });

    expect(h.fake.openViews(ADA)[0]?.errors).toBeUndefined();
    expect(h.fake.violations()).toEqual([
      expect.stringContaining('intro must be block_ids of input blocks (name)'),
    ]);
  });

  it('an empty view_submission ack closes the modal', async () => {
    openOnSlash(modal([textInput('name')]));
    h.app.view('test_modal', async ({ ack }) => {
      await ack();
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    await h.fake.submit({
      user: ADA,
      viewId: view?.id ?? '',
      values: { name: { value: { type: 'plain_text_input', value: 'x' } } },
    });

    expect(h.fake.openViews(ADA)).toEqual([]);
  });

  it('will not submit a modal with a required input left empty, as the Slack client would not', async () => {
    openOnSlash(modal([textInput('name')]));
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    await expect(h.fake.submit({ user: ADA, viewId: view?.id ?? '', values: {} })).rejects.toThrow(
      /"name" is required/,
    );
  });

  it('a button inside a modal gives a trigger for views.push, and the stack stops at three views', async () => {
    openOnSlash(modal([buttons('more', 'deeper')]));
    const pushes: string[] = [];
    h.app.action('deeper', async ({ ack, client, body }) => {
      await ack();
      const triggerId = (body as { trigger_id: string }).trigger_id;
      const view = modal([buttons('more', 'deeper')]);
      const result = await client.views.push({ trigger_id: triggerId, view }).catch(errorCode);
      pushes.push(typeof result === 'string' ? result : 'ok');
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1);

    for (const expected of [1, 2, 3]) {
      const top = h.fake.openViews(ADA).at(-1);
      await h.fake.click({ user: ADA, actionId: 'deeper', viewId: top?.id ?? '' });
      await h.fake.waitFor(() => pushes.length === expected);
    }

    expect(pushes).toEqual(['ok', 'ok', 'push_limit_reached']);
    const stack = h.fake.openViews(ADA);
    expect(stack).toHaveLength(3);
    expect(stack[2]?.previous_view_id).toBe(stack[1]?.id);
    expect(stack[2]?.root_view_id).toBe(stack[0]?.id);
  });

  it('views.update with a stale hash gets hash_conflict and leaves the view alone', async () => {
    openOnSlash(modal([textInput('name')]));
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));
    const viewId = view?.id ?? '';
    const updated = await h.client.views.update({
      view_id: viewId,
      hash: view?.hash,
      view: modal([textInput('name'), textInput('site')]),
    });

    const stale = await h.client.views
      .update({ view_id: viewId, hash: view?.hash, view: modal([]) })
      .catch(errorCode);

    expect(stale).toBe('hash_conflict');
    expect(h.fake.openViews(ADA)[0]?.hash).toBe(updated.view?.hash);
    expect(h.fake.openViews(ADA)[0]?.blocks).toHaveLength(2);
  });

  it('sends block_actions for a choice in an input block with dispatch_action, with the form as filled in so far', async () => {
    const choice = (dispatch: boolean) => ({
      type: 'input',
      block_id: 'mode',
      ...(dispatch ? { dispatch_action: true } : {}),
      label: { type: 'plain_text', text: 'Mode' },
      element: {
        type: 'radio_buttons',
        action_id: 'pick',
        options: ['a', 'b'].map((value) => ({ text: { type: 'plain_text', text: value }, value })),
      },
    });
    openOnSlash(modal([choice(true), textInput('name')]));
    const seen: unknown[] = [];
    h.app.action('pick', async ({ ack, client, body }) => {
      await ack();
      const view = (body as { view: { id: string; hash: string; state: unknown } }).view;
      seen.push(view.state);
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: modal([choice(false), textInput('name'), textInput('site')]),
      });
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));
    const viewId = view?.id ?? '';
    await h.fake.click({
      user: ADA,
      viewId,
      actionId: 'pick',
      selectedOption: { value: 'b' },
      values: { name: { value: { type: 'plain_text_input', value: 'Ada' } } },
    });
    await h.fake.waitFor(() => h.fake.openViews(ADA)[0]?.blocks.length === 3);
    expect(seen).toEqual([
      {
        values: {
          mode: {
            pick: expect.objectContaining({
              type: 'radio_buttons',
              selected_option: expect.objectContaining({ value: 'b' }),
            }),
          },
          name: { value: { type: 'plain_text_input', value: 'Ada' } },
        },
      },
    ]);
    // What the person typed stays in the redrawn form and comes with the submission.
    await h.fake.submit({
      user: ADA,
      viewId,
      values: { site: { value: { type: 'plain_text_input', value: 'Main' } } },
    });
    expect(h.fake.openViews(ADA)[0]?.state.values.name).toEqual({
      value: { type: 'plain_text_input', value: 'Ada' },
    });
    // Without dispatch_action, Slack sends nothing when the choice changes.
    await expect(
      h.fake.click({ user: ADA, viewId, actionId: 'pick', selectedOption: { value: 'a' } }),
    ).rejects.toThrow(/dispatch_action/);
  });

  it('refuses a view whose title is too long with invalid_arguments and records the violation', async () => {
    openOnSlash(modal([], { title: { type: 'plain_text', text: 'A title that is far too long' } }));

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });

    await h.fake.waitFor(() => opened.length === 1);
    expect(opened).toEqual(['invalid_arguments']);
    expect(h.fake.violations()).toEqual([
      expect.stringContaining('views.open: [ERROR] /view/title/text: must be at most 24'),
    ]);
  });

  it('closing a modal that asked for notify_on_close sends view_closed', async () => {
    openOnSlash(modal([], { notify_on_close: true }));
    const closed: boolean[] = [];
    h.app.view({ callback_id: 'test_modal', type: 'view_closed' }, async ({ ack, body }) => {
      await ack();
      closed.push((body as { is_cleared: boolean }).is_cleared);
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [view] = await h.fake.waitFor(() => h.fake.openViews(ADA).length === 1 && h.fake.openViews(ADA));

    const ack = await h.fake.closeView({ user: ADA, viewId: view?.id ?? '' });

    expect(ack.status).toBe(200);
    expect(closed).toEqual([false]);
    expect(h.fake.openViews(ADA)).toEqual([]);
  });

  it('views.publish stores the Home tab of a person', async () => {
    await h.client.views.publish({
      user_id: ADA,
      view: { type: 'home', blocks: [buttons('home', 'refresh')] },
    });

    expect(h.fake.homeView(ADA)?.blocks).toHaveLength(1);
  });
});
