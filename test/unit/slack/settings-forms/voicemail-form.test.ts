import { describe, expect, it } from 'vitest';
import { readVoicemailForm, VOICEMAIL_BLOCKS } from '../../../../src/slack/views/settings/voicemail-form.ts';

const file = { id: 'F1', name: 'welcome.wav', size: 1600, url_private_download: 'https://files.slack.com/x' };
const values = (over: Record<string, unknown> = {}) =>
  ({
    [VOICEMAIL_BLOCKS.language]: { language: { selected_option: { value: 'fr-CA' } } },
    [VOICEMAIL_BLOCKS.pin]: { pin: { value: null } },
    [VOICEMAIL_BLOCKS.greeting]: { greeting: { selected_option: { value: 'audio:7' } } },
    [VOICEMAIL_BLOCKS.holdMusic]: { music: { selected_option: { value: 'none' } } },
    [VOICEMAIL_BLOCKS.file]: { file: { files: [] } },
    [VOICEMAIL_BLOCKS.fileUse]: { use: { selected_option: null } },
    ...over,
  }) as never;

describe('reading the voicemail form', () => {
  it('reads the choices, and an empty PIN as "keep the PIN"', () => {
    expect(readVoicemailForm(values())).toEqual({
      ok: true,
      input: {
        language: 'fr-CA',
        pin: undefined,
        greeting: { kind: 'audio', audioId: 7 },
        holdMusic: { kind: 'none' },
        upload: undefined,
      },
    });
  });

  it('passes a typed PIN on as typed, for the service to check by the rule of /phone set', () => {
    const read = readVoicemailForm(values({ [VOICEMAIL_BLOCKS.pin]: { pin: { value: ' 1234567 ' } } }));
    expect(read.ok && read.input.pin).toBe('1234567');
  });

  it('reads an upload with what it is for', () => {
    const read = readVoicemailForm(
      values({
        [VOICEMAIL_BLOCKS.file]: { file: { files: [file] } },
        [VOICEMAIL_BLOCKS.fileUse]: { use: { selected_option: { value: 'message' } } },
      }),
    );
    expect(read.ok && read.input.upload).toEqual({ file, purpose: 'message' });
  });

  it('asks what an upload is for, and ignores a purpose without an upload', () => {
    expect(readVoicemailForm(values({ [VOICEMAIL_BLOCKS.file]: { file: { files: [file] } } }))).toEqual({
      ok: false,
      errors: { [VOICEMAIL_BLOCKS.fileUse]: 'Choose what the uploaded recording is for.' },
    });
    const read = readVoicemailForm(
      values({ [VOICEMAIL_BLOCKS.fileUse]: { use: { selected_option: { value: 'greeting' } } } }),
    );
    expect(read.ok && read.input.upload).toBeUndefined();
  });

  it('refuses "none" as a greeting and a missing language, each under its field', () => {
    expect(
      readVoicemailForm(
        values({
          [VOICEMAIL_BLOCKS.language]: { language: { selected_option: null } },
          [VOICEMAIL_BLOCKS.greeting]: { greeting: { selected_option: { value: 'none' } } },
        }),
      ),
    ).toEqual({
      ok: false,
      errors: {
        [VOICEMAIL_BLOCKS.language]: 'Choose the language of the audio prompts.',
        [VOICEMAIL_BLOCKS.greeting]: 'Choose a greeting.',
      },
    });
  });
});
