import type { App, Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { err } from '../../domain/result.ts';
import { trackingChanges } from '../../services/change-tracking.ts';
import type { PlannedRow } from '../../services/imports/plan.ts';
import {
  type ApplyChoice,
  applyImport,
  canApply,
  cancelImport,
  importToApply,
  notAppliable,
  previewUndo,
  undoImport,
} from '../../services/imports/service.ts';
import {
  appliedMessage,
  closedPreview,
  progressMessage,
  resultsCsv,
  resultsFileName,
  undoCounts,
  undoneMessage,
  undoPrompt,
  waitingToImportMessage,
} from '../blocks/imports.ts';
import { type Message, textMessage } from '../blocks/message.ts';
import { describe } from '../deliver.ts';
import { mention, plural } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { type Answer, asMessage, beside, type Click, onButton, warning } from '../listener.ts';
import { ephemeral } from '../outcome.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime } from '../runtime.ts';
import { discard, spool, uploadSpooled } from '../spool.ts';
import { followSyncUnder, stopFollowingSync } from '../sync-replies.ts';

/** Progress is shown at most this often: Slack rate-limits chat.update to about one call per second per message. */
export const PROGRESS_INTERVAL_MS = 2000;

/** A progress update Slack has not answered by then is given up: the summary waits for it. */
const PROGRESS_TIMEOUT_MS = 10_000;

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

export function registerImportActions(app: App, runtime: Runtime): void {
  const apply =
    (choice: ApplyChoice) =>
    async ({ deps, actor, args, say }: Click): Promise<Answer> => {
      const { action, body, client, logger } = args;
      const found = await importToApply(deps, actor, Number(action.value));
      if (!found.ok) return found;
      const row = found.value;
      // A second click, or a click on an old preview: the first one did (or is doing) the work.
      if (!canApply(row.status, row.content !== null)) return err(notAppliable(row));
      const total = choice === 'all' ? row.counts.rows : row.counts.create + row.counts.update;
      let progressTs: string | undefined;
      try {
        const posted = await client.chat.postMessage({
          channel: row.channelId,
          thread_ts: row.threadTs,
          ...progressMessage(row.fileName, 0, total),
        });
        progressTs = posted.ts;
      } catch (error) {
        logger.warn(`Could not post import progress: ${describe(error)}`);
      }
      const progress = progressTs
        ? progressReporter(client, logger, row.channelId, progressTs, row.fileName)
        : undefined;
      /** Shows the outcome in the progress message's place, or in a message of its own; returns where. */
      const show = async (message: Message): Promise<string | undefined> => {
        await progress?.settled();
        if (progressTs) {
          try {
            await client.chat.update({ channel: row.channelId, ts: progressTs, ...message });
            return progressTs;
          } catch (error) {
            // The outcome is the admin's only confirmation: if it cannot take the progress message's place,
            // it gets a message of its own, and the stale progress message is the lesser harm.
            logger.warn(`Could not show the outcome of import ${row.id} in place: ${describe(error)}`);
          }
        }
        const posted = await client.chat.postMessage({
          channel: row.channelId,
          thread_ts: row.threadTs,
          ...message,
        });
        return posted.ts;
      };
      let result: Awaited<ReturnType<typeof applyImport>>;
      let marked: string[] = [];
      // An apply reads the whole file again: it takes its turn with the files being read, so that the memory of
      // one process holds one large file at a time.
      const endTurn = await runtime.importTurns.take(async (ahead) => {
        if (!progressTs) return;
        await client.chat
          .update({ channel: row.channelId, ts: progressTs, ...waitingToImportMessage(row.fileName, ahead) })
          .catch((error: unknown) =>
            logger.warn(`Could not say that import ${row.id} waits: ${describe(error)}`),
          );
      });
      try {
        const tracked = await trackingChanges(() =>
          applyImport(deps, actor, row.id, choice, (done, all) => progress?.report(done, all)),
        );
        result = tracked.value;
        marked = tracked.requests;
      } catch (error) {
        logger.error(`import ${row.id} failed`, error);
        await show(textMessage(`:x: Nothing was imported. ${failureText(error)}`)).catch(() => {});
        return undefined;
      } finally {
        endTurn();
      }
      try {
        if (!result.ok && result.error.code === 'IMPORT_CLOSED') {
          // Another click (a double click, or the same click delivered to another instance) took the import
          // after this one read it: that click's summary goes to the thread, and a "Nothing was imported" beside
          // it would read as if the import had failed. Only the person who clicked is told.
          await progress?.settled();
          if (progressTs) {
            await client.chat
              .delete({ channel: row.channelId, ts: progressTs })
              .catch((error: unknown) => logger.warn(`Could not remove import progress: ${describe(error)}`));
          }
          await say(warning(result.error));
          return undefined;
        }
        if (!result.ok) {
          await show(textMessage(`:warning: Nothing was imported. ${errorText(result.error)}`));
          return undefined;
        }
        // The results file comes first: the summary is then the last word in the thread (it takes the place of
        // the progress message above the file), and whoever waits for it finds the file there too.
        await postResults(client, logger, row, result.value.rows);
        const summary = appliedMessage(actor.slackUserId, result.value);
        const summaryTs = await show(summary);
        // Under the summary, how the phone system takes the imported people, counted as it goes.
        if (summaryTs) {
          await followSyncUnder(
            deps,
            client,
            logger,
            { channelId: row.channelId, messageTs: summaryTs },
            summary,
            marked,
            { fileName: row.fileName, requestedBy: actor.slackUserId },
          );
        }
        // The preview keeps its counts and loses its buttons. Its ts is recorded just after it is posted; a
        // click in between still names it, as the message the button was on.
        const previewTs = row.previewTs ?? body.message?.ts;
        if (previewTs) {
          await client.chat.update({
            channel: row.channelId,
            ts: previewTs,
            ...closedPreview(result.value.import, `Imported by ${mention(actor.slackUserId)}.`),
          });
        }
      } catch (error) {
        // The import is committed; only a message could not be shown.
        logger.warn(
          `import ${row.id} was applied, but its messages could not be updated: ${describe(error)}`,
        );
      }
      return undefined;
    };

  onButton(app, runtime, ACTIONS.importAll, { name: 'import', run: apply('all') });
  onButton(app, runtime, ACTIONS.importValid, { name: 'import', run: apply('valid') });

  onButton(app, runtime, ACTIONS.importCancel, {
    name: 'cancel import',
    run: async ({ deps, actor, args }) => {
      const result = await cancelImport(deps, actor, Number(args.action.value));
      if (!result.ok) return result;
      const closed = `Cancelled by ${mention(actor.slackUserId)}: nothing was imported.`;
      return { replace: closedPreview(result.value, closed) };
    },
  });

  // Undo asks first: the button (on the summary, or in `/phone imports`) shows what the undo would do now.
  onButton(app, runtime, ACTIONS.importUndo, {
    name: 'undo import preview',
    // The prompt has blocks, and every answer beside it does too.
    surface: (args) => {
      const reply = beside(args);
      return { ...reply, say: (message) => reply.say(asMessage(message)) };
    },
    run: async ({ deps, actor, args }) => {
      const importId = Number(args.action.value);
      const preview = await previewUndo(deps, actor, importId);
      if (!preview.ok) return preview;
      const container = args.body.container as {
        message_ts?: string;
        channel_id?: string;
        is_ephemeral?: boolean;
      };
      const summary =
        !container.is_ephemeral && container.channel_id && container.message_ts
          ? { channel: container.channel_id, ts: container.message_ts }
          : undefined;
      return ephemeral(undoPrompt(preview.value, encodeUndo({ importId, summary })));
    },
  });

  onButton(app, runtime, ACTIONS.importUndoConfirm, {
    name: 'undo import',
    run: async ({ deps, actor, args }) => {
      const { action, body, respond, client, logger } = args;
      const undo = decodeUndo(action.value ?? '');
      if (!undo) {
        const text =
          'This button could not be read; nothing was undone. Use the Undo button in `/phone imports`.';
        return void (await respond({ replace_original: true, text }));
      }
      const result = await undoImport(deps, actor, undo.importId);
      if (!result.ok) return result;
      const { removed, restored } = result.value;
      await respond({ replace_original: true, ...textMessage(`Undone: ${undoCounts(removed, restored)}.`) });
      // In place of the summary whose button was pressed, or else in the file's thread, for the channel to see.
      const message = undoneMessage(body.user.id, result.value);
      const row = result.value.import;
      try {
        // Only a message of the import's own channel is replaced: the button's value is not trusted further.
        if (undo.summary?.channel === row.channelId) {
          // The summary's sync line stops here: its next update would bring the summary back.
          await stopFollowingSync(deps, { channelId: undo.summary.channel, messageTs: undo.summary.ts });
          await client.chat.update({ ...undo.summary, ...message });
        } else await client.chat.postMessage({ channel: row.channelId, thread_ts: row.threadTs, ...message });
      } catch (error) {
        logger.warn(`import ${row.id} was undone, but its thread could not be told: ${describe(error)}`);
        if (undo.summary) {
          await client.chat
            .postMessage({ channel: row.channelId, thread_ts: row.threadTs, ...message })
            .catch(() => {});
        }
      }
      return undefined;
    },
  });

  app.action(ACTIONS.importUndoCancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Cancelled: nothing was undone.' });
  });
}

/** The results file of an applied import, in the file's thread: every row's outcome, for a spreadsheet. */
async function postResults(
  client: WebClient,
  logger: Logger,
  row: { id: number; fileName: string; channelId: string; threadTs: string },
  rows: readonly PlannedRow[],
) {
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

/** What the confirm button carries: the import, and the summary message to replace once it is undone. */
type UndoTarget = { importId: number; summary?: { channel: string; ts: string } | undefined };

function encodeUndo({ importId, summary }: UndoTarget): string {
  return summary ? `${importId}:${summary.channel}:${summary.ts}` : String(importId);
}

function decodeUndo(value: string): UndoTarget | undefined {
  const match = /^(\d{1,15})(?::([A-Z0-9]{1,20}):(\d{1,12}\.\d{1,8}))?$/.exec(value);
  if (!match) return undefined;
  const summary = match[2] && match[3] ? { channel: match[2], ts: match[3] } : undefined;
  return { importId: Number(match[1]), summary };
}
