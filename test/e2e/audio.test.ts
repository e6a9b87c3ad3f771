import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  audioFiles,
  auditLog,
  directoryUsers,
  phoneUserSettings,
  phoneUsers,
} from '../../db/schema/index.ts';
import { bigMp3, id3Mp3, textFile, wavFile } from '../support/audio.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { accountState, deniedAttempts, mention, phoneCommands, unreadableMarkup } from '../support/phone.ts';

const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, ownChange, setupAccount, license } = phoneCommands(sb);

const MALLORY = 'UNOTADMIN1';
const C1 = colleague(1);
const by = mention(ADMIN_ID);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(unreadableMarkup(sb, [ADMIN_ID, MALLORY, C1])).toEqual([]);
});

/**
 * A person drops a file into a conversation with the app (Slack sends the file_share message and the
 * file_shared event), then waits for the app's answer in the file's thread. Returns what it says.
 */
async function sendAudio(user: string, channel: string, filename: string, content: Buffer, comment?: string) {
  const { ts } = await sb.slack.uploadFile({
    user,
    channel,
    filename,
    content,
    ...(comment === undefined ? {} : { comment }),
  });
  const reply = await sb.slack.waitFor(() =>
    sb.slack.messages(channel).find((m) => m.thread_ts === ts && m.bot_id !== undefined),
  );
  return { ts, text: visibleText(reply) };
}

const dm = (user: string) => sb.slack.dmChannel(user);

const storedAudio = () =>
  sb.app.deps.db
    .select({
      name: audioFiles.name,
      format: audioFiles.format,
      bytes: audioFiles.bytes,
      owner: directoryUsers.slackUserId,
    })
    .from(audioFiles)
    .innerJoin(phoneUsers, eq(phoneUsers.id, audioFiles.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .orderBy(asc(audioFiles.id));

async function settingsOf(slackUserId: string) {
  const [row] = await sb.app.deps.db
    .select({ settings: phoneUserSettings })
    .from(phoneUserSettings)
    .innerJoin(phoneUsers, eq(phoneUsers.id, phoneUserSettings.phoneUserId))
    .innerJoin(directoryUsers, eq(directoryUsers.id, phoneUsers.directoryUserId))
    .where(eq(directoryUsers.slackUserId, slackUserId));
  if (!row) throw new Error(`${slackUserId} is not a phone user`);
  return row.settings;
}

const audited = (action: string) =>
  sb.app.deps.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));

/** Everything a refused upload or command could change. */
async function snapshot() {
  return {
    account: await accountState(sb.app.deps.db),
    audio: await storedAudio(),
    settings: await sb.app.deps.db.select().from(phoneUserSettings).orderBy(phoneUserSettings.phoneUserId),
  };
}

