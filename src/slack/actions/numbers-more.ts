import type { App } from '@slack/bolt';
import { numbers, reserved } from '../commands/account.ts';
import { ACTIONS } from '../ids.ts';
import { onButton, replaceWith } from '../listener.ts';
import { decodeNumbersCursor, decodeReservedCursor } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';

/** The More buttons under `/phone numbers` and `/phone reserved`: the next page, after the last line shown. */
export function registerNumbersMore(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.numbersMore, {
    name: 'numbers more',
    run: async ({ deps, actor, args }) => {
      const cursor = decodeNumbersCursor(args.action.value);
      if (!cursor) return replaceWith(args, 'This list could not be continued; run `/phone numbers` again.');
      const channelId = args.body.channel?.id ?? '';
      const from = { after: cursor.after, before: cursor.before };
      const outcome = await numbers({ deps, actor, channelId }, cursor.free, cursor.site, from);
      return { replace: outcome.ephemeral ?? outcome.channel };
    },
  });
  onButton(app, runtime, ACTIONS.reservedMore, {
    name: 'reserved more',
    run: async ({ deps, actor, args }) => {
      const cursor = decodeReservedCursor(args.action.value);
      if (!cursor) return replaceWith(args, 'This list could not be continued; run `/phone reserved` again.');
      const channelId = args.body.channel?.id ?? '';
      const outcome = await reserved({ deps, actor, channelId }, cursor);
      return { replace: outcome.ephemeral ?? outcome.channel };
    },
  });
}
