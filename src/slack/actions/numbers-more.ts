import type { App } from '@slack/bolt';
import { numbers } from '../commands/account.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, replaceWith } from '../listener.ts';
import { decodeNumbersCursor } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';

/** The More button under `/phone numbers`: the next page, from the number after the last one shown. */
export function registerNumbersMore(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.numbersMore, {
    name: 'numbers more',
    run: async ({ deps, actor, args }) => {
      const cursor = decodeNumbersCursor(args.action.value);
      if (!cursor) return replaceWith(args, 'This list could not be continued; run `/phone numbers` again.');
      const channelId = args.body.channel?.id ?? '';
      const outcome = await numbers({ deps, actor, channelId }, cursor.free, cursor.site, cursor.after);
      return { replace: outcome.ephemeral ?? outcome.channel };
    },
  });
}
