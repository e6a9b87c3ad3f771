import { previewAdoption } from '../../services/adoption.ts';
import { checkDriftFor } from '../../services/drift.ts';
import { retryFailed, syncStatus } from '../../services/phone-sync.ts';
import type { AccountReadProgress } from '../../services/phone-system.ts';
import { adoptionFile, adoptionPreviewMessage } from '../blocks/adoption.ts';
import { driftFile, driftFileName, driftReportMessage } from '../blocks/drift.ts';
import { textMessage } from '../blocks/message.ts';
import { FAILURES_LISTED, retriedMessage, syncStatusMessage } from '../blocks/phone-sync.ts';
import { ephemeral, type Outcome } from '../outcome.ts';
import { defineCommand } from './command.ts';
import { type HandlerContext, settle } from './context.ts';
import { bare } from './grammar.ts';

/**
 * How long `/phone sync` waits for the phone system to answer its connection check. The answer goes out within
 * Slack's 3 seconds of the command even when the phone system hangs: counts are read meanwhile.
 */
export const CONNECTION_WAIT_MS = 2000;

export function status(ctx: HandlerContext): Promise<Outcome> {
  return settle(
    syncStatus(ctx.deps, ctx.actor, { connectionWaitMs: CONNECTION_WAIT_MS, failureLimit: FAILURES_LISTED }),
    (found) => ephemeral(syncStatusMessage(found)),
  );
}

/**
 * `/phone drift`: reads the phone system's account now and answers with the report, only to the admin who asked;
 * every difference goes to their DM as a file when there are any.
 */
export function drift(ctx: HandlerContext): Promise<Outcome> {
  const progress = readProgress(ctx, 'The report follows here.');
  return settle(checkDriftFor(ctx.deps, ctx.actor, progress.hear).finally(progress.sent), (check) => ({
    ...ephemeral(driftReportMessage(check)),
    ...(check.differences.length > 0
      ? {
          file: {
            filename: driftFileName(check),
            content: driftFile(check),
            title: `Differences between ${check.system} and Switchboard`,
            comment: `Every difference ${check.system} and Switchboard had at the last check, one per line.`,
            to: 'requester' as const,
          },
        }
      : {}),
  }));
}

/**
 * `/phone adopt`: reads the phone system's account and answers with the preview of adopting it, only to the admin
 * who asked; every line and what adoption does with it goes to their DM as a file.
 */
export async function adopt(ctx: HandlerContext): Promise<Outcome> {
  const progress = readProgress(ctx, 'The preview follows here; nothing is adopted until you click.');
  const previewed = previewAdoption(ctx.deps, ctx.actor, progress.hear).finally(progress.sent);
  return settle(previewed, ({ adoption, plan }) => ({
    ...ephemeral(adoptionPreviewMessage(adoption, plan)),
    ...(plan.lines.length > 0
      ? {
          file: {
            filename: `adoption-${adoption.createdAt.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.csv`,
            content: adoptionFile(plan),
            title: `Adopting ${adoption.system}'s account`,
            comment: `Every line ${adoption.system} holds and what adopting it does, one per line.`,
            to: 'requester' as const,
          },
        }
      : {}),
  }));
}

/** Lines of the phone system read before a read is worth a progress message. */
const READ_PROGRESS_AFTER = 1000;

/**
 * A read of a large account says how far it got once, when its first page tells how many lines there are: one
 * message (a response_url is good for five), so that the admin knows it is under way. `sent` settles once that
 * message has gone, so that the answer never overtakes it.
 */
function readProgress(ctx: HandlerContext, then: string) {
  let sending: Promise<void> | undefined;
  const hear = ({ lines, total, settings }: AccountReadProgress) => {
    if (sending || total === null || total <= READ_PROGRESS_AFTER || !ctx.progress) return;
    const system = ctx.deps.phoneSystem?.name ?? 'the phone system';
    const next = settings
      ? " Each person's settings are read next, a few calls each: this takes a while."
      : '';
    sending = ctx.progress(
      `:hourglass_flowing_sand: Reading ${system}'s account at its rate limits: ${lines.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} lines so far.${next} ${then}`,
    );
  };
  return { hear, sent: () => sending ?? Promise.resolve() };
}

// The commands
export type SyncCommand = { name: 'sync' };
export const syncCommand = defineCommand<SyncCommand>({
  name: 'sync',
  lookup: true,
  syntax: 'sync',
  description:
    'Show whether the phone system holds what Switchboard says: its connection, how many people are in sync, being applied or refused (with why), and Retry buttons.',
  example: '/phone sync',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('sync', args, true),
  run: (ctx) => status(ctx),
});

export type AdoptCommand = { name: 'adopt' };
export const adoptCommand = defineCommand<AdoptCommand>({
  name: 'adopt',
  syntax: 'adopt',
  description:
    "Read the phone system's whole account and preview adopting it into Switchboard: who is created, updated, already equal, in conflict or refused, with buttons to adopt. Nothing is sent to the phone system.",
  example: '/phone adopt',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('adopt', args),
  run: (ctx) => adopt(ctx),
});

export type DriftCommand = { name: 'drift' };
export const driftCommand = defineCommand<DriftCommand>({
  name: 'drift',
  syntax: 'drift',
  description:
    "Compare the phone system's account with Switchboard now: who differs, in which field, each side's value, with buttons to keep Switchboard's values or take the phone system's.",
  example: '/phone drift',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('drift', args),
  run: (ctx) => drift(ctx),
});

export type SyncRetryCommand = { name: 'sync.retry' };
/** The Retry all button of `/phone sync`, for an admin who no longer has that message at hand. */
export const syncRetryCommand = defineCommand<SyncRetryCommand>({
  name: 'sync.retry',
  syntax: 'sync retry',
  description:
    'Send the phone system again every change it refused, once the cause is fixed (`/phone sync` shows why).',
  example: '/phone sync retry',
  audience: 'admin',
  section: 'Account',
  parse: (args) => bare('sync.retry', args),
  run: (ctx) =>
    settle(retryFailed(ctx.deps, ctx.actor), ({ retried }) =>
      ephemeral(textMessage(retriedMessage(retried, ctx.deps.phoneSystem?.name))),
    ),
});

/** The commands of this file, in the order help lists them. */
export const commands = [syncCommand, syncRetryCommand, adoptCommand, driftCommand] as const;
