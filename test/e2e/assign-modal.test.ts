import { afterEach, describe, expect, it } from 'vitest';
import type { View } from '../../src/local/index.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { accountState, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, directMessage, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, colleague(1), colleague(2)])).toEqual([]);
});

/** Types `/phone <text>` and waits for the modal Slack opens for the caller. */
async function openAssignModal(text = 'assign', user = ADMIN_ID): Promise<View> {
  const ack = await sb.slack.slash({ user, channel: CHANNEL, text });
  expect(ack.status).toBe(200);
  return sb.slack.waitFor(() => sb.slack.openViews(user)[0]);
}

type Select = {
  type: string;
  block_id: string;
  element: { options?: { text: { text: string }; value: string }[] };
};

/** The value behind the option a person picks by its label. */
function optionValue(view: View, blockId: string, label: string): string {
  const block = (view.blocks as Select[]).find((b) => b.block_id === blockId);
  const option = block?.element.options?.find((o) => o.text.text === label);
  if (!option) throw new Error(`no option ${label} in ${blockId}`);
  return option.value;
}

function choices(view: View, siteLabel: string, people: string[], planLabel?: string) {
  return {
    [ASSIGN_BLOCKS.site]: {
      [ASSIGN_INPUTS.site]: {
        type: 'static_select',
        selected_option: { value: optionValue(view, ASSIGN_BLOCKS.site, siteLabel) },
      },
    },
    [ASSIGN_BLOCKS.users]: {
      [ASSIGN_INPUTS.users]: { type: 'multi_users_select', selected_users: people },
    },
    ...(planLabel
      ? {
          [ASSIGN_BLOCKS.plan]: {
            [ASSIGN_INPUTS.plan]: {
              type: 'static_select',
              selected_option: { value: optionValue(view, ASSIGN_BLOCKS.plan, planLabel) },
            },
          },
        }
      : {}),
  };
}

