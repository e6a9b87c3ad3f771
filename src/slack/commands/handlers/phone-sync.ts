import { previewAdoption } from '../../../services/adoption.ts';
import { checkDriftFor } from '../../../services/drift.ts';
import { syncStatus } from '../../../services/phone-sync.ts';
import type { AccountReadProgress } from '../../../services/phone-system.ts';
import { adoptionFile, adoptionPreviewMessage } from '../../blocks/adoption.ts';
import { driftFile, driftFileName, driftReportMessage } from '../../blocks/drift.ts';
import { FAILURES_LISTED, syncStatusMessage } from '../../blocks/phone-sync.ts';
import { ephemeral, type Outcome } from '../../outcome.ts';
import { type HandlerContext, settle } from './context.ts';

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
