import { requireAdmin } from '../../../services/context.ts';
import { type ExportFilter, exportPhoneUsers } from '../../../services/imports/export.ts';
import { recentImports } from '../../../services/imports/service.ts';
import { importsList, sampleCsv, sampleExplanation } from '../../blocks/imports.ts';
import { textMessage } from '../../blocks/message.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { spool } from '../../spool.ts';
import { type HandlerContext, settle } from './context.ts';

export async function sample(ctx: HandlerContext, mode: 'add' | 'update'): Promise<Outcome> {
  return settle(requireAdmin(ctx.deps, ctx.actor, 'import'), () => ({
    ephemeral: sampleExplanation(mode),
    file: {
      filename: mode === 'add' ? 'phone-users-add-sample.csv' : 'phone-users-update-sample.csv',
      content: Buffer.from(sampleCsv(mode), 'utf8'),
      title: mode === 'add' ? 'Sample add file' : 'Sample update file',
      comment: `Sample ${mode} file: a header row and two example rows.`,
    },
  }));
}

export async function list(ctx: HandlerContext): Promise<Outcome> {
  return settle(recentImports(ctx.deps, ctx.actor), (rows) => ephemeral(importsList(rows)));
}

/**
 * Sends the export to the requester's DM with the app, wherever they asked. Writes it to a temporary file a batch at a time, and the upload streams it from there: memory holds
 * one batch, however many users there are.
 */
export async function exportUsers(ctx: HandlerContext, filter: ExportFilter): Promise<Outcome> {
  return settle(exportPhoneUsers(ctx.deps, ctx.actor, filter), async (stream) => {
    const date = ctx.deps.clock.now().toISOString().slice(0, 10);
    const filename = `phone-users-${date}.csv`;
    let rows = 0;
    async function* text() {
      for await (const chunk of stream.rows()) {
        rows += chunk.users;
        yield chunk.text;
      }
    }
    const content = await spool(text(), filename);
    const what = stream.describe ? ` (${stream.describe})` : '';
    // The file holds every email, extension, number and address: it goes to the requester alone.
    return {
      ephemeral: textMessage(
        `Exported ${rows} phone users${what}: the file is in your direct messages with the app, as it holds everyone's email, numbers and address. Edit it and upload it back with the word \`update\` in the message to apply the changes.`,
      ),
      file: {
        filename,
        content,
        title: `Phone users ${date}`,
        comment: `Phone users export${what}: ${rows} rows. Edit it and send it back here with the word \`update\` to apply the changes.`,
        to: 'requester',
      },
    };
  });
}
