import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, directoryUsers, noticeJobs } from '../../db/schema/index.ts';
import { ACTIONS } from '../../src/slack/ids.ts';
import { LIST_BLOCKS } from '../../src/slack/views/settings/list-forms.ts';
import { ADMIN_ID, colleague, useSwitchboard } from '../support/e2e.ts';
import { mention, phoneCommands } from '../support/phone.ts';
import { settingsModal } from '../support/settings-modal.ts';
import { csvUploads } from '../support/uploads.ts';

/**
 * People are linked to their Slack account however they were added (import, `/phone user add`), and each person
 * whose line a request changed hears of it in one direct message, sent in the background at Slack's pace.
 */
const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, setupAccount, license, directMessage, directMessages, clickOn } =
  phoneCommands(sb);
const { botReplies, upload, press } = csvUploads(sb);
const { openSection, submit, posted } = settingsModal(sb);
const C1 = colleague(1);
const C2 = colleague(2);
const C3 = colleague(3);
const HEDY = 'UHEDY00001';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** Uploads an add file, imports every row and waits for the summary. */
async function importRows(filename: string, rows: string[], header = 'Email,First Name,Last Name') {
  const { ts, reply } = await upload(filename, [header, ...rows].join('\n'), 'import');
  await press(reply, /^Import \d+ users?$/);
  await sb.slack
    .waitFor(() => botReplies(ts).find((m) => m.text.includes('imported')))
    .catch((e) => {
      throw new Error(`${e}\nTHREAD: ${JSON.stringify(botReplies(ts).map((m) => m.text))}`);
    });
}

const directoryRow = async (email: string) =>
  (await sb.app.deps.db.select().from(directoryUsers).where(eq(directoryUsers.email, email)))[0];

const linkAudits = async () =>
  (await sb.app.deps.db.select().from(auditLog).orderBy(asc(auditLog.id))).filter(
    (row) => row.action === 'directory_user.linked',
  );

const jobOutcomes = async () =>
  (await sb.app.deps.db.select().from(noticeJobs).orderBy(asc(noticeJobs.id))).map((job) => ({
    person: job.directoryUserId,
    state: job.state,
    outcome: job.outcome,
  }));

describe('people linked to their Slack account, however they were added', () => {
  it('links the people an import adds and tells them by DM, so show, me and assign agree', async () => {
    await setupAccount();
    await importRows('team.csv', [
      'colleague1@example.com,Colleague 1,Smith',
      'colleague2@example.com,Colleague 2,Smith',
      'ken@example.com,Ken,Thompson',
    ]);
    // The DM comes from the background worker, which first looked each person up by email.
    expect(await directMessage(C1, 'You now have a phone line')).toContain('extension *1000* at site Main');
    expect(await directMessage(C2, 'You now have a phone line')).toContain('extension *1001* at site Main');
    await sb.app.notices.idle();
    expect(await directoryRow('colleague1@example.com')).toMatchObject({
      slackUserId: C1,
      timezone: 'America/New_York',
    });
    expect((await directoryRow('ken@example.com'))?.slackUserId).toBeNull();
    expect((await jobOutcomes()).map((job) => job.outcome)).toEqual(['sent', 'sent', 'not_in_slack']);
    expect((await linkAudits()).map((row) => [row.actor, row.targetLabel, row.after])).toEqual([
      [ADMIN_ID, 'colleague1@example.com', { slackUserId: C1, timezone: 'America/New_York' }],
      [ADMIN_ID, 'colleague2@example.com', { slackUserId: C2, timezone: 'America/New_York' }],
    ]);

    expect(await phoneReply(`show ${mention(C1)}`)).toContain('*Extension*\n1000');
    expect(await phoneReply('me', C2)).toContain('*Extension*\n1001');
    expect(await phoneReply(`assign ${mention(C1)}`)).toContain(
      `${mention(C1)} (ext 1000) already has a phone license`,
    );
    expect(directMessages(C1)).toHaveLength(1);
  });

  it('links a person added before they had a Slack account when a mention names them', async () => {
    await setupAccount();
    await phoneChange('user add hedy@example.com Hedy Lamarr');
    await phoneChange('assign hedy@example.com');
    await sb.app.notices.idle();
    expect((await jobOutcomes()).map((job) => job.outcome)).toEqual(['not_in_slack']);

    // Hedy joins Slack later: the mention falls back to her email (users.info) and links the entry.
    sb.slack.addUser({
      id: HEDY,
      name: 'hedy',
      realName: 'Hedy Lamarr',
      email: 'hedy@example.com',
      tz: 'Europe/Vienna',
    });
    const card = await phoneReply(`show ${mention(HEDY)}`);
    expect(card).toContain('*Extension*\n1000');
    expect(await directoryRow('hedy@example.com')).toMatchObject({
      slackUserId: HEDY,
      timezone: 'Europe/Vienna',
    });
    expect((await linkAudits()).map((row) => [row.actor, row.targetLabel])).toEqual([
      [ADMIN_ID, 'hedy@example.com'],
    ]);
    expect(await phoneReply(`assign ${mention(HEDY)}`)).toContain('already has a phone license');
    expect(await phoneReply('me', HEDY)).toContain('*Extension*\n1000');
  });

  it('links someone picked in a form who was added before they had a Slack account', async () => {
    await setupAccount();
    await license([C1]);
    await phoneChange('user add hedy@example.com Hedy Lamarr');
    await phoneChange('assign hedy@example.com');
    await sb.app.notices.idle();
    sb.slack.addUser({ id: HEDY, name: 'hedy', realName: 'Hedy Lamarr', email: 'hedy@example.com' });
    const form = await openSection(C1, 'assistants');
    const errors = await submit(ADMIN_ID, form, {
      [LIST_BLOCKS.assistant]: { user: { type: 'users_select', selected_user: HEDY } },
    });
    expect(errors).toBeUndefined();
    expect(await posted('an assistant of')).toBeDefined();
    expect((await directoryRow('hedy@example.com'))?.slackUserId).toBe(HEDY);
    expect(await directMessage(HEDY, 'You are now an assistant of')).toContain(mention(C1));
  });

  it('finds the caller of /phone me by their email and links them', async () => {
    await setupAccount();
    await phoneChange('user add grace@example.com Grace Hopper');
    await phoneChange('assign grace@example.com');
    await sb.app.notices.idle();
    sb.slack.addUser({
      id: 'UGRACE0001',
      name: 'grace',
      realName: 'Grace Hopper',
      email: 'grace@example.com',
    });
    expect(await phoneReply('me', 'UGRACE0001')).toContain('*Extension*\n1000');
    expect((await directoryRow('grace@example.com'))?.slackUserId).toBe('UGRACE0001');
  });

  it('waits as Slack says when users.lookupByEmail is rate limited, and tells everyone once', async () => {
    await setupAccount();
    // Slack lets two lookups through, then answers 429 with Retry-After until its bucket refills.
    sb.slack.limitRate('users.lookupByEmail', { perMinute: 120, burst: 2 });
    const people = [1, 2, 3, 4, 5].map(colleague);
    await importRows(
      'five.csv',
      [1, 2, 3, 4, 5].map((i) => `colleague${i}@example.com,Colleague ${i},Smith`),
    );
    for (const id of people) await directMessage(id, 'You now have a phone line');
    await sb.app.notices.idle();
    const lookups = sb.slack.apiCalls('users.lookupByEmail');
    expect(lookups.filter((call) => call.error === 'ratelimited').length).toBeGreaterThan(0);
    expect(lookups.filter((call) => call.ok)).toHaveLength(5);
    for (const id of people) expect(directMessages(id)).toHaveLength(1);
  });
});

