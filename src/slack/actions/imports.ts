import type { App } from '@slack/bolt';
import { err, type Result } from '../../domain/result.ts';
import { trackingChanges } from '../../services/change-tracking.ts';
import {
  type ApplyChoice,
  applyImport,
  canApply,
  cancelImport,
  type ImportApplied,
  importToApply,
  notAppliable,
  previewUndo,
  undoImport,
} from '../../services/imports/service.ts';
import { closedPreview, undoCounts, undoneMessage, undoPrompt } from '../blocks/imports.ts';
import { textMessage } from '../blocks/message.ts';
import { describe } from '../deliver.ts';
import { mention } from '../format.ts';
import { ACTIONS } from '../ids.ts';
import { type Answer, beside, type Click, inBlocks, onButton, onCancel, replaceWith } from '../listener.ts';
import { ephemeral } from '../outcome.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime } from '../runtime.ts';
import { stopFollowingSync } from '../sync-replies.ts';
import { importProgress, showApplied } from './import-progress.ts';

export function registerImportActions(app: App, runtime: Runtime): void {
  const apply =
    (choice: ApplyChoice) =>
    async ({ deps, actor, args }: Click): Promise<Answer> => {
      const { action, body, client, logger } = args;
      const found = await importToApply(deps, actor, Number(action.value));
      if (!found.ok) return found;
      const row = found.value;
      // A second click, or a click on an old preview: the first one did (or is doing) the work.
      if (!canApply(row.status, row.content !== null)) return err(notAppliable(row));
      const total = choice === 'all' ? row.counts.rows : row.counts.create + row.counts.update;
      const progress = await importProgress(client, logger, row, total);
      // An apply reads the whole file again: it takes its turn with the files being read, so that the memory of
      // one process holds one large file at a time.
      const endTurn = await runtime.importTurns.take((ahead) => progress.waiting(ahead));
      let applied: { value: Result<ImportApplied>; requests: string[] };
      try {
        applied = await trackingChanges(() => applyImport(deps, actor, row.id, choice, progress.report));
      } catch (error) {
        logger.error(`import ${row.id} failed`, error);
        await progress.show(textMessage(`:x: Nothing was imported. ${failureText(error)}`)).catch(() => {});
        return;
      } finally {
        endTurn();
      }
      const result = applied.value;
      if (!result.ok && result.error.code === 'IMPORT_CLOSED') {
        // Another click (a double click, or the same click delivered to another instance) took the import after
        // this one read it: that click's summary goes to the thread, and a "Nothing was imported" beside it would
        // read as if the import had failed. Only the person who clicked is told.
        await progress.remove();
        return result;
      }
      // The preview's ts is recorded just after it is posted; a click in between still names it, as the message
      // the button was on.
      const previewTs = row.previewTs ?? body.message?.ts;
      try {
        if (!result.ok) {
          await progress.show(textMessage(`:warning: Nothing was imported. ${errorText(result.error)}`));
        } else {
          const outcome = {
            value: result.value,
            actor: actor.slackUserId,
            marked: applied.requests,
            previewTs,
          };
          await showApplied(deps, args, outcome, progress);
        }
      } catch (error) {
        // The import is committed; only a message could not be shown.
        logger.warn(
          `import ${row.id} was applied, but its messages could not be updated: ${describe(error)}`,
        );
      }
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
    surface: (args) => inBlocks(beside(args)),
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
      if (!undo)
        return replaceWith(
          args,
          'This button could not be read; nothing was undone. Use the Undo button in `/phone imports`.',
        );
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
    },
  });

  onCancel(app, ACTIONS.importUndoCancel, 'Cancelled: nothing was undone.');
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
