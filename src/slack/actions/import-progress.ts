import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Deps } from '../../services/context.ts';
import type { PlannedRow } from '../../services/imports/plan.ts';
import type { ImportApplied } from '../../services/imports/service.ts';
import type { ImportRow } from '../../store/imports.ts';
import {
  appliedMessage,
  closedPreview,
  progressMessage,
  resultsCsv,
  resultsFileName,
  waitingToImportMessage,
} from '../blocks/imports.ts';
import type { Message } from '../blocks/message.ts';
import { describe } from '../deliver.ts';
import { mention, plural } from '../format.ts';
import { discard, spool, uploadSpooled } from '../spool.ts';
import { followSyncUnder } from '../sync-replies.ts';

/** Progress is shown at most this often: Slack rate-limits chat.update to about one call per second per message. */
export const PROGRESS_INTERVAL_MS = 2000;

/** A progress update Slack has not answered by then is given up: the summary waits for it. */
const PROGRESS_TIMEOUT_MS = 10_000;

type Row = Pick<ImportRow, 'id' | 'fileName' | 'channelId' | 'threadTs'>;

/**
 * Keeps one message up to date while an import runs: at most one update every two seconds, one at a time. An
 * update is tried once, through a client of its own that neither waits out a rate limit nor retries (the app's
 * client would, for half an hour, and hold back the summary, which waits for the last update so as not to be
 * overwritten by it); a failed update is only logged, since the import goes on regardless.
 */
function progressReporter(client: WebClient, logger: Logger, channel: string, ts: string, fileName: string) {
  const once = new WebClient(client.token, {
    slackApiUrl: client.slackApiUrl,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: PROGRESS_TIMEOUT_MS,
  });
  let last = Date.now();
  let pending: Promise<unknown> = Promise.resolve();
  return {
    report(done: number, total: number) {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      pending = pending
        .then(() => once.chat.update({ channel, ts, ...progressMessage(fileName, done, total) }))
        .catch((error: unknown) => logger.warn(`Could not update import progress: ${describe(error)}`));
    },
    settled: () => pending,
  };
}

export type ImportProgress = Awaited<ReturnType<typeof importProgress>>;

/**
 * The message in the file's thread that follows an import as it is applied, and that its outcome takes the place
 * of. Where Slack would not take it, the import goes on without it and the outcome gets a message of its own.
 */
export async function importProgress(client: WebClient, logger: Logger, row: Row, total: number) {
  const channel = row.channelId;
  let ts: string | undefined;
  try {
    const posted = await client.chat.postMessage({
      channel,
      thread_ts: row.threadTs,
      ...progressMessage(row.fileName, 0, total),
    });
    ts = posted.ts;
  } catch (error) {
    logger.warn(`Could not post import progress: ${describe(error)}`);
  }
  const reporter = ts ? progressReporter(client, logger, channel, ts, row.fileName) : undefined;
  return {
    report: (done: number, all: number) => reporter?.report(done, all),
    /** Says the import waits for its turn behind `ahead` files. */
    async waiting(ahead: number) {
      if (!ts) return;
      await client.chat
        .update({ channel, ts, ...waitingToImportMessage(row.fileName, ahead) })
        .catch((error: unknown) =>
          logger.warn(`Could not say that import ${row.id} waits: ${describe(error)}`),
        );
    },
    /** Shows the outcome in the progress message's place, or in a message of its own; returns where. */
    async show(message: Message): Promise<string | undefined> {
      await reporter?.settled();
      if (ts) {
        try {
          await client.chat.update({ channel, ts, ...message });
          return ts;
        } catch (error) {
          // The outcome is the admin's only confirmation: if it cannot take the progress message's place,
          // it gets a message of its own, and the stale progress message is the lesser harm.
          logger.warn(`Could not show the outcome of import ${row.id} in place: ${describe(error)}`);
        }
      }
      const posted = await client.chat.postMessage({ channel, thread_ts: row.threadTs, ...message });
      return posted.ts;
    },
    /** Takes the progress message away, once its last update is in. */
    async remove() {
      await reporter?.settled();
      if (!ts) return;
      await client.chat
        .delete({ channel, ts })
        .catch((error: unknown) => logger.warn(`Could not remove import progress: ${describe(error)}`));
    },
  };
}

/**
 * What an applied import leaves in its thread: the results file, then the summary in the progress message's place
 * with how the phone system takes the people under it, and the preview closed (it keeps its counts and loses its
 * buttons).
 */
export async function showApplied(
  deps: Deps,
  { client, logger }: { client: WebClient; logger: Logger },
  applied: { value: ImportApplied; actor: string; marked: string[]; previewTs: string | undefined },
  progress: ImportProgress,
): Promise<void> {
  const row = applied.value.import;
  // The results file comes first: the summary is then the last word in the thread (it takes the place of the
  // progress message above the file), and whoever waits for it finds the file there too.
  await postResults(client, logger, row, applied.value.rows);
  const summary = appliedMessage(applied.actor, applied.value);
  const summaryTs = await progress.show(summary);
  if (summaryTs) {
    await followSyncUnder(
      deps,
      client,
      logger,
      { channelId: row.channelId, messageTs: summaryTs },
      summary,
      applied.marked,
      { fileName: row.fileName, requestedBy: applied.actor },
    );
  }
  if (applied.previewTs) {
    await client.chat.update({
      channel: row.channelId,
      ts: applied.previewTs,
      ...closedPreview(row, `Imported by ${mention(applied.actor)}.`),
    });
  }
}

/** The results file of an applied import, in the file's thread: every row's outcome, for a spreadsheet. */
async function postResults(client: WebClient, logger: Logger, row: Row, rows: readonly PlannedRow[]) {
  const filename = resultsFileName(row.fileName);
  const file = await spool(resultsCsv(rows), filename);
  try {
    await uploadSpooled(client, file, {
      channelId: row.channelId,
      threadTs: row.threadTs,
      filename,
      title: filename,
      comment: `What became of each of the ${plural(rows.length, 'row')} of ${row.fileName}: created, updated, unchanged or skipped (with why), with each person's extension and numbers.`,
    });
  } catch (error) {
    // The import stands and its summary says so: only the file of its outcomes is missing.
    logger.warn(`Could not post the results file of import ${row.id}: ${describe(error)}`);
  } finally {
    await discard(file);
  }
}