describe('uploading audio through Slack', () => {
  it('stores a greeting sent to the app’s DM once, sets it, and answers in the file’s thread', async () => {
    await setupAccount();
    await license([C1]);

    const { ts, text } = await sendAudio(C1, dm(C1), 'Welcome.mp3', id3Mp3(), 'greeting');

    expect(text).toBe(
      'Stored `Welcome` (MP3, 1 KB) in your audio library and set it as your voicemail greeting (for closed hours too).',
    );
    const stored = await storedAudio();
    expect(stored).toEqual([{ name: 'Welcome', format: 'mp3', bytes: id3Mp3().length, owner: C1 }]);
    const settings = await settingsOf(C1);
    expect(settings.unanswered).toMatchObject({ action: 'voicemail', greetingId: expect.any(Number) });
    expect(await audited('audio.uploaded')).toHaveLength(1);
    expect(sb.slack.messages(dm(C1)).filter((m) => m.thread_ts === ts)).toHaveLength(1);

    const listing = await phoneReply(`audio <@${C1}>`, C1);
    expect(listing).toContain(`*Audio library of ${mention(C1)}*: 1 file, 1 KB`);
    expect(listing).toContain(
      '• `Welcome` · MP3 · 1 KB · voicemail greeting, closed-hours voicemail greeting',
    );
  });

  it('stores hold music an admin sends for someone in a channel where the app is', async () => {
    await setupAccount();
    await license([C1]);

    const { text } = await sendAudio(
      ADMIN_ID,
      CHANNEL,
      'Jazz loop.wav',
      wavFile(),
      `<@${sb.slack.botUserId}> hold music for <@${C1}>`,
    );

    expect(text).toBe(
      `Stored \`Jazz loop\` (WAV, 2 KB) in the audio library of ${mention(C1)} and set it as their hold music.`,
    );
    expect((await settingsOf(C1)).holdMusic).toMatchObject({ kind: 'audio' });
    expect((await storedAudio()).map((a) => a.owner)).toEqual([C1]);
  });

  it('sets a closed-hours message', async () => {
    await setupAccount();
    await license([C1]);
    const { text } = await sendAudio(C1, dm(C1), 'After hours.wav', wavFile(), 'message');
    expect(text).toContain('set it as your closed-hours message');
    expect((await settingsOf(C1)).closedHours).toMatchObject({
      action: 'message',
      audioId: expect.any(Number),
    });
  });

  it('refuses a non-audio file named .mp3 and stores nothing', async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();

    const { text } = await sendAudio(C1, dm(C1), 'notes.mp3', textFile(), 'greeting');

    expect(text).toBe(
      ':warning: The file `notes.mp3` is not WAV or MP3 audio: it looks like text. Its content counts, not its name: export the recording as WAV or MP3 and send that file.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an 11 MB file with its size and the limit, and stores nothing', async () => {
    await setupAccount();
    await license([C1]);
    const before = await snapshot();

    const { text } = await sendAudio(C1, dm(C1), 'Long greeting.mp3', bigMp3(11), 'greeting');

    expect(text).toContain(
      ':warning: The file `Long greeting.mp3` is 11 MB; an audio file may be at most 10 MB.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a non-admin who sends audio for someone else, audits the attempt and stores nothing', async () => {
    await setupAccount();
    await license([C1, MALLORY]);
    const before = await snapshot();

    const { text } = await sendAudio(MALLORY, dm(MALLORY), 'Welcome.mp3', id3Mp3(), `greeting for <@${C1}>`);

    expect(text).toBe(
      ':warning: Only phone admins can add audio to someone else’s library. Send the file again without `for …` to put it in your own.',
    );
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([{ actor: MALLORY, command: 'upload greeting' }]);
  });

  it('tells someone without a phone line that there is nothing to play their greeting on', async () => {
    const { text } = await sendAudio(MALLORY, dm(MALLORY), 'Welcome.mp3', id3Mp3(), 'greeting');
    expect(text).toBe(
      `:warning: You have no phone line yet, so there is nothing to play this on. Ask ${mention(ADMIN_ID)} for a phone license.`,
    );
    expect(await storedAudio()).toEqual([]);
  });

  it('explains an audio file sent to the DM without an instruction, and leaves other files in channels alone', async () => {
    await setupAccount();
    await license([C1]);

    const { text } = await sendAudio(C1, dm(C1), 'Welcome.mp3', id3Mp3());
    expect(text).toContain('This file came without a word about what it is for.');

    const minutes = await sb.slack.uploadFile({
      user: ADMIN_ID,
      channel: CHANNEL,
      filename: 'minutes.txt',
      content: 'minutes',
      comment: 'here is the message from the meeting',
    });
    // The next upload's answer comes after the app has passed over the first one.
    await sendAudio(ADMIN_ID, CHANNEL, 'Jazz.wav', wavFile(), `hold music for <@${C1}>`);
    expect(sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === minutes.ts)).toEqual([]);
    expect(await storedAudio()).toHaveLength(1);
  });
});

describe('/phone audio, greeting and hold-music', () => {
  async function withGreeting() {
    await setupAccount();
    await license([C1, MALLORY]);
    await sendAudio(C1, dm(C1), 'Welcome.mp3', id3Mp3(), 'hold music');
  }

  it('chooses a greeting from the library and back to the default', async () => {
    await withGreeting();
    expect(await phoneChange(`greeting <@${C1}> welcome`)).toBe(
      `${by} set the voicemail greeting (for closed hours too) of ${mention(C1)} to \`Welcome\` (MP3, 1 KB).`,
    );
    expect(await phoneChange(`greeting <@${C1}> default`)).toBe(
      `${by} set the voicemail greeting (for closed hours too) of ${mention(C1)} to the default greeting.`,
    );
    expect(await phoneReply(`greeting <@${C1}> default`)).toBe(
      `The voicemail greeting of ${mention(C1)} is already the default greeting; nothing changed.`,
    );
  });

  it('turns hold music off, and back to the default', async () => {
    await withGreeting();
    expect(await phoneChange(`hold-music <@${C1}> none`)).toBe(
      `${by} set the hold music of ${mention(C1)} to none (callers on hold hear silence).`,
    );
    expect((await settingsOf(C1)).holdMusic).toEqual({ kind: 'none' });
    expect(await phoneChange(`hold-music <@${C1}> default`)).toBe(
      `${by} set the hold music of ${mention(C1)} to the default music.`,
    );
  });

  it('refuses bad input, naming what to type, and changes nothing', async () => {
    await withGreeting();
    const before = await snapshot();
    expect(await phoneReply(`greeting <@${C1}> Nope`)).toBe(
      `:warning: ${mention(C1)} has no audio called \`Nope\`. Their library: \`Welcome\`. Add one by sending a WAV or MP3 file to Switchboard in a direct message with the word \`greeting\`, \`hold music\` or \`message\`.`,
    );
    expect(await phoneReply(`hold-music <@${C1}>`)).toContain(
      '`hold-music` needs a user and then `default`, `none` or the name of an audio file',
    );
    expect(await phoneReply(`greeting <@${C1}> none`)).toContain('Voicemail always plays a greeting');
    expect(await phoneReply(`greeting <#${CHANNEL}|phone-admins> default`)).toContain(
      `<#${CHANNEL}> is a channel, not a person.`,
    );
    expect(await phoneReply(`audio remove <@${C1}>`)).toContain(
      '`audio remove` needs a user and the name of an audio file',
    );
    expect(await phoneReply(`audio <@${colleague(2)}>`)).toContain('is not a phone user');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to remove a file that still plays, saying where, and removes it once it does not', async () => {
    await withGreeting();
    expect(await phoneReply(`audio remove <@${C1}> Welcome`)).toBe(
      `:warning: \`Welcome\` is still in use as the hold music of ${mention(C1)}, so it was not removed. Choose something else there first (e.g. \`/phone greeting &lt;user&gt; default\` or \`/phone hold-music &lt;user&gt; default\`), then remove it.`,
    );
    expect(await storedAudio()).toHaveLength(1);

    await phoneChange(`hold-music <@${C1}> default`);
    expect(await phoneChange(`audio remove <@${C1}> Welcome`)).toBe(
      `${by} removed \`Welcome\` (MP3, 1 KB) from the audio library of ${mention(C1)}.`,
    );
    expect(await storedAudio()).toEqual([]);
    expect(await audited('audio.removed')).toHaveLength(1);
    expect(await phoneReply(`audio <@${C1}>`)).toContain(`${mention(C1)} has no audio files yet`);
  });

  it('lets a phone user manage their own audio, refuses someone else’s, and audits the refusals', async () => {
    await withGreeting();
    await sendAudio(MALLORY, dm(MALLORY), 'Mine.wav', wavFile(), 'hold music');
    const before = await snapshot();

    for (const text of [
      `audio <@${C1}>`,
      `hold-music <@${C1}> none`,
      `greeting <@${C1}> Welcome`,
      `audio remove <@${C1}> Welcome`,
    ]) {
      expect(await phoneReply(text, MALLORY)).toMatch(/^:warning: Only phone admins can use/);
    }
    expect(await snapshot()).toEqual(before);
    expect(await deniedAttempts(sb.app.deps.db)).toEqual([
      { actor: MALLORY, command: 'audio' },
      { actor: MALLORY, command: 'hold-music' },
      { actor: MALLORY, command: 'greeting' },
      { actor: MALLORY, command: 'audio remove' },
    ]);

    expect(await ownChange(`greeting <@${MALLORY}> Mine`, MALLORY)).toContain(
      `set the voicemail greeting (for closed hours too) of ${mention(MALLORY)} to \`Mine\``,
    );
    expect((await phone(`audio <@${MALLORY}>`, MALLORY)).text).toContain('`Mine` · WAV · 2 KB');
  });
});
