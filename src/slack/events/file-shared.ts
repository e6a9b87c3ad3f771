import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { logFailure } from '../listener.ts';
import type { Runtime } from '../runtime.ts';
import { addressesApp } from './addressing.ts';
import { fileShareEvent, receiveFileShare } from './audio-upload.ts';
import { isCsvFile, receiveCsvUpload } from './csv-upload.ts';

type MessageArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;

/**
 * Files sent to the app: CSV files to import (only when addressed to the app, see addressesApp) and audio. Slack reports one upload twice: a `message` event (subtype `file_share`) that carries
 * the text with the instruction, and a `file_shared` event that carries only the file id. The upload is handled
 * once, from the message; `file_shared` is acknowledged (Bolt does that before any listener runs) and left alone,
 * since without the text nobody knows what the file is for. Should Slack deliver the message twice, the second
 * delivery finds the same bytes already stored under that name and changes nothing.
 */
export function registerFileShared(app: App, runtime: Runtime): void {
  // Not gated on readiness like other listeners: a file that is not for the app gets no "still starting", and
  // one that is gets it only on Slack's first delivery (see the upload paths).
  app.event('message', async ({ event, context, client, logger }: MessageArgs) => {
    const parsed = fileShareEvent.safeParse(event);
    if (!parsed.success || parsed.data.bot_id) return;
    const upload = {
      deps: runtime.deps(),
      client,
      botToken: context.botToken ?? '',
      botUserId: context.botUserId,
      retryNum: context.retryNum ?? 0,
      logger,
    };
    const csv = (parsed.data.files ?? []).find(isCsvFile);
    await logFailure(logger, 'receiving a file', async () => {
      if (!csv) return receiveFileShare(parsed.data, upload);
      // A CSV in a channel not addressed to the app is someone else's business: not downloaded, not recorded.
      if (!addressesApp(parsed.data, context.botUserId)) return;
      const limits = { limits: runtime.importLimits, turns: runtime.importTurns };
      await receiveCsvUpload(parsed.data, csv, { ...upload, ...limits });
    });
  });
  app.event('file_shared', async () => {});
}
