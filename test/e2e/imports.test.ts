import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { buttonOf, csvUploads, uploadClaims, waitForDb } from '../support/uploads.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { botReplies, upload, press, attachedFile, previewRecorded, exportFile } = csvUploads(sb);
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

    await press(summary, /^Undo import$/);
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

    await press(summary, /^Undo import$/);
    const undone = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .map(visibleText)
        .find((t) => t.includes('undid the import of *team.csv*')),
    );
    expect(undone).toContain('undid the import of *team.csv*: 1 user restored.');
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

  it('refuses a non-admin upload without reading it, and bad files with one clear line', async () => {
    await setupAccount();
    const refused = await upload('x.csv', 'Email\nken@example.com\n', undefined, MALLORY);
    expect(refused.text).toContain('Only phone admins');
    expect(sb.slack.apiCalls('files.info')).toHaveLength(0);

    const utf16 = Buffer.from('\ufeffEmail\r\nken@example.com\r\n', 'utf16le');
    expect((await upload('u16.csv', utf16)).text).toContain('save it as "CSV UTF-8"');
    expect((await upload('empty.csv', ' ')).text).toContain('This file is empty');
    expect((await upload('noemail.csv', 'Name\nKen\n')).text).toContain('no Email column');
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
    expect(visibleText(second.reply)).toMatch(/Line 2 colleague1@example\.com: status/);
    await press(second.reply, /^Import 1 user$/);
    await sb.slack.waitFor(() =>
      sb.slack.messages(CHANNEL).find((m) => visibleText(m).includes('imported *edited.csv*')),
    );
    expect(await phoneReply(`show <@${colleague(1)}>`)).toMatch(/inactive/i);
  });
});
