import type { App } from '@slack/bolt';
import { type AudioSettings, checkAudioSize } from '../../../domain/audio.ts';
import type { DomainError } from '../../../domain/errors.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { MAX_AUDIO_BYTES } from '../../../domain/settings.ts';
import { type UploadResult, uploadAudio } from '../../../services/audio.ts';
import { checkAudioFile } from '../../../services/audio-content.ts';
import type { Deps } from '../../../services/context.ts';
import { settingsForm } from '../../../services/settings/forms.ts';
import { saveVoicemailForm, type VoicemailChange } from '../../../services/settings/voicemail-form.ts';
import { greetingOutcomeMessage, holdMusicOutcomeMessage } from '../../blocks/audio.ts';
import { settingsChangedMessage } from '../../blocks/settings-changes.ts';
import { uploadChangedMessage } from '../../blocks/settings-form.ts';
import { downloadSlackFile, SLACK_FILE_ORIGIN } from '../../download-file.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import {
  type Errors,
  joinMessages,
  problemErrors,
  registerSectionSubmit,
  type SaveContext,
  type Say,
  type SectionRef,
} from './submit-section.ts';
import {
  type FormFile,
  readVoicemailForm,
  VOICEMAIL_BLOCKS,
  type VoicemailFormInput,
  type VoicemailValues,
} from './voicemail-form.ts';

type AudioField = keyof AudioSettings;
type Saved = { form: VoicemailChange; upload: UploadResult | undefined };

/**
 * Saving the voicemail form: an uploaded file is downloaded and its content checked first, so a bad file changes
 * nothing; then the language, PIN, greeting and hold music are saved in one change; then the file is stored and
 * set where the person chose.
 */
export function registerVoicemailSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsVoicemail,
    generalBlock: VOICEMAIL_BLOCKS.language,
    what: 'voicemail settings',
    read: (values) => readVoicemailForm(values as VoicemailValues),
    save: saveVoicemail,
    errorBlocks: voicemailErrors,
    message: (actor, saved) => {
      const { form, upload } = saved;
      const keys = form.changed.flatMap((f) => (f === 'language' || f === 'voicemailPin' ? [f] : []));
      const choice = (audio: VoicemailChange['greeting'], changed: AudioField[]) => ({
        card: form.card,
        audio,
        settings: form.settings,
        changed,
      });
      // Choosing a greeting sets it for unanswered calls, and for closed hours where those go to voicemail.
      const greetingFields: AudioField[] =
        form.settings.closedHours.action === 'voicemail' ? ['unanswered', 'closedHours'] : ['unanswered'];
      return joinMessages([
        keys.length > 0
          ? settingsChangedMessage(actor, { card: form.card, settings: form.settings, changed: keys })
          : undefined,
        form.changed.includes('greeting')
          ? greetingOutcomeMessage(actor, choice(form.greeting, greetingFields)).message
          : undefined,
        form.changed.includes('holdMusic')
          ? holdMusicOutcomeMessage(actor, choice(form.holdMusic, ['holdMusic'])).message
          : undefined,
        upload ? uploadChangedMessage(actor, upload) : undefined,
      ]);
    },
  });
}

async function saveVoicemail(
  deps: Deps,
  actor: { slackUserId: string },
  ref: SectionRef,
  input: VoicemailFormInput,
  ctx: SaveContext,
): Promise<Result<Saved>> {
  const { upload, ...choices } = input;
  if (upload) {
    // Nothing is downloaded for someone who may not see these settings, and their refusal is audited.
    const allowed = await settingsForm(deps, actor, ref);
    if (!allowed.ok) return allowed;
  }
  const content = upload ? await fetchUpload(upload.file, ctx) : undefined;
  if (content && !content.ok) return content;
  const form = await ctx.current(() => saveVoicemailForm(deps, actor, ref, choices));
  if (!form.ok || !upload || !content) return form.ok ? ok({ form: form.value, upload: undefined }) : form;
  const stored = await uploadAudio(deps, actor, {
    owner: ref,
    purpose: upload.purpose,
    filename: upload.file.name,
    content: content.value,
  });
  return stored.ok ? ok({ form: form.value, upload: stored.value }) : stored;
}

/** The uploaded file, downloaded with the bot token and checked as audio before anything is saved. */
async function fetchUpload(file: FormFile, ctx: SaveContext): Promise<Result<Buffer>> {
  const name = file.name || file.id;
  const tooBig = file.size === undefined ? undefined : checkAudioSize(name, file.size);
  if (tooBig) return err(tooBig);
  const url = file.url_private_download ?? (await fileUrl(file.id, ctx));
  if (!url) return err({ code: 'AUDIO_DOWNLOAD_FAILED', name, reason: 'no_url' });
  const download = await downloadSlackFile(url, {
    token: ctx.botToken,
    trustedOrigins: [SLACK_FILE_ORIGIN, new URL(ctx.client.slackApiUrl).origin],
    maxBytes: MAX_AUDIO_BYTES,
  });
  if (!download.ok) {
    return err(
      download.reason === 'too_large'
        ? { code: 'AUDIO_TOO_LARGE', name, bytes: download.bytes, max: MAX_AUDIO_BYTES }
        : { code: 'AUDIO_DOWNLOAD_FAILED', name, reason: download.reason },
    );
  }
  const checked = await checkAudioFile(name, download.content);
  return checked.ok ? ok(download.content) : checked;
}

/** A file input may carry only the file's id: files.info has the download link. */
async function fileUrl(id: string, ctx: SaveContext): Promise<string | undefined> {
  const info = await ctx.client.files.info({ file: id }).catch(() => undefined);
  return info?.file?.url_private_download;
}

function voicemailErrors(error: DomainError, say: Say): Errors | undefined {
  const problems = problemErrors(
    error,
    { pin: VOICEMAIL_BLOCKS.pin, language: VOICEMAIL_BLOCKS.language },
    VOICEMAIL_BLOCKS.language,
    say,
  );
  if (problems) return problems;
  if (error.code === 'AUDIO_NOT_FOUND') return { [VOICEMAIL_BLOCKS.greeting]: say(error) };
  if (error.code.startsWith('AUDIO_')) return { [VOICEMAIL_BLOCKS.file]: say(error) };
  return undefined;
}
