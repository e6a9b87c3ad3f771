import { afterEach, describe, expect, it } from 'vitest';
import { id3Mp3 } from '../support/audio.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { mention, phoneCommands } from '../support/phone.ts';
import { csvUploads } from '../support/uploads.ts';

/**
 * Private things stay private: an export holds every email, number and address and goes to the requester's DM
 * alone; a phone user's change to their own line is confirmed to them alone; an admin's change is posted where the
 * admin typed it, a PIN only ever said to have changed.
 */
const sb = useSwitchboard();
const { phone, phoneReply, phoneChange, ownChange, setupAccount, license, directMessage } = phoneCommands(sb);
const { attachedFile } = csvUploads(sb);
const C1 = colleague(1);
const C2 = colleague(2);
const MOBILE = '+14155550123';

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** The app's posts in a conversation after the first `from`. */
const postedSince = (channel: string, from: number) => sb.slack.messages(channel).slice(from);

describe('/phone export', () => {
  it('sends the file to the requester’s DM alone, and says so where the command was typed', async () => {
    await setupAccount();
    await license([C1, C2], 'plan:200');
    const dm = sb.slack.dmChannel(ADMIN_ID);
    const [inChannel, inDm] = [sb.slack.messages(CHANNEL).length, sb.slack.messages(dm).length];

    const note = await phoneReply('export');

    expect(note).toContain('Exported 2 phone users: the file is in your direct messages with the app');
    const delivered = await sb.slack.waitFor(() => postedSince(dm, inDm).find((m) => m.files?.length));
    const file = attachedFile(delivered);
    expect(file.name).toMatch(/^phone-users-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text).toContain('colleague2@example.com');
    expect(postedSince(CHANNEL, inChannel)).toEqual([]);
    // Nobody else got a copy: the file was shared in the requester's DM and nowhere else.
    const completions = sb.slack.apiCalls('files.completeUploadExternal');
    expect(completions.map((call) => call.args.channel_id)).toEqual([dm]);
  });

  it('reaches the DM from a channel the app is not in, and from the DM itself', async () => {
    await setupAccount();
    await license([C1]);
    sb.slack.addChannel({ id: 'CELSEWHERE', name: 'general', botIsMember: false });
    const dm = sb.slack.dmChannel(ADMIN_ID);

    for (const channel of ['CELSEWHERE', dm]) {
      const before = sb.slack.messages(dm).filter((m) => m.files?.length).length;
      const ack = await sb.slack.slash({ user: ADMIN_ID, channel, text: 'export' });
      expect(ack.status).toBe(200);
      const note = await sb.slack.waitFor(() =>
        sb.slack.ephemerals(ADMIN_ID, channel).find((e) => e.text.includes('Exported')),
      );
      expect(visibleText(note)).toContain('in your direct messages with the app');
      await sb.slack.waitFor(
        () => sb.slack.messages(dm).filter((m) => m.files?.length).length === before + 1,
      );
    }
    expect(sb.slack.messages('CELSEWHERE')).toEqual([]);
  });
});

describe('a phone user’s change to their own line', () => {
  it('is confirmed to them alone, never posted in the channel: PIN, hours, forwarding, delegation', async () => {
    await setupAccount();
    await license([C1, C2], 'plan:200');
    const posted = sb.slack.messages(CHANNEL).length;

    const pin = await ownChange(`set <@${C1}> pin=2468`, C1);
    expect(pin).toBe(`${mention(C1)} changed their voicemail PIN.`);
    expect(await ownChange(`hours <@${C1}> mon-thu 07:00-15:00`, C1)).toContain('business hours');
    expect(await ownChange(`forward add <@${C1}> ${MOBILE} Mobile`, C1)).toContain(MOBILE);
    expect(await ownChange(`delegate add <@${C1}> <@${C2}>`, C1)).toContain(`an assistant of ${mention(C1)}`);
    // The assistant hears of it in their own DM, as before.
    await directMessage(C2, 'assistant');

    expect(postedSince(CHANNEL, posted)).toEqual([]);
    const everything = sb.slack.ephemerals(C1, CHANNEL).map(visibleText).join('\n');
    expect(everything).not.toContain('2468');
  });

  // Changes made in the settings form are confirmed in the DM: see confirmedPrivately in the settings-modal tests.
  it('by an audio upload in a channel is confirmed to them alone, not in the file’s thread', async () => {
    await setupAccount();
    await license([C1], 'plan:200');
    const posted = sb.slack.messages(CHANNEL).length;
    const sent = await sb.slack.uploadFile({
      user: C1,
      channel: CHANNEL,
      filename: 'Hello.mp3',
      content: id3Mp3(),
      comment: 'greeting',
    });
    const confirmed = await sb.slack.waitFor(() =>
      sb.slack.ephemerals(C1, CHANNEL).find((e) => e.text.includes('your voicemail greeting')),
    );
    expect(visibleText(confirmed)).toContain('Stored `Hello`');
    expect(sb.slack.messages(CHANNEL).filter((m) => m.thread_ts === sent.ts)).toEqual([]);
    expect(postedSince(CHANNEL, posted).filter((m) => m.bot_id !== undefined)).toEqual([]);
  });
});

describe('an admin’s change', () => {
  it('is posted where the admin typed it, a PIN only said to have changed', async () => {
    await setupAccount();
    await license([C1], 'plan:200');

    const pin = await phoneChange(`set <@${C1}> pin=1357`);
    expect(pin).toBe(`${mention(ADMIN_ID)} changed the voicemail PIN for ${mention(C1)}.`);
    expect(await phoneChange(`forward add <@${C1}> ${MOBILE} Mobile`)).toContain(MOBILE);
    const channel = sb.slack.messages(CHANNEL).map(visibleText).join('\n');
    expect(channel).not.toContain('1357');
  });

  it('and a lookup or a refusal stay with the person who asked', async () => {
    await setupAccount();
    await license([C1]);
    const posted = sb.slack.messages(CHANNEL).length;
    expect((await phone(`show <@${C1}>`)).where).toBe('ephemeral');
    expect((await phone(`show <@${C1}>`, C1)).where).toBe('ephemeral');
    expect(await phoneReply(`set <@${ADMIN_ID}> pin=1111`, C1)).toMatch(/^:warning: /);
    expect(await phoneReply('export', C1)).toContain('Only phone admins');
    expect(postedSince(CHANNEL, posted)).toEqual([]);
  });
});
