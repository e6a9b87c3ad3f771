import type { types } from '@slack/bolt';
import type { AudioPurpose } from '../../../domain/audio.ts';
import { AUDIO_PROMPT_LANGUAGES } from '../../../domain/settings.ts';
import type { SettingsForm } from '../../../services/settings/forms.ts';
import type {
  GreetingPick,
  HoldMusicPick,
  VoicemailInput,
} from '../../../services/settings/voicemail-form.ts';
import { currentGreetingId } from '../../../services/settings/voicemail-form.ts';
import { VIEWS } from '../../ids.ts';
import { languageName } from '../../languages.ts';
import { input, opt, sectionModal } from './elements.ts';

export const VOICEMAIL_BLOCKS = {
  language: 'voicemail_language',
  pin: 'voicemail_pin',
  greeting: 'voicemail_greeting',
  holdMusic: 'voicemail_hold_music',
  file: 'voicemail_file',
  fileUse: 'voicemail_file_use',
} as const;

const LANGUAGES = AUDIO_PROMPT_LANGUAGES.map((language) =>
  opt(`${languageName(language)} · ${language}`, language),
);
const USES = [
  opt('Use it as the voicemail greeting', 'greeting'),
  opt('Use it as the hold music', 'hold music'),
  opt('Play it in closed hours, then disconnect', 'message'),
];

const initial = (options: { value: string }[], value: string) => {
  const found = options.find((o) => o.value === value);
  return found ? { initial_option: found } : {};
};

/**
 * The voicemail, language and hold-music form. The PIN field is always empty (the PIN is never shown here):
 * leaving it empty keeps the PIN. A WAV or MP3 uploaded here goes into the user's library and plays where chosen.
 */
export function voicemailFormView(form: SettingsForm, metadata: string): types.ModalView {
  const { settings } = form.details;
  const files = form.library
    .slice(0, 97)
    .map((file) => opt(`${file.name} (${file.format.toUpperCase()})`, `audio:${file.id}`));
  const greetings = [opt('Default greeting', 'default'), ...files];
  const music = [opt('Default music', 'default'), opt('None (silence)', 'none'), ...files];
  const greetingId = currentGreetingId(settings);
  const musicValue =
    settings.holdMusic.kind === 'audio' ? `audio:${settings.holdMusic.audioId}` : settings.holdMusic.kind;
  const blocks: types.KnownBlock[] = [
    input(VOICEMAIL_BLOCKS.language, 'Audio prompt language', {
      type: 'static_select',
      action_id: 'language',
      options: LANGUAGES,
      ...initial(LANGUAGES, settings.language),
    }),
    input(
      VOICEMAIL_BLOCKS.pin,
      'New voicemail PIN',
      { type: 'plain_text_input', action_id: 'pin', placeholder: { type: 'plain_text', text: 'Unchanged' } },
      {
        optional: true,
        hint: { type: 'plain_text', text: '4 to 6 digits. Leave empty to keep the current PIN.' },
      },
    ),
    input(VOICEMAIL_BLOCKS.greeting, 'Voicemail greeting', {
      type: 'static_select',
      action_id: 'greeting',
      options: greetings,
      ...initial(greetings, greetingId === null ? 'default' : `audio:${greetingId}`),
    }),
    input(VOICEMAIL_BLOCKS.holdMusic, 'Hold music', {
      type: 'static_select',
      action_id: 'music',
      options: music,
      ...initial(music, musicValue),
    }),
    { type: 'divider' },
    input(
      VOICEMAIL_BLOCKS.file,
      'Upload a recording',
      { type: 'file_input', action_id: 'file', filetypes: ['wav', 'mp3'], max_files: 1 },
      {
        optional: true,
        hint: { type: 'plain_text', text: 'WAV or MP3, at most 10 MB. It is added to the audio library.' },
      },
    ),
    input(
      VOICEMAIL_BLOCKS.fileUse,
      'Use the upload',
      { type: 'radio_buttons', action_id: 'use', options: USES },
      { optional: true },
    ),
  ];
  return sectionModal(VIEWS.settingsVoicemail, 'Voicemail and audio', metadata, blocks);
}

/** An uploaded file as the view state carries it. */
export type FormFile = { id: string; name: string; size?: number; url_private_download?: string };

export type VoicemailFormInput = VoicemailInput & {
  upload: { file: FormFile; purpose: AudioPurpose } | undefined;
};

type Value = {
  value?: string | null;
  selected_option?: { value: string } | null;
  files?: FormFile[] | null;
};
export type VoicemailValues = Record<string, Record<string, Value>>;

function readPick(value: string | undefined): GreetingPick | HoldMusicPick | undefined {
  if (value === 'default' || value === 'none') return { kind: value };
  const id = /^audio:([0-9]+)$/.exec(value ?? '')?.[1];
  return id ? { kind: 'audio', audioId: Number(id) } : undefined;
}

/**
 * Reads the form back, or errors keyed by block: an upload needs to say what it is for (a choice without an
 * upload is ignored, as Slack cannot clear a radio button). The PIN is checked by the service, by the rule of
 * `/phone set`.
 */
export function readVoicemailForm(
  values: VoicemailValues,
): { ok: true; input: VoicemailFormInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const language = values[VOICEMAIL_BLOCKS.language]?.language?.selected_option?.value;
  const pin = values[VOICEMAIL_BLOCKS.pin]?.pin?.value?.trim() || undefined;
  const greeting = readPick(values[VOICEMAIL_BLOCKS.greeting]?.greeting?.selected_option?.value);
  const holdMusic = readPick(values[VOICEMAIL_BLOCKS.holdMusic]?.music?.selected_option?.value);
  const [file, another] = values[VOICEMAIL_BLOCKS.file]?.file?.files ?? [];
  const use = values[VOICEMAIL_BLOCKS.fileUse]?.use?.selected_option?.value;
  if (!language) errors[VOICEMAIL_BLOCKS.language] = 'Choose the language of the audio prompts.';
  if (!greeting || greeting.kind === 'none') errors[VOICEMAIL_BLOCKS.greeting] = 'Choose a greeting.';
  if (!holdMusic) errors[VOICEMAIL_BLOCKS.holdMusic] = 'Choose the hold music.';
  if (another) errors[VOICEMAIL_BLOCKS.file] = 'Upload one file at a time.';
  if (file && !use) errors[VOICEMAIL_BLOCKS.fileUse] = 'Choose what the uploaded recording is for.';
  if (Object.keys(errors).length > 0 || !language || !greeting || greeting.kind === 'none' || !holdMusic) {
    return { ok: false, errors };
  }
  const purpose = use === 'greeting' || use === 'hold music' || use === 'message' ? use : undefined;
  return {
    ok: true,
    input: {
      language,
      pin,
      greeting,
      holdMusic,
      upload: file && purpose ? { file, purpose } : undefined,
    },
  };
}
