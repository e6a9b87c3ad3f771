import type { App } from '@slack/bolt';
import * as people from '../commands/people.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, replaceWith } from '../listener.ts';
import { decodeHistoryCursor } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';

/** The More button under `/phone history`: the older entries replace the page shown, as the list's Next does. */
export function registerHistoryMore(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.historyMore, {
    name: 'history more',
    run: async ({ deps, actor, args }) => {
      const cursor = decodeHistoryCursor(args.action.value);
      if (!cursor)
        return replaceWith(args, 'This history could not be continued; run `/phone history` again.');
      const channelId = args.body.channel?.id ?? '';
      const ref =
        cursor.subject === 'recent'
          ? 'recent'
          : { kind: 'directory' as const, id: cursor.subject, raw: `u:${cursor.subject}` };
      const outcome = await people.showHistory({ deps, actor, channelId }, ref, cursor.before);
      return { replace: outcome.ephemeral ?? outcome.channel };
    },
  });
}
