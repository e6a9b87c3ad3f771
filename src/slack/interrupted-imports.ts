import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../services/context.ts';
import { recoverInterruptedImports } from '../services/imports/service.ts';
import { interruptedMessage } from './blocks/imports.ts';
import { describe } from './deliver.ts';

/** How often a running instance looks for imports another instance left half-read or half-applied when it died. */
export const INTERRUPTED_IMPORTS_EVERY_MS = 60_000;

/**
 * Marks imports whose reader or applier died as failed and says so in each file's thread, at once and then every minute
 * (an instance that died may not come back; another one on the same database then finds its imports).
 * Returns a function that stops watching, once a sweep under way is done.
 */
export function watchInterruptedImports(deps: Deps, client: WebClient, logger: Logger): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        for (const interrupted of await recoverInterruptedImports(deps)) {
          const row = interrupted.import;
          logger.warn(
            `import ${row.id} (${row.fileName}) was interrupted while ${interrupted.while === 'reading' ? 'being read' : 'being applied'}; marked failed`,
          );
          await client.chat
            .postMessage({
              channel: row.channelId,
              thread_ts: row.threadTs,
              ...interruptedMessage(interrupted),
            })
            .catch((error: unknown) =>
              logger.warn(`Could not report interrupted import ${row.id}: ${describe(error)}`),
            );
        }
      } catch (error) {
        logger.warn(`Could not look for interrupted imports: ${describe(error)}`);
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, INTERRUPTED_IMPORTS_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
