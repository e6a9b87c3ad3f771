import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { directoryUsers, imports, phoneUserSettings, phoneUsers } from '../../db/schema/index.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { importUndo } from '../support/undo.ts';
import { buttonOf, csvUploads, uploadClaims, waitForDb } from '../support/uploads.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { botReplies, upload, press, attachedFile, previewRecorded, exportFile } = csvUploads(sb);
const { askUndo, confirmUndo } = importUndo(sb);
const MALLORY = 'UNOTADMIN1';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

describe('CSV import through Slack', () => {
  it('posts the sample files, which import cleanly', async () => {
    await setupAccount();
    const explained = await phoneReply('import');
    expect(explained).toContain('Add phone users from a CSV file');
    const sample = await sb.slack.waitFor(() => sb.slack.messages(CHANNEL).find((m) => m.files?.length));
    const file = attachedFile(sample);
    expect(file.name).toBe('phone-users-add-sample.csv');
    expect(file.text.split('\r\n')[0]).toMatch(/^Email,First Name,Last Name,Site,Extension,Calling Plans/);

    const { reply } = await upload('sample.csv', file.text);
    expect(visibleText(reply)).toContain('2 rows · 2 to add · 0 invalid');
    await press(reply, /^Import 2 users$/);
    const summary = await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *sample.csv*')),
    );
    expect(visibleText(summary)).toContain('2 created, 0 updated, 0 unchanged, 0 skipped');
  });

  it('previews a file with a bad row, attaches the errors file, imports the others, and undoes it', async () => {
    await setupAccount();
    const text = [
      'Email,First Name,Last Name,Extension',
      'ken@example.com,Ken,Thompson,',
      'dennis@example.com,Dennis,Ritchie,911',
      'barbara@example.com,Barbara,Liskov,1200',
    ].join('\n');
    const { ts, reply } = await upload('team.csv', text);
    const preview = visibleText(reply);
    expect(preview).toContain('3 rows · 2 to add · 1 invalid');
    expect(preview).toContain('Line 3, Extension: Extension `911` is reserved');
    expect(buttonOf(reply, /^Import/)).toBeUndefined();

    const errors = await sb.slack.waitFor(() => botReplies(ts).find((m) => m.files?.length));
    const file = attachedFile(errors);
    expect(file.name).toBe('team-errors.csv');
    expect(file.text.split('\r\n')[1]).toMatch(
      /^dennis@example.com,Dennis,Ritchie,,911,.*,"?Line 3, Extension: Extension 911 is reserved/,
    );

    await press(reply, /^Ignore issues and import 2 others$/);
    const summary = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('imported *team.csv*')),
    );
    expect(visibleText(summary)).toContain('2 created, 0 updated, 0 unchanged, 1 skipped');
    expect(await phoneReply('show ken@example.com')).toContain('Ken Thompson');

    // The preview lost its buttons; a second click on it does nothing more.
    const closed = sb.slack.messages(CHANNEL).find((m) => m.ts === reply.ts);
    expect(closed && buttonOf(closed, /Import/)).toBeUndefined();

    const prompt = await askUndo(summary);
    expect(visibleText(prompt)).toContain(
      'Undo the import of *team.csv*? This removes 2 phone users it created (their licenses, extensions, plans and numbers go back to the account) and restores 0 updated phone users',
    );
    expect(await confirmUndo(prompt)).toBe('Undone: removed 2 phone users and restored 0.');
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('undid the import of *team.csv*')),
    );
    expect(await phoneReply('show ken@example.com')).not.toContain('Extension');
    expect(await phoneReply('imports')).toMatch(/team\.csv.*add.*undone/);
  });

  it('undoes an import but leaves, by name, the new users a queue, an operator role or a delegation now needs', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const text = [
      'Email,First Name,Last Name,Extension',
      'ken@example.com,Ken,Thompson,1200',
      'barbara@example.com,Barbara,Liskov,1201',
      'dennis@example.com,Dennis,Ritchie,1202',
      'linus@example.com,Linus,Torvalds,1203',
    ].join('\n');
    const { ts, reply } = await upload('team.csv', text);
    await press(reply, /^Import 4 users$/);
    const summary = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('imported *team.csv*')),
    );
    await phoneChange('receptionist add "Main Line" 2100 operator:ken@example.com');
    await phoneChange('queue add Sales 2000');
    await phoneChange('queue member add Sales barbara@example.com');
    await phoneChange(`delegate add <@${colleague(1)}> dennis@example.com`);

    const prompt = await askUndo(summary);
    expect(visibleText(prompt)).toContain(
      'This removes 1 phone user it created (their licenses, extensions, plans and numbers go back to the account) and restores 0 updated phone users',
    );
    expect(visibleText(prompt)).toContain(
      'Left as they are, because something now depends on them: ken@example.com (operator of *Main Line*)',
    );
    await confirmUndo(prompt);
    const undone = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((t) => t.includes('undid the import of *team.csv*')),
    );
    expect(undone).toContain('undid the import of *team.csv*: removed 1 phone user and restored 0.');
    expect(undone).toContain(
      `Left as they are, because something now depends on them: ken@example.com (operator of *Main Line*), barbara@example.com (member of queue *Sales*), dennis@example.com (answering the calls of <@${colleague(1)}>). If they should go, \`/phone remove\` them: it names what that ends.`,
    );
    expect(undone).not.toContain('someone changed them since');

    for (const email of ['ken', 'barbara', 'dennis']) {
      expect(await phoneReply(`show ${email}@example.com`)).toContain('Extension');
    }
    expect(await phoneReply('show linus@example.com')).not.toContain('Extension');
    expect(await phoneReply('receptionists')).toMatch(/Main Line.*operator Ken Thompson/);
    expect(await phoneReply('queues')).toContain('Barbara Liskov');
  });

  it('answers one upload once, however Slack delivers it', async () => {
    await setupAccount();
    const { ts, fileId, reply, deliveries } = await upload(
      'one.csv',
      'Email,First Name,Last Name\nken@example.com,Ken,Thompson\n',
    );
    // Slack sends a file_share message and a file_shared event; only the message is read, and claimed once.
    expect(deliveries.map((d) => d.ack.status)).toEqual([200, 200]);
    await waitForDb(async () => (await uploadClaims(sb.app.deps.db)) === 1, 'the message to be claimed');
    await previewRecorded(fileId, reply);
    expect(botReplies(ts)).toHaveLength(1);
  });

  it('imports on a click that comes between the preview being posted and being recorded', async () => {
    await setupAccount();
    const { ts, fileId, reply } = await upload(
      'quick.csv',
      'Email,First Name,Last Name\nken@example.com,Ken,Thompson\n',
    );
    const recorded = await previewRecorded(fileId, reply);
    // As it is for a moment after the preview is posted: its buttons are on screen, its reading not yet over.
    await sb.app.deps.db.update(imports).set({ status: 'reading' }).where(eq(imports.id, recorded.id));
    await press(reply, /^Import 1 user$/);
    await sleep(500);
    expect(botReplies(ts).some((m) => visibleText(m).includes('imported'))).toBe(false);
    await sb.app.deps.db.update(imports).set({ status: 'previewed' }).where(eq(imports.id, recorded.id));
    const summary = await sb.slack.waitFor(() =>
      botReplies(ts).find((m) => visibleText(m).includes('imported')),
    );
    expect(visibleText(summary)).toContain('1 created');
    expect(sb.slack.ephemerals(ADMIN_ID, CHANNEL)).toEqual([]);
  });

  it('refuses a non-admin upload without reading it, and bad files with one clear line', async () => {
    await setupAccount();
    // The refusal is for the sender alone, and the file is never read.
    const refused = await sb.slack.uploadFile({
      user: MALLORY,
      channel: CHANNEL,
      filename: 'x.csv',
      content: 'Email\nken@example.com\n',
      mimetype: 'text/csv',
      comment: 'import',
    });
    const note = await sb.slack.waitFor(() => sb.slack.ephemerals(MALLORY, CHANNEL)[0]);
    expect(note.text).toContain('Only phone admins');
    expect(botReplies(refused.ts)).toEqual([]);
    expect(sb.slack.apiCalls('files.info')).toHaveLength(0);
    expect(sb.slack.fileDownloads(refused.fileId)).toBe(0);

    const utf16 = Buffer.from('\ufeffEmail\r\nken@example.com\r\n', 'utf16le');
    expect((await upload('u16.csv', utf16)).text).toContain('save it as "CSV UTF-8"');
    expect((await upload('empty.csv', ' ')).text).toContain('This file is empty');
    expect((await upload('noemail.csv', 'Name\nKen\n')).text).toContain('no Email column');
  });

  it("copies only the basic settings to imported people, by column or by copy:, never the source's own line", async () => {
    await setupAccount();
    const ada = colleague(1);
    await license([ada], 'plan:200');
    await phoneChange(`set <@${ada}> language=fr-CA area-code=212 unanswered=disconnect pin=4444`);
    await phoneChange(`forward add <@${ada}> +14155550177 Mobile`);
    await phoneChange(`set <@${ada}> closed=forward`);
    await phoneChange(`phone add <@${ada}> 00:1A:2B:3C:4D:5E T54W`);
    await phoneChange(`block add <@${ada}> +19005550100`);
    const byColumn = await upload(
      'copy.csv',
      ['Email,First Name,Last Name,Copy Settings From', 'ken@example.com,Ken,Thompson,1000'].join('\n'),
    );
    await press(byColumn.reply, /^Import 1 user$/);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *copy.csv*')),
    );
    const byMessage = await upload(
      'copy2.csv',
      ['Email,First Name,Last Name', 'barbara@example.com,Barbara,Liskov'].join('\n'),
      'import copy:colleague1@example.com',
    );
    await press(byMessage.reply, /^Import 1 user$/);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *copy2.csv*')),
    );
    for (const email of ['ken@example.com', 'barbara@example.com']) {
      const [row] = await sb.app.deps.db
        .select({ settings: phoneUserSettings })
        .from(phoneUserSettings)
        .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
        .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
        .where(eq(directoryUsers.email, email));
      expect(row?.settings).toMatchObject({
        language: 'fr-CA',
        areaCode: '212',
        unanswered: { action: 'disconnect' },
        // Ada's closed hours forward to her own numbers; the new line has none, so it keeps voicemail.
        closedHours: { action: 'voicemail', greetingId: null },
        forwardNumbers: [],
        routes: [{ kind: 'apps', enabled: true, ringSeconds: 20 }],
        voicemailPin: '000000',
      });
      const card = await phoneReply(`show ${email}`);
      expect(card).not.toContain('+14155550177');
      expect(card).not.toContain('001A2B3C4D5E');
      expect(await phoneReply(`blocked ${email}`)).not.toContain('+19005550100');
    }
  });

  it('refuses an update row that takes the last calling plan of someone forwarding outside the account', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)], 'plan:200');
    await phoneChange(`forward add <@${colleague(1)}> +14155550177 Mobile`);
    const text = ['Email,Calling Plans', 'colleague1@example.com,-', 'colleague2@example.com,-'].join('\n');
    const { reply } = await upload('plans.csv', text, 'update');
    const preview = visibleText(reply);
    expect(preview).toContain('1 to update');
    expect(preview).toContain('1 invalid');
    expect(preview).toContain(
      `Line 2, Calling Plans: <@${colleague(1)}> forwards calls to \`+14155550177\`, outside the account: an outbound call, which needs a calling plan, so their last plan stays.`,
    );
    await press(reply, /^Ignore issues and import 1 other$/);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *plans.csv*')),
    );
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('*Calling plans*\nUS/CA Unlimited');
    expect(await phoneReply(`show <@${colleague(2)}>`)).toContain('*Calling plans*\nNone');
  });

  it('exports, and an untouched export imported as an update changes nothing', async () => {
    await setupAccount();
    await license([colleague(1), colleague(2)]);
    const file = await exportFile();
    expect(file.name).toMatch(/^phone-users-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text.trimEnd().split('\r\n')).toHaveLength(3);

    const { reply } = await upload(file.name, file.text, 'update');
    expect(visibleText(reply)).toContain('update file · 2 rows · 0 to update · 2 unchanged · 0 invalid');
    expect(visibleText(reply)).toContain('0 changes');

    const edited = file.text.replace(/,active,/, ',inactive,');
    const second = await upload('edited.csv', edited, 'update');
    expect(visibleText(second.reply)).toContain('1 to update');
    expect(visibleText(second.reply)).toContain(
      'Line 2 Colleague 1 Smith (colleague1@example.com): status `active` → `inactive`',
    );
    await press(second.reply, /^Import 1 user$/);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *edited.csv*')),
    );
    expect(await phoneReply(`show <@${colleague(1)}>`)).toMatch(/inactive/i);
  });
});
