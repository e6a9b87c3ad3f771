import { requireAdmin } from '../../services/context.ts';
import { type ExportFilter, exportPhoneUsers } from '../../services/imports/export.ts';
import { recentImports } from '../../services/imports/service.ts';
import { importsList, sampleCsv, sampleExplanation } from '../blocks/imports.ts';
import { textMessage } from '../blocks/message.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { spool } from '../spool.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import {
  bare,
  fail,
  keyword,
  ok,
  type Read,
  readOptions,
  readStatus,
  showToken,
  unexpected,
} from './grammar.ts';
import type { Token } from './tokenize.ts';

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

// The commands
export type ImportSampleCommand = { name: 'import.sample'; mode: 'add' | 'update' };
export const importSampleCommand = defineCommand<ImportSampleCommand>({
  name: 'import.sample',
  syntax: 'import [update]',
  description:
    'Explain the CSV format and post a sample file: add (new phone users) or update (the export format). To import, send the CSV file to the app\u2019s DM, or upload it to a channel with the app in it with a message that mentions the app or starts with import or update (update for an update file); other files in a channel are left alone.',
  example: '/phone import update',
  audience: 'admin',
  section: 'Import & export',
  parse: parseImport,
  run: (ctx, c) => sample(ctx, c.mode),
});

export type ImportsCommand = { name: 'imports' };
export const importsCommand = defineCommand<ImportsCommand>({
  name: 'imports',
  lookup: true,
  syntax: 'imports',
  description:
    'List recent imports: who, when, file, mode, counts and status, with *Undo* beside those that can still be undone.',
  example: '/phone imports',
  audience: 'admin',
  section: 'Import & export',
  parse: (args) => bare('imports', args),
  run: (ctx) => list(ctx),
});

export type ExportCommand = { name: 'export'; site?: string; status?: 'active' | 'inactive'; plan?: string };
export const exportCommand = defineCommand<ExportCommand>({
  name: 'export',
  syntax: 'export [site:<site>] [status:active|inactive] [plan:<plan>]',
  description:
    'Send the phone users as a CSV file, in the update format, to your DM with the app: edit it and upload it back.',
  example: '/phone export site:Main',
  audience: 'admin',
  section: 'Import & export',
  parse: parseExport,
  run: (ctx, c) => exportUsers(ctx, { site: c.site, status: c.status, plan: c.plan }),
});

/** `import` alone explains the add file; `import update` the update file. */
function parseImport(args: Token[]): Read<ImportSampleCommand> {
  const [first, ...rest] = args;
  return first && keyword(first) === 'update'
    ? parseImportSample('update', rest)
    : parseImportSample('add', args);
}

function parseImportSample(mode: 'add' | 'update', args: Token[]): Read<ImportSampleCommand> {
  const [extra] = args;
  const name = 'import.sample';
  if (!extra) return ok({ name, mode });
  return fail(
    `Unexpected ${showToken(extra)}: \`import\` takes nothing else, or \`update\`. To import, upload the CSV file to this channel.`,
    name,
  );
}

function parseExport(args: Token[]): Read<ExportCommand> {
  const read = readOptions('export', args, ['site', 'status', 'plan']);
  if (!read.ok) return read;
  const { status, ...options } = read.value.options;
  const command: ExportCommand = { name: 'export', ...options };
  if (status !== undefined) {
    const read = readStatus(status, 'export');
    if (!read.ok) return read;
    command.status = read.value;
  }
  const [extra] = read.value.rest;
  if (extra) return unexpected('export', extra);
  return ok(command);
}

/** The commands of this file, in the order help lists them. */
export const commands = [importSampleCommand, importsCommand, exportCommand] as const;
