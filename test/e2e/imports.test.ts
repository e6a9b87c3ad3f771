import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/local/index.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';

const sb = useSwitchboard();
const { phoneReply, setupAccount, license } = phoneCommands(sb);
const MALLORY = 'UNOTADMIN1';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

const botReplies = (ts: string) =>
  sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === ts && m.bot_id !== undefined);

/** Uploads a CSV as a person does, and waits for the app's first answer in the file's thread. */
async function upload(filename: string, text: string | Buffer, comment?: string, user = ADMIN_ID) {
  const content = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const { ts } = await sb.slack.uploadFile({
    user,
    channel: CHANNEL,
    filename,
    content,
    mimetype: 'text/csv',
    ...(comment === undefined ? {} : { comment }),
  });
  const reply = await sb.slack.waitFor(() => botReplies(ts)[0]);
  return { ts, reply, text: visibleText(reply) };
}

function buttonOf(message: Message, label: RegExp) {
  for (const block of (message.blocks ?? []) as { type: string; elements?: unknown[] }[]) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements as { text: { text: string }; action_id: string; value: string }[]) {
      if (label.test(element.text.text)) return element;
    }
  }
  return undefined;
}

async function press(message: Message, label: RegExp, user = ADMIN_ID) {
  const button = buttonOf(message, label);
  if (!button) throw new Error(`no button ${label} on: ${visibleText(message)}`);
  const ack = await sb.slack.click({
    user,
    actionId: button.action_id,
    value: button.value,
    message: { channel: CHANNEL, ts: message.ts },
  });
  expect(ack.status).toBe(200);
}

/** The file the app attached to a message in the channel, as text. */
function attachedFile(message: Message): { name: string; text: string } {
  const [file] = (message.files ?? []) as { id: string; name: string }[];
  if (!file) throw new Error(`no file on: ${message.text}`);
  return { name: file.name, text: sb.slack.fileContent(file.id)?.toString('utf8') ?? '' };
}

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

  it('answers one upload once, however Slack delivers it', async () => {
    await setupAccount();
    const { ts } = await upload('one.csv', 'Email,First Name,Last Name\nken@example.com,Ken,Thompson\n');
    // The stand-in delivers a message event and a file_shared event; a retry of the message comes too.
    await new Promise((resolve) => setTimeout(resolve, 300));
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
    const before = sb.slack.messages(CHANNEL).length;
    await phoneReply('export');
    const exported = await sb.slack.waitFor(() =>
      sb.slack
        .messages(CHANNEL)
        .slice(before)
        .find((m) => m.files?.length),
    );
    const file = attachedFile(exported);
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
