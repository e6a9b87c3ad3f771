import type { App } from '@slack/bolt';
import { z } from 'zod';
import { MAX_USERS_PER_REQUEST } from '../../domain/people.ts';
import { assignLicenses } from '../../services/licenses.ts';
import { planCatalog } from '../../store/plans.ts';
import { findSiteById } from '../../store/sites.ts';
import { assignedMessage } from '../blocks/results.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../ids.ts';
import { onSubmission, textOrMessage, type Verdict } from '../listener.ts';
import type { Runtime } from '../runtime.ts';
import { assignMetadata } from './assign-modal.ts';

const state = z.object({
  [ASSIGN_BLOCKS.site]: z.object({
    [ASSIGN_INPUTS.site]: z.object({ selected_option: z.object({ value: z.string() }).nullable() }),
  }),
  [ASSIGN_BLOCKS.users]: z.object({
    [ASSIGN_INPUTS.users]: z.object({ selected_users: z.array(z.string()) }),
  }),
  [ASSIGN_BLOCKS.plan]: z
    .object({
      [ASSIGN_INPUTS.plan]: z.object({
        selected_option: z.object({ value: z.string() }).nullable().optional(),
      }),
    })
    .optional(),
});

/**
 * The assign modal: what needs no network is checked in the acknowledgement, so the modal shows it under the field;
 * then the modal closes and the result is posted in the channel it was opened from (a refusal or a failure only to
 * the admin).
 */
export function registerAssignSubmit(app: App, runtime: Runtime): void {
  onSubmission(app, runtime, {
    callbackId: VIEWS.assign,
    name: 'assign modal',
    generalBlock: ASSIGN_BLOCKS.users,
    run: async ({ deps, actor, args: { view, client } }): Promise<Verdict> => {
      const under = (block: string, text: string) => ({ errors: { [block]: text } });
      const values = state.safeParse(view.state.values);
      const metadata = assignMetadata.safeParse(readJson(view.private_metadata));
      if (!values.success || !metadata.success) {
        return under(
          ASSIGN_BLOCKS.users,
          'This form could not be read. Close it and run /phone assign again.',
        );
      }
      const users = values.data[ASSIGN_BLOCKS.users][ASSIGN_INPUTS.users].selected_users;
      const siteId = Number(values.data[ASSIGN_BLOCKS.site][ASSIGN_INPUTS.site].selected_option?.value);
      const planCode = values.data[ASSIGN_BLOCKS.plan]?.[ASSIGN_INPUTS.plan].selected_option?.value;
      if (users.length === 0) return under(ASSIGN_BLOCKS.users, 'Choose at least one person.');
      if (users.length > MAX_USERS_PER_REQUEST) {
        const text = `Choose at most ${MAX_USERS_PER_REQUEST} people; use a CSV import for more.`;
        return under(ASSIGN_BLOCKS.users, text);
      }
      const site = Number.isInteger(siteId) ? await findSiteById(deps.db, siteId) : undefined;
      if (!site) return under(ASSIGN_BLOCKS.site, 'Choose a site from the list.');
      const plan = planCode
        ? (await planCatalog(deps.db)).find((p) => String(p.code) === planCode)
        : undefined;
      if (planCode && !plan) return under(ASSIGN_BLOCKS.plan, 'Choose a plan from the list.');
      // Looking up up to 100 profiles can outlast Slack's 3 seconds: close the modal now and report in the channel.
      const channel = metadata.data.channelId;
      return {
        close: true,
        tell: (message) =>
          client.chat
            .postEphemeral({ channel, user: actor.slackUserId, ...textOrMessage(message) })
            .catch(() => {}),
        after: async () => {
          const result = await assignLicenses(deps, actor, {
            users: users.map((id) => ({ kind: 'slack' as const, id, raw: `<@${id}>` })),
            site: site.name,
            plan: plan ? String(plan.code) : undefined,
          });
          if (!result.ok) return result;
          await client.chat.postMessage({ channel, ...assignedMessage(actor.slackUserId, result.value) });
        },
      };
    },
  });
}

/** private_metadata as the form wrote it, or undefined: it comes back from Slack, where anyone could write it. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
