import { afterEach, describe, expect, it } from 'vitest';
import { id3Mp3 } from '../support/audio.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { csvUploads, importOf, uploadClaims } from '../support/uploads.ts';

/**
 * In a channel people share files with each other: the app handles a CSV only when its message addresses the app
 * (a mention of it, or text starting with `import` or `update`), and every CSV sent to its DM. Everything else is
 * not downloaded, not recorded and not answered; a non-admin's file is never answered in public.
 */
const sb = useSwitchboard();
const { setupAccount, license } = phoneCommands(sb);
const { upload, botReplies } = csvUploads(sb);
const db = () => sb.app.deps.db;
const MALLORY = 'UNOTADMIN1';
const ADD_FILE = 'Email,First Name,Last Name\nken@example.com,Ken,Thompson\n';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** Drops a CSV into a conversation as a person does, with `comment` as its message (none when undefined). */
const drop = (comment: string | undefined, user = ADMIN_ID, channel = CHANNEL) =>
  sb.slack.uploadFile({
    user,
    channel,
    filename: 'team.csv',
    content: ADD_FILE,
    mimetype: 'text/csv',
    ...(comment === undefined ? {} : { comment }),
  });

/** Whatever the app did with an upload: answers in its thread, ephemerals to the sender, a record, a download. */
async function traces(upload: { ts: string; fileId: string }, user: string, channel = CHANNEL) {
  return {
    replies: sb.slack.messages(channel).filter((m) => m.thread_ts === upload.ts && m.bot_id !== undefined),
    ephemerals: sb.slack.ephemerals(user, channel).length,
    imported: (await importOf(db(), upload.fileId)) ?? null,
    downloads: sb.slack.fileDownloads(upload.fileId),
    looked: sb.slack.apiCalls('files.info').filter((call) => call.args.file === upload.fileId).length,
  };
}

const untouched = { replies: [], ephemerals: 0, imported: null, downloads: 0, looked: 0 };

describe('a CSV in a channel', () => {
  it('is ignored, silently and without a download, when its message does not address the app', async () => {
    await setupAccount();
    const ignored = [
      await drop(undefined),
      await drop('here is the team list'),
      await drop('please import this'),
      await drop('importing the list tomorrow'),
      await drop(`<@${colleague(1)}> can you check this?`),
    ];
    // An addressed upload after them: once it is answered, the app has passed over the others.
    const addressed = await upload('team.csv', ADD_FILE, 'import');
    expect(addressed.text).toContain('1 to add');

    for (const file of ignored) expect(await traces(file, ADMIN_ID)).toEqual(untouched);
    expect(await uploadClaims(db())).toBe(1);
    expect(await importOf(db(), addressed.fileId)).toBeDefined();
  });

  /**
   * The preview in a file's thread. The app reads one file at a time: a file uploaded while the last one's turn is
   * still ending is first told that it waits, and its preview follows.
   */
  const previewText = (ts: string) =>
    sb.slack.waitFor(() =>
      botReplies(ts)
        .map(visibleText)
        .find((text) => / file · \d+ rows? · /.test(text)),
    );

  it('is handled when its message mentions the app, or starts with import or update', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const bot = sb.slack.botUserId;

    for (const comment of [`<@${bot}>`, `here you go <@${bot}> site:Main`, 'Import', 'import site:Main']) {
      const { ts } = await upload('team.csv', ADD_FILE, comment);
      expect(await previewText(ts), comment).toContain('add file · 1 row · 1 to add · 0 invalid');
    }
    const UPDATE = 'Email,Status\ncolleague1@example.com,inactive\n';
    for (const comment of ['update', 'Update site:"New York"', `<@${bot}> update`]) {
      const { ts } = await upload('edited.csv', UPDATE, comment);
      expect(await previewText(ts), comment).toContain('update file · 1 row · 1 to update');
    }
    expect(await uploadClaims(db())).toBe(7);
  });

  it('from a non-admin who addressed the app is refused to them alone, and never read', async () => {
    await setupAccount();
    const posted = sb.slack.messages(CHANNEL).length;
    const quiet = await drop('the list for Friday', MALLORY);
    const addressed = await drop('import', MALLORY);
    const refusal = await sb.slack.waitFor(() => sb.slack.ephemerals(MALLORY, CHANNEL)[0]);

    expect(visibleText(refusal)).toContain('Only phone admins can use `/phone import`');
    expect(visibleText(refusal)).toContain('This file was not read.');
    expect(await traces(addressed, MALLORY)).toEqual({ ...untouched, ephemerals: 1 });
    expect(await traces(quiet, MALLORY)).toEqual({ ...untouched, ephemerals: 1 });
    expect(
      sb.slack
        .messages(CHANNEL)
        .slice(posted)
        .filter((m) => m.bot_id !== undefined),
    ).toEqual([]);
  });
});

describe('a CSV in the app’s DM', () => {
  it('is handled with or without a message', async () => {
    await setupAccount();
    const dm = sb.slack.dmChannel(ADMIN_ID);
    for (const comment of [undefined, 'the new hires']) {
      const sent = await drop(comment, ADMIN_ID, dm);
      const preview = await sb.slack.waitFor(() =>
        sb.slack.messages(dm).find((m) => m.thread_ts === sent.ts && m.bot_id !== undefined),
      );
      expect(visibleText(preview)).toContain('add file · 1 row · 1 to add · 0 invalid');
    }
    expect(await uploadClaims(db())).toBe(2);
  });

  it('from a non-admin is refused there, where only they read it', async () => {
    const dm = sb.slack.dmChannel(MALLORY);
    const sent = await drop(undefined, MALLORY, dm);
    const refusal = await sb.slack.waitFor(() =>
      sb.slack.messages(dm).find((m) => m.thread_ts === sent.ts && m.bot_id !== undefined),
    );
    expect(visibleText(refusal)).toContain('Only phone admins');
    expect(sb.slack.fileDownloads(sent.fileId)).toBe(0);
    expect(await importOf(db(), sent.fileId)).toBeUndefined();
  });
});

describe('audio in a channel', () => {
  it('is left alone without an instruction, and explained only to the sender when the app is mentioned', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const send = (comment: string) =>
      sb.slack.uploadFile({
        user: colleague(1),
        channel: CHANNEL,
        filename: 'Hello.mp3',
        content: id3Mp3(),
        comment,
      });
    const ignored = await send('recording of the all-hands');
    const mentioned = await send(`<@${sb.slack.botUserId}>`);
    const help = await sb.slack.waitFor(() => sb.slack.ephemerals(colleague(1), CHANNEL)[0]);
    expect(visibleText(help)).toContain('This file came without a word about what it is for.');
    expect(sb.slack.ephemerals(colleague(1), CHANNEL)).toHaveLength(1);
    for (const file of [ignored, mentioned]) {
      expect(sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === file.ts)).toEqual([]);
      expect(sb.slack.fileDownloads(file.fileId)).toBe(0);
    }
  });

  it('for someone else from a non-admin is refused to the sender alone', async () => {
    await setupAccount();
    await license([colleague(1), MALLORY]);
    const sent = await sb.slack.uploadFile({
      user: MALLORY,
      channel: CHANNEL,
      filename: 'Hello.mp3',
      content: id3Mp3(),
      comment: `greeting for <@${colleague(1)}>`,
    });
    const refusal = await sb.slack.waitFor(() => sb.slack.ephemerals(MALLORY, CHANNEL)[0]);
    expect(visibleText(refusal)).toContain('Only phone admins can add audio to someone else’s library');
    expect(sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === sent.ts)).toEqual([]);
  });
});
