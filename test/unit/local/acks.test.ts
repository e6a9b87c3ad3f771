import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMINS, buttons, type Harness, modal, startHarness, textInput } from './harness.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('acknowledgements are held to Block Kit limits, as Slack holds them', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.stop());

  it('refuses a slash-command ack with a section over 3,000 characters: the person sees the error', async () => {
    h.app.command('/phone', async ({ ack }) => {
      await ack({ text: 'x', blocks: [section('a'.repeat(3_001))] });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    expect(h.fake.ephemerals(ADA).map((e) => e.text)).toEqual([
      '/phone failed with the error "invalid_blocks"',
    ]);
    expect(h.fake.violations()).toEqual([
      'slash /phone ack: [ERROR] /blocks/0/text/text: must be at most 3000 characters (got 3001)',
    ]);
  });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, () => section('a')), 'invalid_blocks'],
    [
      'more text than a message holds',
      Array.from({ length: 5 }, () => section('a'.repeat(2_900))),
      'msg_blocks_too_long',
    ],
  ])('refuses a slash-command ack with %s', async (_, blocks, error) => {
    h.app.command('/phone', async ({ ack }) => {
      await ack({ text: 'x', blocks: blocks as never });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    expect(h.fake.ephemerals(ADA).map((e) => e.text)).toEqual([`/phone failed with the error "${error}"`]);
    expect(h.fake.violations()).toHaveLength(1);
  });

  it('shows a slash-command ack within the limits, and records nothing', async () => {
    h.app.command('/phone', async ({ ack }) => {
      await ack({ text: 'x', blocks: [section('a'.repeat(3_000))] });
    });

    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'list' });

    expect(h.fake.ephemerals(ADA)).toHaveLength(1);
    expect(h.fake.violations()).toEqual([]);
  });

  it('refuses a view_submission ack that pushes a view with a header over 150 characters', async () => {
    h.app.command('/phone', async ({ ack, client, body }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: modal([textInput('extension')]) });
    });
    await h.fake.slash({ user: ADA, channel: ADMINS, text: 'add' });
    const [opened] = await h.fake.waitFor(() => h.fake.openViews(ADA).length > 0 && h.fake.openViews(ADA));
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    h.app.view('test_modal', async ({ ack }) => {
      await ack({ response_action: 'push', view: modal([header], { submit: undefined }) });
    });

    await h.fake.submit({
      user: ADA,
      viewId: opened?.id ?? '',
      values: { extension: { value: { type: 'plain_text_input', value: '4102' } } },
    });

    expect(h.fake.openViews(ADA).map((v) => v.id)).toEqual([opened?.id]);
    expect(h.fake.violations()).toEqual([
      'view_submission ack: [ERROR] /view/blocks/0/text/text: must be at most 150 characters (got 151)',
    ]);
  });

  it('records a block_actions ack with a body: Slack ignores it, so the person never sees that answer', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Go?',
      blocks: [buttons('b', 'go')],
    });
    h.app.action('go', async ({ ack }) => {
      // Bolt's types allow no body here; an app that sends one anyway loses it.
      await (ack as (body: unknown) => Promise<void>)({ text: 'Done' });
    });

    const ack = await h.fake.click({ user: ADA, actionId: 'go', message: { channel: ADMINS, ts: ts ?? '' } });

    expect(ack.status).toBe(200);
    expect(h.fake.ephemerals(ADA)).toEqual([]);
    expect(h.fake.violations()).toEqual([
      'block_actions ack: [ERROR] ack: Slack ignores the body of a block_actions ack (got {"text":"Done"}); answer through the response_url or the Web API',
    ]);
  });

  it('records nothing for an empty block_actions ack', async () => {
    const { ts } = await h.client.chat.postMessage({
      channel: ADMINS,
      text: 'Go?',
      blocks: [buttons('b', 'go')],
    });
    h.app.action('go', async ({ ack }) => {
      await ack();
    });

    await h.fake.click({ user: ADA, actionId: 'go', message: { channel: ADMINS, ts: ts ?? '' } });

    expect(h.fake.violations()).toEqual([]);
  });
});
