import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { audioFiles } from '../../../db/schema/index.ts';
import type { Message } from '../../../src/local/index.ts';
import { fileShareEvent, receiveFileShare } from '../../../src/slack/events/audio-upload.ts';
import type { PhoneUserCard } from '../../../src/store/phone-users.ts';
import { id3Mp3, textFile } from '../../support/audio.ts';
import { useTestDatabase } from '../../support/database.ts';
import { visibleText } from '../../support/e2e.ts';
import { auditRows, licensedPeople } from '../../support/fixtures.ts';
import { makeDeps, prepareAccount } from '../../support/services.ts';
import { BOT_TOKEN, type Harness, memoryLogger, startHarness } from '../../unit/local/harness.ts';

const database = useTestDatabase();

/**
 * The upload flow itself, awaited to the end: a retry from Slack must be silent when its work was already done,
 * which an end-to-end test could only show by waiting for something not to happen.
 */
describe('receiving an audio file', () => {
  let h: Harness;
  let deps: ReturnType<typeof makeDeps>;
  let bob: PhoneUserCard;
  let dm: string;

  beforeEach(async () => {
    h = await startHarness();
    deps = makeDeps(database.db);
    await prepareAccount(database.db);
    [bob] = (await licensedPeople(deps, 1)) as [PhoneUserCard];
    h.fake.addUser({ id: bob.slackUserId ?? '', name: 'bob', realName: 'Person 1', email: bob.email });
    dm = h.fake.dmChannel(bob.slackUserId ?? '');
  });
  afterEach(() => h.stop());

  /** A person sends a file to the app's DM; returns the file_share event Slack delivered for it. */
  async function send(filename: string, content: Buffer, comment: string) {
    const { ts } = await h.fake.uploadFile({
      user: bob.slackUserId ?? '',
      channel: dm,
      filename,
      content,
      comment,
    });
    const message = h.fake.messages(dm).find((m) => m.ts === ts) as Message;
    return fileShareEvent.parse({
      type: 'message',
      subtype: 'file_share',
      user: message.user,
      channel: dm,
      channel_type: 'im',
      ts,
      text: message.text,
      files: message.files,
    });
  }

  const deliver = (event: ReturnType<typeof fileShareEvent.parse>, retryNum: number) =>
    receiveFileShare(event, {
      deps,
      client: h.client,
      botToken: BOT_TOKEN,
      botUserId: h.fake.botUserId,
      retryNum,
      logger: memoryLogger(),
    });

  const repliesTo = (ts: string) =>
    h.fake
      .messages(dm)
      .filter((m) => m.thread_ts === ts && m.bot_id !== undefined)
      .map(visibleText);

  it('answers a retry of an upload already stored with silence, and changes nothing', async () => {
    const event = await send('Welcome.mp3', id3Mp3(), 'greeting');
    await deliver(event, 0);
    expect(repliesTo(event.ts)).toEqual([
      expect.stringContaining(
        'Stored `Welcome` (MP3, 1 KB) in your audio library and set it as your voicemail greeting',
      ),
    ]);
    const audit = (await auditRows(database.db)).length;

    await deliver(event, 1);
    await deliver(event, 2);

    expect(repliesTo(event.ts)).toHaveLength(1);
    expect(await database.db.select({ id: audioFiles.id }).from(audioFiles)).toHaveLength(1);
    expect(await auditRows(database.db)).toHaveLength(audit);
  });

  it('does the work of a retry whose first delivery never ran', async () => {
    const event = await send('Welcome.mp3', id3Mp3(), 'hold music');
    await deliver(event, 1);
    expect(repliesTo(event.ts)).toEqual([expect.stringContaining('set it as your hold music')]);
  });

  it('answers a retry of a refused upload with silence', async () => {
    const event = await send('notes.mp3', textFile(), 'greeting');
    await deliver(event, 0);
    await deliver(event, 1);
    expect(repliesTo(event.ts)).toEqual([
      expect.stringContaining('is not WAV or MP3 audio: it looks like text'),
    ]);
  });

  it('asks files.info for the download link when the event leaves it out', async () => {
    const event = await send('Welcome.mp3', id3Mp3(), 'greeting');
    const bare = { ...event, files: event.files?.map(({ id }) => ({ id })) };
    await deliver(bare, 0);
    expect(h.fake.apiCalls('files.info')).toHaveLength(1);
    expect(repliesTo(event.ts)).toEqual([expect.stringContaining('Stored `Welcome` (MP3, 1 KB)')]);
  });

  it('tells a person who sends the same file again that nothing changed', async () => {
    const first = await send('Welcome.mp3', id3Mp3(), 'greeting');
    await deliver(first, 0);
    const second = await send('Welcome.mp3', id3Mp3(), 'greeting');
    await deliver(second, 0);
    expect(repliesTo(second.ts)).toEqual([
      expect.stringContaining(
        'is already in your audio library with exactly this content, and it is already your voicemail greeting',
      ),
    ]);
  });
});
