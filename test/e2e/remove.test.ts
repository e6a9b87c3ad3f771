import { asc, gt } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, changeOutbox } from '../../db/schema/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import {
  accountState,
  deniedAttempts,
  everyTable,
  lastAuditId,
  mention,
  phoneCommands,
  type Reply,
  unreadableMarkup,
} from '../support/phone.ts';

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
    expect(await phoneReply('history recent')).toContain(
      `• removed the phone license of ${mention(colleague(1))}`,
    );
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

/**
 * Colleague 1 manages the Sales queue, is the operator of Main Line, has colleague 3 as assistant, answers the calls
 * of colleague 2 and has a desk phone. Colleague 3 is in Sales too.
 */
async function colleagueOneIsNeeded() {
  await twoPhoneUsers();
  await license([colleague(3)]);
  await phoneChange('queue add Sales 2000');
  await phoneChange(`queue member add Sales ${mention(colleague(1))} manager`);
  await phoneChange(`queue member add Sales ${mention(colleague(3))}`);
  await phoneChange(`receptionist add "Main Line" 2100 operator:${mention(colleague(1))}`);
  await phoneChange(`delegate add ${mention(colleague(1))} ${mention(colleague(3))}`);
  await phoneChange(`delegate add ${mention(colleague(2))} ${mention(colleague(1))}`);
  await phoneChange(`phone add ${mention(colleague(1))} 00:1A:2B:3C:4D:5E "Poly VVX 450"`);
}

/** What the change outbox holds after the change record `id`, oldest first. */
async function changesAfter(id: number) {
  const rows = await sb.app.deps.db
    .select()
    .from(changeOutbox)
    .where(gt(changeOutbox.id, id))
    .orderBy(asc(changeOutbox.id));
  return rows.map((row) => row.payload);
}

async function lastChangeId() {
  const rows = await sb.app.deps.db.select({ id: changeOutbox.id }).from(changeOutbox);
  return Math.max(0, ...rows.map((row) => row.id));
}

