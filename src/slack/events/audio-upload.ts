import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { checkAudioSize } from '../../domain/audio.ts';
import type { DomainError } from '../../domain/errors.ts';
import { MAX_AUDIO_BYTES } from '../../domain/settings.ts';
import { changeAudience } from '../../services/audience.ts';
import { uploadAudio } from '../../services/audio.ts';
import type { Deps } from '../../services/context.ts';
import { uploadHelp, uploadProblem, uploadRefusal, uploadReply } from '../blocks/audio.ts';
import type { Message } from '../blocks/message.ts';
import { downloadSlackFile, SLACK_FILE_ORIGIN } from '../download-file.ts';
import { STARTING } from '../runtime.ts';
import { answerPrivately, inAppDm, mentions, withoutMentions } from './addressing.ts';
import { parseUploadInstruction, type UploadInstruction } from './upload-instruction.ts';

const slackFile = z.object({
  id: z.string(),
  name: z.string().optional(),
  size: z.number().optional(),
  mimetype: z.string().optional(),
  filetype: z.string().optional(),
  url_private_download: z.string().optional(),
});
type SlackFile = z.infer<typeof slackFile>;

/** The part of a `message` event with `subtype: 'file_share'` that an upload needs. */
export const fileShareEvent = z.object({
  type: z.literal('message'),
  subtype: z.literal('file_share'),
  user: z.string(),
  channel: z.string(),
  channel_type: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  text: z.string().optional(),
  files: z.array(slackFile).optional(),
  bot_id: z.string().optional(),
});
export type FileShareEvent = z.infer<typeof fileShareEvent>;

export type UploadContext = {
  deps: Deps | undefined;
  client: WebClient;
  botToken: string;
  botUserId: string | undefined;
  /** 0 for Slack's first delivery; a retry counts up from 1. */
  retryNum: number;
  logger: Logger;
};

type Instruction = Extract<UploadInstruction, { kind: 'instruction' }>;

/**
 * A file sent to the app with an instruction: download it, store it and set it, then answer. The instruction
 * (`greeting`, `hold music`, `message`) addresses the app as `import` does a CSV; any other file is left alone,
 * but for audio in the app's DM or with a mention of the app, which gets the help. Only an admin's change is
 * answered in the file's thread; refusals, help and a phone user's change to their own line go to the sender
 * alone. A retry of an event whose work was already done (the same bytes stored and set, or a refusal already
 * answered) stays silent.
 */
export async function receiveFileShare(event: FileShareEvent, ctx: UploadContext): Promise<void> {
  if (event.bot_id) return;
  const files = event.files ?? [];
  const instruction = parseUploadInstruction(event.text ?? '', ctx.botUserId);
  const privately = async (message: Message | undefined) => {
    if (message) await answerPrivately(ctx.client, event, message);
  };
  const firstDelivery = ctx.retryNum === 0;
  if (instruction.kind === 'none') {
    // Elsewhere a file without an instruction is not for us; sent to the app, an audio file surely is.
    const forUs = (inAppDm(event) || mentions(event.text ?? '', ctx.botUserId)) && files.some(declaredAudio);
    return privately(
      forUs && firstDelivery ? uploadHelp(withoutMentions(event.text ?? '', ctx.botUserId)) : undefined,
    );
  }
  if (instruction.kind === 'invalid')
    return privately(firstDelivery ? uploadProblem(instruction.message) : undefined);
  const [file, another] = files;
  if (!file || another) {
    const problem = 'Send one audio file per message, with the instruction as its text.';
    return privately(firstDelivery ? uploadProblem(problem) : undefined);
  }
  if (!ctx.deps) return privately(firstDelivery ? uploadProblem(STARTING) : undefined);
  try {
    const answer = await storeUpload(ctx.deps, ctx, event.user, file, instruction);
    if (!answer) return;
    const audience = answer.change
      ? await changeAudience(ctx.deps, { slackUserId: event.user })
      : 'requester';
    if (audience === 'requester') return privately(answer.message);
    await ctx.client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      ...answer.message,
    });
  } catch (error) {
    ctx.logger.error(`Storing the uploaded file ${file.id} failed`, error);
    await privately(
      uploadProblem('Something went wrong on our side while storing this file. Send it again in a minute.'),
    ).catch(() => {});
  }
}

/** What to say of an upload: a change (stored or set), or a refusal or "nothing changed", for the sender. */
type Answer = { message: Message; change: boolean };

async function storeUpload(
  deps: Deps,
  ctx: UploadContext,
  uploader: string,
  shared: SlackFile,
  instruction: Instruction,
): Promise<Answer | undefined> {
  const forSomeoneElse = instruction.owner !== undefined;
  const refuse = (error: DomainError): Answer | undefined =>
    ctx.retryNum === 0 ? { message: uploadRefusal(error, forSomeoneElse), change: false } : undefined;
  const file = shared.url_private_download ? shared : await fileInfo(ctx.client, shared);
  const name = file.name ?? file.id;
  const tooBig = file.size === undefined ? undefined : checkAudioSize(name, file.size);
  if (tooBig) return refuse(tooBig);
  if (!file.url_private_download) return refuse({ code: 'AUDIO_DOWNLOAD_FAILED', name, reason: 'no_url' });
  const download = await downloadSlackFile(file.url_private_download, {
    token: ctx.botToken,
    trustedOrigins: [SLACK_FILE_ORIGIN, new URL(ctx.client.slackApiUrl).origin],
    maxBytes: MAX_AUDIO_BYTES,
  });
  if (!download.ok) {
    return refuse(
      download.reason === 'too_large'
        ? { code: 'AUDIO_TOO_LARGE', name, bytes: download.bytes, max: MAX_AUDIO_BYTES }
        : { code: 'AUDIO_DOWNLOAD_FAILED', name, reason: download.reason },
    );
  }
  const owner = instruction.owner ?? { kind: 'slack' as const, id: uploader, raw: `<@${uploader}>` };
  const result = await uploadAudio(
    deps,
    { slackUserId: uploader },
    { owner, purpose: instruction.purpose, filename: name, content: download.content },
  );
  if (!result.ok) return refuse(result.error);
  const changedSomething = result.value.stored !== 'unchanged' || result.value.changed.length > 0;
  if (!changedSomething && ctx.retryNum > 0) return undefined;
  return { message: uploadReply(uploader, result.value), change: changedSomething };
}

/** Slack may leave the download link out of the event (`file_access: check_file_info`): files.info has it. */
export async function fileInfo(client: WebClient, shared: SlackFile): Promise<SlackFile> {
  const info = await client.files.info({ file: shared.id });
  const parsed = slackFile.safeParse(info.file);
  return parsed.success ? { ...shared, ...parsed.data } : shared;
}

/** Whether Slack calls the file audio: only to decide if a file sent to the app without an instruction deserves help. */
function declaredAudio(file: SlackFile): boolean {
  return (
    (file.mimetype ?? '').startsWith('audio/') ||
    ['mp3', 'wav'].includes(file.filetype ?? '') ||
    /\.(mp3|wav)$/i.test(file.name ?? '')
  );
}
