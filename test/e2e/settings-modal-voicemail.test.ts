import { afterEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { VIEWS } from '../../src/slack/ids.ts';
import { VOICEMAIL_BLOCKS } from '../../src/slack/views/settings/voicemail-form.ts';
import { textFile, wavFile } from '../support/audio.ts';
import { ADMIN_ID, CHANNEL, colleague, useSwitchboard, visibleText } from '../support/e2e.ts';
import { phoneCommands } from '../support/phone.ts';
import { radio, select, settingsModal, text } from '../support/settings-modal.ts';

const sb = useSwitchboard();
const { phoneReply, phoneChange, setupAccount, license } = phoneCommands(sb);
const { openSection, openSettings, editSection, editButtons, submit, posted, confirmedPrivately } =
  settingsModal(sb);

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

/** A file shared in the admins' channel (no instruction, so the app leaves it alone), as a file input holds it. */
async function slackFile(filename: string, content: Buffer) {
  const { fileId } = await sb.slack.uploadFile({ user: ADMIN_ID, channel: CHANNEL, filename, content });
  const message = sb.slack
    .messages(CHANNEL)
    .find((m) => (m.files as { id: string }[] | undefined)?.[0]?.id === fileId);
  const [file] = (message?.files ?? []) as Record<string, unknown>[];
  expect(file?.url_private_download).toBeDefined();
  return { type: 'file_input', files: [file] };
}

/** What the audit log says, without its random request ids (a UUID may hold any run of digits, a PIN among them). */
const auditText = async () =>
  JSON.stringify((await sb.app.deps.db.select().from(auditLog)).map(({ requestId: _id, ...row }) => row));

describe('the voicemail, language and hold-music section of the settings form', () => {
  it('saves language, PIN and hold music together, never showing the PIN in the channel or the audit log', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    expect(form.callback_id).toBe(VIEWS.settingsVoicemail);
    const pinField = (form.blocks as { block_id?: string; element?: Record<string, unknown> }[]).find(
      (b) => b.block_id === VOICEMAIL_BLOCKS.pin,
    );
    expect(pinField?.element).toBeDefined();
    expect(pinField?.element?.initial_value).toBeUndefined();
    const languageField = (form.blocks as { block_id?: string; element?: Record<string, unknown> }[]).find(
      (b) => b.block_id === VOICEMAIL_BLOCKS.language,
    );
    const choices = languageField?.element?.options as { text: { text: string }; value: string }[];
    expect(choices.slice(0, 3).map((o) => [o.text.text, o.value])).toEqual([
      ['English (US) · en-US', 'en-US'],
      ['English (GB) · en-GB', 'en-GB'],
      ['Spanish (US) · es-US', 'es-US'],
    ]);
    const errors = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.language]: { language: select('fr-CA') },
      [VOICEMAIL_BLOCKS.pin]: { pin: text('4321') },
      [VOICEMAIL_BLOCKS.holdMusic]: { music: select('none') },
    });
    expect(errors).toBeUndefined();
    const message = await posted('audio prompt language');
    expect(visibleText(message as never)).toContain('voicemail PIN');
    expect(visibleText(message as never)).toContain('hold music');
    expect(JSON.stringify(sb.slack.messages(CHANNEL))).not.toContain('4321');
    expect(await auditText()).not.toContain('4321');
    const card = await phoneReply(`show <@${colleague(1)}>`);
    expect(card).toContain('*Audio prompts*\nfr-CA');
    expect(card).toContain('*Hold music*\nNone');
    expect(card).not.toContain('4321');
  });

  it('refuses a 7-digit PIN and a PIN with a letter under the PIN field, and changes nothing', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    const long = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.language]: { language: select('de-DE') },
      [VOICEMAIL_BLOCKS.pin]: { pin: text('1234567') },
    });
    expect(long).toEqual({
      [VOICEMAIL_BLOCKS.pin]: 'pin: a voicemail PIN is 4 to 6 digits, and the one given has 7.',
    });
    const letter = await submit(ADMIN_ID, form, { [VOICEMAIL_BLOCKS.pin]: { pin: text('12a4') } });
    expect(letter?.[VOICEMAIL_BLOCKS.pin]).toContain('something other than digits');
    expect(JSON.stringify(letter)).not.toContain('12a4');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('*Audio prompts*\nen-US');
  });

  it('stores an uploaded WAV in the library and sets it as the greeting', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    const errors = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.file]: { file: await slackFile('welcome.wav', wavFile()) },
      [VOICEMAIL_BLOCKS.fileUse]: { use: radio('greeting') },
    });
    expect(errors).toBeUndefined();
    const message = await posted('uploaded');
    expect(visibleText(message as never)).toContain('`welcome` (WAV');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain(
      '*When not answered*\nVoicemail (own greeting)',
    );
    const again = await openSection(colleague(1), 'voicemail');
    expect(JSON.stringify(again.blocks)).toContain('welcome (WAV)');
  });

  it('refuses a text file named .mp3 under the file field, and saves nothing else from the form', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    const errors = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.language]: { language: select('ja-JP') },
      [VOICEMAIL_BLOCKS.file]: { file: await slackFile('notes.mp3', textFile()) },
      [VOICEMAIL_BLOCKS.fileUse]: { use: radio('hold music') },
    });
    expect(Object.keys(errors ?? {})).toEqual([VOICEMAIL_BLOCKS.file]);
    expect(errors?.[VOICEMAIL_BLOCKS.file]).toContain('is not WAV or MP3 audio');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('*Audio prompts*\nen-US');
  });

  it('asks what an upload is for when that is not chosen', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    const errors = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.file]: { file: await slackFile('welcome.wav', wavFile()) },
    });
    expect(errors).toEqual({ [VOICEMAIL_BLOCKS.fileUse]: 'Choose what the uploaded recording is for.' });
  });

  it('refuses a save when someone changed the user since the form opened', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const form = await openSection(colleague(1), 'voicemail');
    await phoneChange(`set <@${colleague(1)}> language=es-ES`);
    const errors = await submit(ADMIN_ID, form, {
      [VOICEMAIL_BLOCKS.language]: { language: select('it-IT') },
    });
    expect(errors?.[VOICEMAIL_BLOCKS.language]).toContain('was changed since you opened this form');
    expect(await phoneReply(`show <@${colleague(1)}>`)).toContain('*Audio prompts*\nes-ES');
  });

  it('lets a phone user change their own PIN and language', async () => {
    await setupAccount();
    await license([colleague(1)]);
    const own = await openSettings('settings', colleague(1));
    expect(editButtons(own)).toContain('voicemail');
    const form = await editSection(colleague(1), own, 'voicemail');
    const errors = await submit(colleague(1), form, {
      [VOICEMAIL_BLOCKS.language]: { language: select('en-GB') },
      [VOICEMAIL_BLOCKS.pin]: { pin: text('2468') },
    });
    expect(errors).toBeUndefined();
    const confirmed = visibleText(await confirmedPrivately(colleague(1), 'their voicemail PIN'));
    expect(confirmed).toContain(`<@${colleague(1)}>`);
    expect(confirmed).not.toContain('2468');
    expect(await phoneReply('me', colleague(1))).toContain('en-GB');
  });
});
