import { syncStatus } from '../../../services/phone-sync.ts';
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