describe('/phone remove of someone others depend on', () => {
  it('lists in the confirmation what each person’s removal would end', async () => {
    await colleagueOneIsNeeded();
    const before = await everyTable(sb.app.deps.db);
    const prompt = await phone(`remove <@${colleague(1)}> <@${colleague(2)}>`);
    expect(prompt.text).toContain(
      'Remove the phone licenses of 2 people? Their extensions, 1 number and calling plans go back to the inventory; their history stays. Their desk phone is freed.\n:warning: This also ends 1 queue membership (1 as manager), 1 operator role and 2 delegations.',
    );
    expect(prompt.text).toContain(
      `• ${mention(colleague(1))}: ext 1000 · Main · US/CA Unlimited · +14155550100\n      ↳ ends: manager of queue *Sales*, operator of *Main Line*, ${mention(colleague(3))} answering their calls, answering the calls of ${mention(colleague(2))}`,
    );
    // Colleague 2's delegation to colleague 1 is one link, named under each of the two.
    expect(prompt.text).toContain(
      `• ${mention(colleague(2))}: ext 1001 · Main\n      ↳ ends: ${mention(colleague(1))} answering their calls`,
    );
    const [confirm] = buttonsOf(prompt.message);
    expect(confirm?.confirm).toMatchObject({
      text: {
        text: '2 people will stop being able to make or receive calls. 1 queue membership (1 as manager), 1 operator role and 2 delegations end with them.',
      },
    });
    expect(await everyTable(sb.app.deps.db)).toEqual(before);
  });

  it('ends each link on confirmation with its own audit row and change record, and says what ended', async () => {
    await colleagueOneIsNeeded();
    const auditFrom = await lastAuditId(sb.app.deps.db);
    const changesFrom = await lastChangeId();
    const prompt = await phone(`remove <@${colleague(1)}>`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm)).toBe(
      'Removed 1 phone license. Ended 1 queue membership (1 as manager), 1 operator role and 2 delegations.',
    );
    const posted = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((t) => t.includes('removed the phone licenses')),
    );
    expect(posted).toContain(
      'This ended 1 queue membership (1 as manager), 1 operator role and 2 delegations.',
    );
    expect(posted).toContain(
      `• ${mention(colleague(1))}: extension 1000; released +14155550100\n      ↳ ended: manager of queue *Sales*, operator of *Main Line*`,
    );

    const email = 'colleague1@example.com';
    const reason = `license of ${email} removed`;
    const audit = await sb.app.deps.db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, auditFrom))
      .orderBy(asc(auditLog.id));
    expect(new Set(audit.map((row) => row.requestId)).size).toBe(1);
    expect(
      audit.map((row) => ({
        actor: row.actor,
        action: row.action,
        target: row.targetLabel,
        before: row.before,
        after: row.after,
      })),
    ).toEqual([
      {
        actor: ADMIN_ID,
        action: 'call_queue.membership',
        target: email,
        before: { queue: 'Sales', member: true, manager: true },
        after: { queue: 'Sales', member: false, manager: false, reason },
      },
      {
        actor: ADMIN_ID,
        action: 'auto_receptionist.operator_changed',
        target: 'Main Line',
        before: { operator: email },
        after: { operator: null, reason },
      },
      {
        actor: ADMIN_ID,
        action: 'delegation.removed',
        target: 'colleague3@example.com',
        before: { assisting: [email] },
        after: { assisting: [], reason },
      },
      {
        actor: ADMIN_ID,
        action: 'delegation.removed',
        target: 'colleague2@example.com',
        before: { assistants: [email] },
        after: { assistants: [], reason },
      },
      expect.objectContaining({ action: 'license.removed', target: email, after: null }),
    ]);

    const user = (i: number) => ({ directoryUserId: expect.any(Number), email: `colleague${i}@example.com` });
    expect(await changesAfter(changesFrom)).toEqual([
      { kind: 'call_queue.member_changed', queue: 'Sales', user: user(1), member: false, manager: false },
      { kind: 'auto_receptionist.operator_changed', receptionist: 'Main Line', operator: null },
      { kind: 'phone_user.assistant_removed', user: user(1), assistant: user(3) },
      { kind: 'phone_user.assistant_removed', user: user(2), assistant: user(1) },
      {
        kind: 'phone_user.removed',
        user: user(1),
        extension: '1000',
        releasedNumbers: ['+14155550100'],
      },
    ]);

    expect(await phoneReply('queues')).not.toContain(mention(colleague(1)));
    expect(await phoneReply('receptionists')).toMatch(/Main Line.*no operator/is);
  });

  it('asks again, naming who changed, when something new depends on them since the confirmation was shown', async () => {
    await colleagueOneIsNeeded();
    const prompt = await phone(`remove <@${colleague(1)}> <@${colleague(2)}>`);
    await phoneChange(`queue member add Sales ${mention(colleague(2))}`);
    const before = await everyTable(sb.app.deps.db);

    const again = await clickOn(prompt, ACTIONS.removeConfirm);
    expect(again).toContain(
      `:arrows_counterclockwise: *Nothing was removed yet.* Since you were asked, what this removal ends changed for ${mention(colleague(2))}. Check the list again, then confirm.`,
    );
    expect(again).toContain(
      `• ${mention(colleague(2))}: ext 1001 · Main\n      ↳ ends: member of queue *Sales*, ${mention(colleague(1))} answering their calls`,
    );
    expect(await everyTable(sb.app.deps.db)).toEqual(before);
    expect(directMessages(colleague(1)).filter((t) => t.includes('removed'))).toEqual([]);

    const shownAgain: Reply = { ...prompt, text: again };
    expect(await clickOn(shownAgain, ACTIONS.removeConfirm)).toBe(
      'Removed 2 phone licenses. Ended 2 queue memberships (1 as manager), 1 operator role and 2 delegations.',
    );
    expect(await phoneReply('queues')).not.toMatch(new RegExp(`${colleague(1)}|${colleague(2)}`));
  });
});
