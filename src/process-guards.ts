import type { Logger } from '@slack/bolt';

export type Guarded = {
  logger: Logger;
  /** Stops the running app (closes the server and the database); undefined until it has started. */
  stop: () => (() => Promise<void>) | undefined;
  /** Synchronous clean-up that must happen however the process ends (spooled files of account data). */
  cleanUp: () => void;
  exit?: (code: number) => void;
};

/** How long a stop after an unexpected exception may take before the process exits anyway. */
export const STOP_GRACE_MS = 10_000;

/**
 * What the process does with an error that nothing handled. A promise rejected with no handler is one request's
 * failure: it is logged and the app keeps serving (its transaction, if any, was rolled back). An exception thrown
 * past every handler may have left a library half-way through its work, so the app is stopped cleanly and the
 * process exits with 1, for its supervisor (systemd, a container's restart policy) to start it afresh.
 */
export function guardProcess({ logger, stop, cleanUp, exit = (code) => process.exit(code) }: Guarded): void {
  let exiting = false;
  process.on('unhandledRejection', (reason) => {
    logger.error('A promise was rejected and nothing handled it; Switchboard keeps serving.', reason);
  });
  process.on('uncaughtException', (error) => {
    logger.error('Unexpected error; Switchboard stops so that its supervisor can start it afresh.', error);
    if (exiting) return;
    exiting = true;
    const timer = setTimeout(() => exit(1), STOP_GRACE_MS);
    timer.unref();
    const stopping = stop()?.() ?? Promise.resolve();
    stopping.catch(() => {}).finally(() => exit(1));
  });
  process.once('exit', cleanUp);
}
