import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { accountState, deniedAttempts, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, license, directMessage, directMessages, clickOn } =
  phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, colleague(1), colleague(2)])).toEqual([]);
});

/** Colleague 1 (ext 1000, US/CA Unlimited, +14155550100) and colleague 2 (ext 1001, no plan). */
async function twoPhoneUsers() {
  await setupAccount();
  await phoneChange('numbers add +14155550100..+14155550101');
  await license([colleague(1)], 'plan:200');
  await license([colleague(2)]);
  await phoneChange(`number add <@${colleague(1)}> +14155550100`);
}

type Button = {
  type: string;
  action_id: string;
  style?: string;
  value?: string;
  confirm?: { title: { text: string }; confirm: { text: string }; deny: { text: string }; style?: string };
};

function buttonsOf(message: { blocks?: unknown[] }): Button[] {
  const actions = (message.blocks ?? []) as { type: string; elements?: Button[] }[];
  return actions.filter((block) => block.type === 'actions').flatMap((block) => block.elements ?? []);
}

describe('/phone remove', () => {
  it('asks for confirmation with a danger button, and changes nothing yet', async () => {
    await twoPhoneUsers();
    const before = await accountState(sb.app.deps.db);
    const prompt = await phone(`remove <@${colleague(1)}> <@${colleague(2)}>`);
    expect(prompt.where).toBe('ephemeral');
    expect(prompt.text).toContain(
      'Remove the phone licenses of 2 people? Their extensions, 1 number and calling plans go back to the inventory; their history stays.',
    );
    expect(prompt.text).toContain(
      `• ${mention(colleague(1))}: ext 1000 · Main · US/CA Unlimited · +14155550100`,
    );
    expect(prompt.text).toContain(`• ${mention(colleague(2))}: ext 1001 · Main`);
    const [confirm, cancel] = buttonsOf(prompt.message);
    expect(confirm).toMatchObject({
      action_id: ACTIONS.removeConfirm,
      style: 'danger',
      confirm: {
        title: { text: 'Remove phone licenses?' },
        confirm: { text: 'Remove' },
        deny: { text: 'Keep them' },
        style: 'danger',
      },
    });
    expect(cancel).toMatchObject({ action_id: ACTIONS.removeCancel });
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(sb.slack.messages(CHANNEL).filter((m) => m.text.includes('removed'))).toEqual([]);
  });

  it('removes the licenses on confirmation, names the released numbers in the channel and DMs each person', async () => {
    await twoPhoneUsers();
    const prompt = await phone(`remove <@${colleague(1)}> <@${colleague(2)}>`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm)).toBe('Removed 2 phone licenses.');

    const text = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((t) => t.includes('removed the phone licenses')),
    );
    expect(text).toContain(`${mention(ADMIN_ID)} removed the phone licenses of 2 people:`);
    expect(text).toContain(`• ${mention(colleague(1))}: extension 1000; released +14155550100`);
    expect(text).toContain(`• ${mention(colleague(2))}: extension 1001`);
    for (const person of [colleague(1), colleague(2)]) {
      expect(await directMessage(person, 'license was removed')).toContain(
        'Your phone license was removed: you can no longer make or receive calls on your extension.',
      );
    }

    const state = await accountState(sb.app.deps.db);
    expect(state.users).toEqual([]);
    expect(state.held).toEqual([]);
    expect(state.numbers.map((n) => [n.number, n.phoneUserId])).toEqual([
      ['+14155550100', null],
      ['+14155550101', null],
    ]);
    expect(state.people.map((p) => p.email)).toEqual(['colleague1@example.com', 'colleague2@example.com']);
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('is not a phone user');
    expect(await phoneReply('licenses')).toContain('0 of 50 phone licenses in use');
    expect(await phoneReply('history recent')).toContain('`license.removed`');
  });

  it('changes nothing when the admin clicks Cancel', async () => {
    await twoPhoneUsers();
    const before = await accountState(sb.app.deps.db);
    const prompt = await phone(`remove <@${colleague(1)}>`);
    expect(await clickOn(prompt, ACTIONS.removeCancel)).toBe('Cancelled: nothing was removed.');
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(directMessages(colleague(1)).filter((t) => t.includes('removed'))).toEqual([]);
  });

  it('refuses a confirmation clicked by someone who is no longer an admin, even with a forged value', async () => {
    await twoPhoneUsers();
    await phoneChange(`admins add <@${MALLORY}>`);
    const prompt = await phone(`remove <@${colleague(2)}>`, MALLORY);
    expect(prompt.where).toBe('ephemeral');
    await phoneChange(`admins remove <@${MALLORY}>`);
    const before = await accountState(sb.app.deps.db);

    const refused = await clickOn(prompt, ACTIONS.removeConfirm, { user: MALLORY, value: 'd:1' });
    expect(refused).toContain('Nothing was removed. Only phone admins can use `/phone remove`.');
    expect(await accountState(sb.app.deps.db)).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'remove' }]);
    expect(directMessages(colleague(1)).filter((t) => t.includes('removed'))).toEqual([]);
  });

  it('refuses a button whose value cannot be read', async () => {
    await twoPhoneUsers();
    const before = await accountState(sb.app.deps.db);
    const prompt = await phone(`remove <@${colleague(1)}>`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm, { value: 'd:1;drop table' })).toBe(
      'This button could not be read; nothing was removed. Run `/phone remove` again.',
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('changes nothing when a second confirmation names someone already removed', async () => {
    await twoPhoneUsers();
    const first = await phone(`remove <@${colleague(1)}>`);
    const second = await phone(`remove <@${colleague(1)}> <@${colleague(2)}>`);
    await clickOn(first, ACTIONS.removeConfirm);
    await directMessage(colleague(1), 'license was removed');
    const before = await accountState(sb.app.deps.db);
    expect(await clickOn(second, ACTIONS.removeConfirm)).toContain(
      `Nothing was removed. ${mention(colleague(1))} is not a phone user (no phone license).`,
    );
    expect(await accountState(sb.app.deps.db)).toEqual(before);
  });

  it('refuses to ask about someone without a license, or about nobody', async () => {
    await twoPhoneUsers();
    expect(await phoneReply(`remove <@${colleague(3)}>`)).toContain(
      `${mention(colleague(3))} is not a phone user (no phone license).`,
    );
    expect(await phoneReply('remove 4321')).toContain('Nobody matches `4321`.');
    expect(await phoneReply('remove')).toContain('`remove` needs at least one user');
    expect(buttonsOf(sb.slack.ephemerals(ADMIN_ID, CHANNEL).at(-1) ?? {})).toEqual([]);
  });
});
