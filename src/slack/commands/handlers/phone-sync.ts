import { previewAdoption } from '../../../services/adoption.ts';
import { checkDriftFor } from '../../../services/drift.ts';
import { syncStatus } from '../../../services/phone-sync.ts';
import { adoptionFile, adoptionPreviewMessage } from '../../blocks/adoption.ts';
import { driftFile, driftReportMessage } from '../../blocks/drift.ts';
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
  return settle(checkDriftFor(ctx.deps, ctx.actor), (check) => ({
    ...ephemeral(driftReportMessage(check)),
    ...(check.differences.length > 0
      ? {
          file: {
            filename: `drift-${check.startedAt.toISOString().slice(0, 16).replace(/[-:T]/g, '')}.csv`,
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
export function adopt(ctx: HandlerContext): Promise<Outcome> {
  return settle(previewAdoption(ctx.deps, ctx.actor), ({ adoption, plan }) => ({
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
