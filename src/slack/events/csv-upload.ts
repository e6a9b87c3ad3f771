import { type ColumnKey, type CsvMode, HEADERS_BY_MODE } from '../../csv/headers.ts';
import type { DomainError } from '../../domain/errors.ts';
import type { ImportFileProblem } from '../../domain/imports.ts';
import type { Result } from '../../domain/result.ts';
import type { Deps } from '../../services/context.ts';
import {
  type Claim,
  claimUpload,
  type ImportLimits,
  type Preview,
  previewImport,
  publishPreview,
  refuseFile,
  tooLarge,
} from '../../services/imports/service.ts';
import type { Turns } from '../../services/imports/turns.ts';
import type { ImportRow } from '../../store/imports.ts';
import {
  closedPreview,
  errorsCsv,
  errorsFileName,
  previewMessage,
  waitingMessage,
} from '../blocks/imports.ts';
import { type Message, textMessage } from '../blocks/message.ts';
import { describe } from '../deliver.ts';
import { downloadSlackFile, SLACK_FILE_ORIGIN } from '../download-file.ts';
import { errorText } from '../replies.ts';
import { STARTING } from '../runtime.ts';
import { discard, type SpooledFile, spool, uploadSpooled } from '../spool.ts';
import { answerPrivately } from './addressing.ts';
import { type FileShareEvent, fileInfo, type UploadContext } from './audio-upload.ts';

type SlackFile = NonNullable<FileShareEvent['files']>[number];

/** Slack calls a CSV `csv` (filetype) or text/csv; the name is the last word. */
export function isCsvFile(file: SlackFile): boolean {
  return (
    file.filetype === 'csv' || (file.mimetype ?? '').startsWith('text/csv') || /\.csv$/i.test(file.name ?? '')
  );
}

export type CsvInstruction = { mode: CsvMode; site?: string; copyFrom?: string };

/**
 * What the message with the file says: `update` for an update file, `site:<site>` and `copy:<user>` for an add
 * file. A mention of the app itself and other words are ignored.
 */
export function parseCsvInstruction(text: string): CsvInstruction {
  const instruction: CsvInstruction = { mode: /(^|\s)update(\s|$)/i.test(text) ? 'update' : 'add' };
  const site = /site:(?:"([^"]+)"|(\S+))/i.exec(text);
  if (site) instruction.site = (site[1] ?? site[2] ?? '').trim();
  const copy = /copy:(?:<@([A-Z0-9]+)(?:\|[^>]*)?>|<mailto:[^|>]+\|([^>]+)>|(\S+))/i.exec(text);
  if (copy) instruction.copyFrom = copy[1] ? `<@${copy[1]}>` : (copy[2] ?? copy[3] ?? '').trim();
  return instruction;
}

/** What reading an upload needs besides the upload context: the limits, and the turns at reading files. */
export type CsvUploadContext = UploadContext & { limits: ImportLimits; turns: Turns };

/**
 * A CSV addressed to the app in a channel, or sent to its DM: claim it (once, whatever Slack redelivers), wait for a turn at
 * reading files, download it with the bot token, check every row, and answer in the file's thread with the
 * preview and, when rows fail, the errors file.
 */
export async function receiveCsvUpload(
  event: FileShareEvent,
  file: SlackFile,
  ctx: CsvUploadContext,
): Promise<void> {
  const threadTs = event.thread_ts ?? event.ts;
  const say = (message: Message) =>
    ctx.client.chat.postMessage({ channel: event.channel, thread_ts: threadTs, ...message });
  const privately = (message: Message) => answerPrivately(ctx.client, event, message);
  if (!ctx.deps) return void (ctx.retryNum === 0 ? await privately(textMessage(STARTING)) : undefined);
  const deps = ctx.deps;
  const instruction = parseCsvInstruction(event.text ?? '');
  const copyFrom = await copySource(deps, instruction.copyFrom);
  const claimed = await claimUpload(
    deps,
    { slackUserId: event.user },
    {
      slackFileId: file.id,
      fileName: file.name ?? `${file.id}.csv`,
      channelId: event.channel,
      threadTs,
      mode: instruction.mode,
      site: instruction.site,
      copyFrom,
    },
  );
  if (!claimed.ok) {
    // Refused once, without reading the file, and only to the person who sent it: never in public.
    if (ctx.retryNum === 0)
      await privately(textMessage(`:warning: ${errorText(claimed.error)} This file was not read.`));
    return;
  }
  if (!claimed.value) return; // Another delivery of the same upload is handling it.
  const claim = claimed.value;
  const row = claim.import;
  try {
    const endTurn = await ctx.turns.take((ahead) =>
      say(waitingMessage(row.fileName, ahead)).catch((error: unknown) =>
        ctx.logger.warn(`Could not say that ${row.fileName} waits its turn: ${describe(error)}`),
      ),
    );
    try {
      await preview(deps, ctx, claim, file, say, endTurn);
    } finally {
      endTurn();
    }
  } catch (error) {
    ctx.logger.error(`Previewing the uploaded file ${file.id} failed`, error);
    await refuseFile(deps, claim, { code: 'FILE_READ_FAILED' }).catch(() => {});
    await say(
      textMessage(
        ':x: Something went wrong on our side while reading this file. Upload it again in a minute.',
      ),
    ).catch(() => {});
  } finally {
    await claim
      .release()
      .catch((error: unknown) =>
        ctx.logger.warn(`Could not let go of the lease of import ${row.id}: ${describe(error)}`),
      );
  }
}

