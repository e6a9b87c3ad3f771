import type { Logger } from '@slack/bolt';
import type { Deps } from '../services/context.ts';
import type { ImportLimits } from '../services/imports/service.ts';

/** What listeners need at run time. `deps` is undefined until the database is migrated and the app is ready. */
export type Runtime = { deps: () => Deps | undefined; logger: Logger; importLimits: ImportLimits };

export const STARTING = 'Switchboard is still starting up; try again in a few seconds.';
export const FAILED =
  'Something went wrong on our side while handling this. Check `/phone history recent` to see whether the change was made before trying again.';
