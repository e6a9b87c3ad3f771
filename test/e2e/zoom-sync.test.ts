import { asc } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import type { Message } from '../../src/local/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard } from '../support/e2e.ts';
import { mention, phoneCommands } from '../support/phone.ts';
import { buttonLabelled } from '../support/undo.ts';
import { csvUploads } from '../support/uploads.ts';
import { colleagueEmail, syncRowOf, useLocalZoom } from '../support/zoom.ts';

/**
 * What admins change in Slack reaches Zoom Phone: the app drives the local Zoom stand-in through the Zoom adapter,
 * and every request and answer is checked against the vendor's documents. Each test gets a fresh Zoom account.
 */
const local = useLocalZoom({ numbers: ['+14155550100', '+14155550101', '+14155550102'] });
const sb = useSwitchboard({ phoneSystem: local.phoneSystem });
const { phone, phoneChange, phoneReply, setupAccount, license, clickOn, directMessage } = phoneCommands(sb);
const { upload, press, botReplies, attachedFile } = csvUploads(sb);
const emailOf = colleagueEmail;

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const syncOf = (email: string) => syncRowOf(sb, email);

/** The text of each context block of a message: the status line is the last. */
const contextLines = (message: { blocks?: unknown[] }) =>
  ((message.blocks ?? []) as { type: string; elements?: { text?: string }[] }[])
    .filter((block) => block.type === 'context')
    .map((block) => block.elements?.map((e) => e.text ?? '').join(' ') ?? '');

/** The status line under the channel message that says `containing`, once it reads `line`. */
const statusUnder = (containing: string, line: RegExp) =>
  sb.slack.waitFor(() => {
    const message = sb.slack.messages(CHANNEL).find((m) => m.text.includes(containing));
    const status = message && contextLines(message).at(-1);
    return message && status && line.test(status) ? { message, status } : undefined;
  });

/**
 * The refusal under the channel message that says `containing`, once its Retry and Revert buttons are there: the
 * first post of a change may already read "refused" and gets its buttons from the update just after.
 */
const refusalUnder = (containing: string) =>
  sb.slack.waitFor(() => {
    const message = sb.slack.messages(CHANNEL).find((m) => m.text.includes(containing));
    const status = message && contextLines(message).at(-1);
    return message && status && /refused/.test(status) && buttonLabelled(message, /^Revert in Switchboard$/)
      ? { message, status }
      : undefined;
  });

/** Clicks a button of a channel message as the admin. */
async function clickButton(message: Message, label: RegExp) {
  const button = buttonLabelled(message, label);
  if (!button) throw new Error(`no ${label} under: ${contextLines(message).join(' / ')}`);
  const ack = await sb.slack.click({
    user: ADMIN_ID,
    actionId: button.action_id,
    value: button.value,
    message: { channel: CHANNEL, ts: message.ts },
  });
  expect(ack.status).toBe(200);
}

const zoomLine = (email: string) => {
  const user = local.zoom.snapshot().users.find((u) => u.email === email);
  return local.zoom.snapshot().phoneUsers.find((p) => p.userId === user?.id);
};