describe('one direct message per person per request that changed their line', () => {
  it('tells a person once about an update that changed several things, and their assistant too', async () => {
    await setupAccount();
    await phoneChange('numbers add +14155550100..+14155550101');
    await license([C1, C2]);
    await phoneChange(`delegate add ${mention(C1)} ${mention(C2)}`);
    await directMessage(C2, 'You are now an assistant');
    await directMessage(C1, 'can now answer your calls');

    const header = 'Email,Extension,Calling Plans,Phone Numbers';
    const { ts, reply } = await upload(
      'changes.csv',
      [header, 'colleague1@example.com,1500,US/CA Unlimited,+14155550100'].join('\n'),
      'update',
    );
    await press(reply, /^Import 1 user$/);
    await sb.slack.waitFor(() => botReplies(ts).find((m) => m.text.includes('imported')));
    const dm = await directMessage(C1, 'Your phone line changed');
    expect(dm).toContain(`Your phone line changed (by ${mention(ADMIN_ID)})`);
    expect(dm).toContain('Your extension changed from *1000* to *1500*');
    expect(dm).toContain('You now have the US/CA Unlimited calling plan');
    expect(dm).toContain('Your new direct number: *+14155550100*');
    await sb.app.notices.idle();
    // The license, the delegation and the update: three requests, three messages; none per field.
    expect(directMessages(C1)).toHaveLength(3);
    expect(directMessages(C2)).toHaveLength(2);
  });

  it('says a PIN an admin set was changed, never the PIN, and nothing for a change of their own', async () => {
    await setupAccount();
    await license([C1, C3]);
    await phoneChange(`set ${mention(C1)} pin=482915 language=fr-CA`);
    expect(await directMessage(C1, 'PIN')).toBe(
      `Your voicemail PIN was changed by ${mention(ADMIN_ID)}. Ask them for the new one, or choose your own with \`/phone settings\`.`,
    );
    // Their own change is confirmed where they typed it; no DM on top.
    const own = await phone(`set ${mention(C3)} pin=739164`, C3);
    expect(own.text).not.toContain('739164');
    await sb.app.notices.idle();
    expect(directMessages(C3)).toHaveLength(1);
    expect((await jobOutcomes()).at(-1)?.outcome).toBe('own_change');
    const everything = JSON.stringify([C1, C3].map((id) => directMessages(id)));
    expect(everything).not.toContain('482915');
    expect(everything).not.toContain('739164');
  });

  it('tells people whose license is removed, once, with their lost delegation in the same message', async () => {
    await setupAccount();
    await license([C1, C2]);
    await phoneChange(`delegate add ${mention(C1)} ${mention(C2)}`);
    await directMessage(C1, 'can now answer your calls');
    const prompt = await phone(`remove ${mention(C2)}`);
    expect(await clickOn(prompt, ACTIONS.removeConfirm)).toBe('Removed 1 phone license. Ended 1 delegation.');
    const removed = await directMessage(C2, 'license was removed');
    expect(removed).toContain(`You are no longer an assistant of ${mention(C1)}`);
    expect(await directMessage(C1, 'no longer answers your calls')).toBe(
      `${mention(C2)} no longer answers your calls as your assistant (changed by ${mention(ADMIN_ID)}).`,
    );
  });
});
