import type { Logger } from '@slack/bolt';
import type { Deps } from '../services/context.ts';
import type { ImportLimits } from '../services/imports/service.ts';
import type { Turns } from '../services/imports/turns.ts';
import { isDatabaseUnavailable } from '../store/database.ts';

/** What listeners need at run time. `deps` is undefined until the database is migrated and the app is ready. */
export type Runtime = {
  deps: () => Deps | undefined;
  logger: Logger;
  importLimits: ImportLimits;
  /** Turns at reading uploaded CSV files, shared by every upload the process handles. */
  importTurns: Turns;
  /** Brings the status lines under changes up to date (after an admin's retry). */
  refreshSyncReplies?: () => Promise<void>;
};

export const STARTING = 'Switchboard is still starting up; try again in a few seconds.';
export const FAILED =
  'Something went wrong on our side while handling this. Check `/phone history recent` to see whether the change was made before trying again.';
export const UNAVAILABLE =
  "Switchboard can't reach its database right now (it may be restarting). Try again in a minute; if you were making a change, `/phone history recent` shows whether it was saved.";

/** What to tell someone whose request failed: try again later when the database was away, else the general line. */
export function failureText(error: unknown): string {
  return isDatabaseUnavailable(error) ? UNAVAILABLE : FAILED;
}