describe('changes made in Slack, applied to Zoom Phone', () => {
  it('gives three people their lines with the same extensions, plans and numbers, then follows a change', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550102');
    await license([colleague(1), colleague(2), colleague(3)], 'plan:200');
    for (const i of [1, 2, 3]) {
      await phoneChange(`number add ${mention(colleague(i))} +1415555010${i - 1}`);
    }
    await sb.app.sync?.idle();
    for (const i of [1, 2, 3]) {
      expect(await syncOf(emailOf(i))).toMatchObject({ state: 'in_sync', failureCode: null });
      expect(zoomLine(emailOf(i))).toMatchObject({
        extensionNumber: String(999 + i),
        plans: [200],
        numbers: [`+1415555010${i - 1}`],
      });
    }

    const assigned = await statusUnder('gave phone licenses to 3 people', /Applied in Zoom Phone/);
    expect(assigned.status).toBe(':white_check_mark: Applied in Zoom Phone.');

    await phoneChange(`ext ${mention(colleague(2))} 1500`);
    await sb.app.sync?.idle();
    expect(zoomLine(emailOf(2))?.extensionNumber).toBe('1500');
    expect(await syncOf(emailOf(2))).toMatchObject({ state: 'in_sync' });
    await statusUnder('1500', /Applied in Zoom Phone/);
  });

  it('shows a line Zoom refuses as failed with the reason, and a retry once the cause is fixed succeeds', async () => {
    await setupAccount();
    // A number Switchboard has but the Zoom account does not.
    await phoneChange('numbers add +14155550199');
    await license([colleague(4)], 'plan:200');
    await phoneChange(`number add ${mention(colleague(4))} +14155550199`);
    await sb.app.sync?.idle();
    const failed = await syncOf(emailOf(4));
    expect(failed).toMatchObject({ state: 'failed', failureCode: 'NUMBER_UNKNOWN' });
    expect(failed?.reason).toContain('+14155550199');
    expect(zoomLine(emailOf(4))?.numbers ?? []).toEqual([]);

    const refused = await refusalUnder('assigned +14155550199');
    expect(refused.status).toContain(':warning: Zoom Phone refused this change.');
    expect(refused.status).toContain('colleague4@example.com:');
    expect(refused.status).toContain('+14155550199');

    // The cause fixed in Zoom, the admin presses Retry under the change.
    local.zoom.seedNumbers(['+14155550199']);
    await clickButton(refused.message, /^Retry$/);
    await statusUnder('assigned +14155550199', /Applied in Zoom Phone/);
    await sb.app.sync?.idle();
    expect(await syncOf(emailOf(4))).toMatchObject({ state: 'in_sync' });
    expect(zoomLine(emailOf(4))?.numbers).toEqual(['+14155550199']);
  });

  it('reverts in Switchboard a change Zoom refused, audited, so both hold what they held before', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550199');
    await license([colleague(4)], 'plan:200');
    await sb.app.sync?.idle();
    await phoneChange(`ext ${mention(colleague(4))} 1500`);
    await phoneChange(`number add ${mention(colleague(4))} +14155550199`);
    const refused = await refusalUnder('assigned +14155550199');
    await clickButton(refused.message, /^Revert in Switchboard$/);
    // Only the refused change is taken back: the extension change before it was applied and stays.
    const reverted = await statusUnder('assigned +14155550199', /reverted this change in Switchboard/);
    expect(reverted.status).toContain('for colleague4@example.com, whom the phone system had refused');
    expect(buttonLabelled(reverted.message, /^Retry$/)).toBeUndefined();
    const card = await phoneReply(`show ${mention(colleague(4))}`);
    expect(card).toContain('*Extension*\n1500');
    expect(card).not.toContain('+14155550199');
    await statusUnder('reverted in Switchboard the change', /Applied in Zoom Phone/);
    await sb.app.sync?.idle();
    expect(await syncOf(emailOf(4))).toMatchObject({ state: 'in_sync' });
    expect(zoomLine(emailOf(4))).toMatchObject({ extensionNumber: '1500', numbers: [] });
    const audit = await sb.app.deps.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(audit.slice(-2).map((row) => [row.action, row.actor, row.targetLabel])).toEqual([
      ['number.released', ADMIN_ID, 'colleague4@example.com'],
      ['phone_sync.reverted', ADMIN_ID, 'colleague4@example.com'],
    ]);
  });

  it('reverts a move to a site Zoom does not have: the person is back at their site and extension', async () => {
    await setupAccount();
    await phoneChange('site add Annex');
    await license([colleague(3)], 'plan:200');
    await sb.app.sync?.idle();
    // Zoom Phone has no site Annex.
    await phoneChange(`move ${mention(colleague(3))} site:Annex`);
    const refused = await refusalUnder('from Main to Annex');
    expect(refused.status).toContain('Zoom Phone has no site named "Annex"');
    await clickButton(refused.message, /^Revert in Switchboard$/);
    await statusUnder('from Main to Annex', /reverted this change in Switchboard/);
    const card = await phoneReply(`show ${mention(colleague(3))}`);
    expect(card).toContain('*Site*\nMain');
    expect(card).toContain('*Extension*\n1000');
    await statusUnder('reverted in Switchboard the change', /Applied in Zoom Phone/);
  });

  it('refuses to revert what Switchboard cannot take back by itself, and names the command', async () => {
    await setupAccount();
    // Zoom has no user for colleague 5: every change to their line is refused.
    await license([colleague(5)], 'plan:200');
    await phoneChange(`set ${mention(colleague(5))} language=fr-CA`);
    const refused = await refusalUnder('language');
    const before = await sb.app.deps.db.select().from(auditLog);
    await clickButton(refused.message, /^Revert in Switchboard$/);
    const told = await sb.slack.waitFor(() =>
      sb.slack.ephemerals(ADMIN_ID, CHANNEL).find((m) => m.text.includes('Nothing was reverted')),
    );
    expect(told.text).toContain('a change of settings');
    expect(told.text).toContain('/phone settings colleague5@example.com');
    expect(await sb.app.deps.db.select().from(auditLog)).toHaveLength(before.length);
  });

  it('says what Zoom Phone has no way to take, under the change and on the card', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await phoneChange(`forward add ${mention(colleague(1))} +14155550199 "Mobile"`);
    const { status } = await statusUnder('to the forward numbers of', /Applied in Zoom Phone/);
    expect(status).toContain('Applied in Zoom Phone, except: Call handling');
    expect(status).toContain('set it in the Zoom Phone portal');
    const card = await phoneReply(`show ${mention(colleague(1))}`);
    expect(card).toContain('In sync with Zoom Phone, except: Call handling');
  });

  it('counts under an import summary how Zoom Phone takes the imported people, naming the one it refused', async () => {
    await setupAccount();
    const rows = [1, 2, 3, 4].map((i) => `${emailOf(i)},Colleague,${i},US/CA Unlimited`);
    const { ts, reply } = await upload(
      'team.csv',
      [
        'Email,First Name,Last Name,Calling Plan',
        ...rows,
        'nobody@example.com,No,Body,US/CA Unlimited',
        '',
      ].join('\n'),
    );
    await press(reply, /^Import 5 users$/);
    const summary = await sb.slack.waitFor(() => {
      const found = botReplies(ts).find((m) => m.text.includes('imported'));
      const status = found && contextLines(found).at(-1);
      return status?.startsWith(':warning:') ? status : undefined;
    });
    expect(summary).toContain(':warning: Zoom Phone refused part of this change (1 of 5).');
    expect(summary).toContain('nobody@example.com:');
    for (const i of [1, 2, 3, 4]) expect(zoomLine(emailOf(i))?.plans).toEqual([200]);
    // The refused rows come as a file in the importing admin's direct messages, never in the channel.
    const sent = await sb.slack.waitFor(() =>
      sb.slack.messages(sb.slack.dmChannel(ADMIN_ID)).find((m) => m.files?.length),
    );
    expect(sent.text).toContain('Zoom Phone refused 1 of the 5 people of *team.csv*');
    const { name, text } = attachedFile(sent);
    expect(name).toBe('team-refused-by-zoom-phone.csv');
    const [header, ...lines] = text.trimEnd().split('\r\n');
    expect(header).toBe('Email,Reason,Zoom Phone Code,Zoom Phone Message');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nobody@example\.com,.*Zoom/);
    expect(
      sb.slack
        .messages(CHANNEL)
        .filter((m) => m.files?.some((f) => /refused/.test(String((f as { name?: string }).name)))),
    ).toEqual([]);
  });

  it("brings a cycle of three extensions into Zoom Phone, where each line holds the next one's extension", async () => {
    await setupAccount();
    await license([colleague(1), colleague(2), colleague(3)], 'plan:200');
    await sb.app.sync?.idle();
    expect([1, 2, 3].map((i) => zoomLine(emailOf(i))?.extensionNumber)).toEqual(['1000', '1001', '1002']);
    const cycle = [
      'Email,Extension',
      `${emailOf(1)},1001`,
      `${emailOf(2)},1002`,
      `${emailOf(3)},1000`,
      '',
    ].join('\n');
    const { ts, reply } = await upload('cycle.csv', cycle, 'update');
    await press(reply, /^Import 3 users$/);
    const status = await sb.slack.waitFor(() => {
      const found = botReplies(ts).find((m) => m.text.includes('imported'));
      const last = found && contextLines(found).at(-1);
      return last?.startsWith(':white_check_mark:') ? last : undefined;
    });
    expect(status).toBe(':white_check_mark: Applied in Zoom Phone.');
    expect([1, 2, 3].map((i) => zoomLine(emailOf(i))?.extensionNumber)).toEqual(['1001', '1002', '1000']);
  });

  it('says under a call queue change that queues are kept in Switchboard only', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await phoneChange('queue add Sales 3000');
    await phoneChange(`queue member add Sales ${mention(colleague(1))}`);
    const { message } = await statusUnder('to the call queue', /Applied in Zoom Phone/);
    expect(contextLines(message)).toContain(
      ':information_source: Call queues are kept in Switchboard only for now: make this change in Zoom Phone too.',
    );
  });

  it('takes the Zoom Phone license away when the license is removed in Switchboard', async () => {
    await setupAccount();
    await license([colleague(1)], 'plan:200');
    await sb.app.sync?.idle();
    expect(zoomLine(emailOf(1))).toBeDefined();
    const prompt = await phone(`remove ${mention(colleague(1))}`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm)).toBe('Removed 1 phone license.');
    await directMessage(colleague(1), 'license was removed');
    await sb.app.sync?.idle();
    expect(zoomLine(emailOf(1))).toBeUndefined();
    expect(local.zoom.snapshot().users.find((u) => u.email === emailOf(1))?.zoomPhone).toBe(false);
    expect(await syncOf(emailOf(1))).toMatchObject({ state: 'in_sync' });
  });
});
