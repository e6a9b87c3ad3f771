import type { App } from '@slack/bolt';
import * as people from '../commands/people.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, replaceWith } from '../listener.ts';
import { decodeListCursor } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';

/** The Next button under `/phone list`: the next page replaces the current one. */
export function registerListNext(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.listNext, {
    name: 'list next',
    run: async ({ deps, actor, args }) => {
      const cursor = decodeListCursor(args.action.value);
      if (!cursor) return replaceWith(args, 'This list could not be continued; run `/phone list` again.');
      const channelId = args.body.channel?.id ?? '';
      const outcome = await people.list({ deps, actor, channelId }, cursor.query, cursor.after);
      return { replace: outcome.ephemeral ?? outcome.channel };
    },
  });
}