describe('/phone assign with nobody named', () => {
  it('opens the assign modal with the trigger of the command', async () => {
    await setupAccount();
    await phoneChange('site add Boston');
    const view = await openAssignModal();
    const [open] = sb.slack.apiCalls('views.open');
    expect(open?.ok).toBe(true);
    expect(open?.args.trigger_id).toEqual(expect.any(String));
    expect(view.callback_id).toBe(VIEWS.assign);
    expect((view.blocks as Select[]).map((b) => b.block_id)).toEqual([
      ASSIGN_BLOCKS.site,
      ASSIGN_BLOCKS.users,
      ASSIGN_BLOCKS.plan,
    ]);
    expect(optionValue(view, ASSIGN_BLOCKS.site, 'Boston')).toEqual(expect.any(String));
    expect(optionValue(view, ASSIGN_BLOCKS.plan, 'US/CA Unlimited (50 free)')).toBe('200');
    expect(sb.slack.ephemerals(ADMIN_ID)).toEqual([]);
  });

  it('preselects the site named in the command', async () => {
    await phoneChange('site add Boston');
    const view = await openAssignModal('assign site:boston');
    const site = (
      view.blocks as { block_id: string; element: { initial_option?: { value: string } } }[]
    ).find((b) => b.block_id === ASSIGN_BLOCKS.site);
    expect(site?.element.initial_option?.value).toBe(optionValue(view, ASSIGN_BLOCKS.site, 'Boston'));
  });

  it('requires people, so Slack does not let the form be sent without any', async () => {
    const view = await openAssignModal();
    const users = (view.blocks as { block_id: string; optional?: boolean }[]).find(
      (b) => b.block_id === ASSIGN_BLOCKS.users,
    );
    expect(users?.optional).toBeUndefined();
    await expect(
      sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values: choices(view, 'Main', []) }),
    ).rejects.toThrow(/required/);
  });

  it('lets a person pick at most 100 people, as one command allows', async () => {
    await setupAccount();
    const view = await openAssignModal();
    const people = Array.from({ length: 101 }, (_, i) => `UMANY${String(i).padStart(5, '0')}`);
    await expect(
      sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values: choices(view, 'Main', people) }),
    ).rejects.toThrow(/at most 100 selections/);
    expect(sb.slack.apiCalls('users.info')).toEqual([]);
  });

  it('closes on valid choices, posts the result in the channel and DMs each person', async () => {
    await setupAccount();
    await phoneChange('site add Boston first:2000');
    const view = await openAssignModal();
    const ack = await sb.slack.submit({
      user: ADMIN_ID,
      viewId: view.id,
      values: choices(view, 'Boston', [colleague(1), colleague(2)], 'US/CA Unlimited (50 free)'),
    });
    expect(ack.status).toBe(200);
    expect(sb.slack.openViews(ADMIN_ID)).toEqual([]);
    const posted = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((t) => t.includes('gave phone licenses')),
    );
    expect(posted).toContain(
      `${mention(ADMIN_ID)} gave phone licenses to 2 people in Boston with US/CA Unlimited:`,
    );
    expect(posted).toContain(`${mention(colleague(1))}: extension *2000*`);
    expect(posted).toContain(`${mention(colleague(2))}: extension *2001*`);
    expect(await directMessage(colleague(2), 'phone line')).toContain('extension *2001* at site Boston');
  });

  it('uses the preselected site when the admin only picks people', async () => {
    await setupAccount();
    const view = await openAssignModal();
    const people = { [ASSIGN_BLOCKS.users]: choices(view, 'Main', [colleague(4)])[ASSIGN_BLOCKS.users] };
    await sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values: people });
    const posted = await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => m.text.includes('gave phone licenses')),
    );
    expect(visibleText(posted)).toContain(`${mention(ADMIN_ID)} gave phone licenses to 1 person in Main:`);
  });

  it('keeps the form open with what was chosen when no license is left, the refusal under People', async () => {
    const view = await openAssignModal();
    const before = await accountState(sb.app.deps.db);
    const values = choices(view, 'Main', [colleague(1)]);
    const ack = await sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values });
    expect(ack.status).toBe(200);
    const [open] = sb.slack.openViews(ADMIN_ID);
    expect(open?.id).toBe(view.id);
    expect(open?.errors).toEqual({
      [ASSIGN_BLOCKS.users]: expect.stringContaining(
        'Not enough phone licenses: 0 of 0 are in use and this needs 1.',
      ),
    });
    expect(open?.state?.values).toMatchObject(values);
    expect(sb.slack.ephemerals(ADMIN_ID, CHANNEL)).toEqual([]);
    expect(sb.slack.apiCalls('users.info')).toEqual([]);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('names under People whoever already has a license, and keeps the form open', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const view = await openAssignModal();
    const before = await accountState(sb.app.deps.db);
    const values = choices(view, 'Main', [colleague(2), colleague(1)]);
    await sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values });
    const [open] = sb.slack.openViews(ADMIN_ID);
    expect(open?.id).toBe(view.id);
    expect(open?.errors).toEqual({
      [ASSIGN_BLOCKS.users]: expect.stringContaining(
        'Colleague 1 Smith (ext 1000) already has a phone license',
      ),
    });
    expect(open?.state?.values).toMatchObject(values);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('says under Plan when too few of the chosen plan are left, and keeps the form open', async () => {
    await phoneChange('licenses 50');
    await phoneChange('plans set 200 1');
    const view = await openAssignModal();
    const before = await accountState(sb.app.deps.db);
    const values = choices(view, 'Main', [colleague(1), colleague(2)], 'US/CA Unlimited (1 free)');
    await sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values });
    const [open] = sb.slack.openViews(ADMIN_ID);
    expect(open?.id).toBe(view.id);
    expect(open?.errors).toEqual({
      [ASSIGN_BLOCKS.plan]: expect.stringContaining(
        'Not enough US/CA Unlimited plans: 0 of 1 are in use and this needs 2.',
      ),
    });
    expect(open?.state?.values).toMatchObject(values);
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('offers only the plans the account owns, each with how many are free', async () => {
    await setupAccount();
    await phoneChange('plans set 201 2');
    await license([colleague(1)], 'plan:200');
    const view = await openAssignModal();
    const plans = (view.blocks as Select[]).find((b) => b.block_id === ASSIGN_BLOCKS.plan);
    expect(plans?.element.options?.map((o) => o.text.text)).toEqual([
      'US/CA Unlimited (49 free)',
      'AU/NZ Unlimited (2 free)',
    ]);
  });

  it('says how to get calling plans when the account owns none, and still assigns without one', async () => {
    await phoneChange('licenses 5');
    const view = await openAssignModal();
    const blocks = view.blocks as Select[];
    expect(blocks.map((b) => b.block_id)).toEqual([
      ASSIGN_BLOCKS.site,
      ASSIGN_BLOCKS.users,
      ASSIGN_BLOCKS.noPlans,
    ]);
    expect(visibleText({ text: '', blocks: view.blocks })).toContain('/phone plans set');
    await sb.slack.submit({ user: ADMIN_ID, viewId: view.id, values: choices(view, 'Main', [colleague(1)]) });
    const posted = await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => m.text.includes('gave phone licenses')),
    );
    expect(visibleText(posted)).toContain(`gave phone licenses to 1 person in Main:`);
  });

  it('refuses a member of another organization picked in the form, and assigns nobody', async () => {
    sb.slack.addUser({
      id: 'UPARTNER01',
      name: 'pat',
      realName: 'Pat Partner',
      email: 'pat@partner.example',
      externalTeamId: 'T0PARTNER1',
    });
    await setupAccount();
    const view = await openAssignModal();
    const before = await accountState(sb.app.deps.db);
    await sb.slack.submit({
      user: ADMIN_ID,
      viewId: view.id,
      values: choices(view, 'Main', [colleague(1), 'UPARTNER01']),
    });
    const refusal = await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL).at(-1));
    expect(visibleText(refusal)).toContain(
      `${mention('UPARTNER01')} is a member of another organization, reached through a shared channel (Slack Connect), so they cannot hold one of this account's phone licenses. Nothing was assigned.`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('refuses a non-admin and opens no modal', async () => {
    expect(await phoneReply('assign', MALLORY)).toContain('Only phone admins can use `/phone assign`');
    expect(sb.slack.apiCalls('views.open')).toEqual([]);
    expect(sb.slack.openViews(MALLORY)).toEqual([]);
  });
});