/**
 * Reads the file, posts its preview and, when rows fail, its errors file. The turn ends as soon as the file's
 * rows are let go (the preview shown, the errors file written to disk), before the last messages.
 */
async function preview(
  deps: Deps,
  ctx: CsvUploadContext,
  claim: Claim,
  file: SlackFile,
  say: (message: Message) => Promise<unknown>,
  endTurn: () => void,
) {
  const row = claim.import;
  const shown = await showPreview(deps, ctx, claim, file);
  endTurn();
  if (shown.refused) return void (await say(textMessage(`:warning: ${errorText(shown.refused)}`)));
  if (shown.errors) {
    try {
      await uploadSpooled(ctx.client, shown.errors.file, {
        channelId: row.channelId,
        threadTs: row.threadTs,
        filename: errorsFileName(row.fileName),
        title: errorsFileName(row.fileName),
        comment: shown.errors.comment,
      });
    } catch (error) {
      // The preview stands: only the file listing its failing rows is missing.
      ctx.logger.warn(`Could not post the errors file of import ${row.id}: ${describe(error)}`);
      await say(
        textMessage(
          ':warning: The errors file could not be posted. The preview above stands; upload the file again in a minute for a new errors file.',
        ),
      ).catch(() => {});
    } finally {
      await discard(shown.errors.file);
    }
  }
  for (const old of shown.superseded) {
    if (!old.previewTs) continue;
    await ctx.client.chat
      .update({
        channel: old.channelId,
        ts: old.previewTs,
        ...closedPreview(
          old,
          `Replaced by the newer upload ${row.fileName}; nothing was imported from this one.`,
        ),
      })
      .catch((error: unknown) =>
        ctx.logger.warn(`Could not mark preview ${old.id} replaced: ${describe(error)}`),
      );
  }
}

type Shown =
  | { refused: DomainError }
  | { refused?: undefined; superseded: ImportRow[]; errors?: { file: SpooledFile; comment: string } };

/**
 * The part of a preview that holds the file's rows: read the file, post the preview and write the errors file to
 * disk (spooled: the errors file of a large import is larger than the import). Only what the messages after it
 * need leaves this function, so that the rows can be collected as soon as it returns.
 */
async function showPreview(deps: Deps, ctx: CsvUploadContext, claim: Claim, file: SlackFile): Promise<Shown> {
  const row = claim.import;
  const result = await readUpload(deps, ctx, claim, file);
  if (!result.ok) return { refused: result.error };
  const { plan, rows } = result.value;
  const posted = await ctx.client.chat.postMessage({
    channel: row.channelId,
    thread_ts: row.threadTs,
    ...previewMessage(result.value.import, plan, result.value.unknownHeaders),
  });
  const { superseded } = await publishPreview(deps, claim, posted.ts);
  if (plan.counts.invalid === 0) return { superseded };
  const keys = Object.keys(HEADERS_BY_MODE[row.mode]) as ColumnKey[];
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const cellsOf = (line: number) => {
    const source = byLine.get(line);
    return source && keys.map((key) => source.cells[key] ?? '');
  };
  const failing =
    plan.counts.invalid === 1
      ? 'The failing row, with an Error column: fix it'
      : `The ${plan.counts.invalid} failing rows, each with an Error column: fix them`;
  return {
    superseded,
    errors: {
      file: await spool(errorsCsv(row.mode, plan, cellsOf), errorsFileName(row.fileName)),
      comment: `${failing} and upload the file here again, with \`${row.mode === 'update' ? 'update' : 'import'}\` as its message.`,
    },
  };
}

/**
 * Downloads the file and checks it, or refuses it. The downloaded bytes are not kept past this call: once the
 * preview has the text, they can be collected while the rest of the answer is written.
 */
async function readUpload(
  deps: Deps,
  ctx: CsvUploadContext,
  claim: Claim,
  file: SlackFile,
): Promise<Result<Preview>> {
  // Slack gives the size with the upload, or (when it leaves the file's details out) in files.info: a file over
  // the limit is refused before a byte of it is read.
  const info = file.url_private_download && file.size !== undefined ? file : await fileInfo(ctx.client, file);
  if (info.size !== undefined && info.size > ctx.limits.maxBytes) {
    return refuseFile(deps, claim, tooLarge(ctx.limits));
  }
  const download = info.url_private_download
    ? await downloadSlackFile(info.url_private_download, {
        token: ctx.botToken,
        trustedOrigins: [SLACK_FILE_ORIGIN, new URL(ctx.client.slackApiUrl).origin],
        maxBytes: ctx.limits.maxBytes,
      })
    : ({ ok: false, reason: 'http_error' } as const);
  if (!download.ok) {
    const problem: ImportFileProblem =
      download.reason === 'login_page'
        ? { code: 'FILE_IS_WEB_PAGE' }
        : download.reason === 'too_large'
          ? tooLarge(ctx.limits)
          : { code: 'FILE_NOT_DOWNLOADED' };
    return refuseFile(deps, claim, problem);
  }
  return previewImport(deps, claim, download.content, ctx.limits);
}

/** `copy:@ada` names the person by mention; the import finds phone users by email or extension. */
async function copySource(deps: Deps, input: string | undefined): Promise<string | undefined> {
  const mention = input && /^<@([A-Z0-9]+)>$/.exec(input);
  if (!mention) return input;
  const profile = await deps.profiles.bySlackId(mention[1] ?? '');
  return profile?.email ?? input;
}
