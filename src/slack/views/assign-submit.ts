import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { DomainError } from '../../domain/errors.ts';
import { MAX_USERS_PER_REQUEST } from '../../domain/people.ts';
import { checkAssignChoice } from '../../services/assign-choices.ts';
import { assignLicenses } from '../../services/licenses.ts';
import { assignedMessage } from '../blocks/results.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../ids.ts';
import { onSubmission, textOrMessage, type Verdict } from '../listener.ts';
import { formError } from '../names.ts';
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
      const plan = planCode === undefined ? undefined : Number(planCode);
      if (!Number.isInteger(siteId)) return under(ASSIGN_BLOCKS.site, 'Choose a site from the list.');
      if (plan !== undefined && !Number.isInteger(plan)) {
        return under(ASSIGN_BLOCKS.plan, 'Choose a plan from the list.');
      }
      // What the database alone can refuse is refused here, under its field, with the admin's choices kept.
      const checked = await checkAssignChoice(deps, actor, { slackUserIds: users, siteId, planCode: plan });
      if (!checked.ok) {
        const block = blockOf(checked.error);
        if (block === ASSIGN_BLOCKS.site) return under(block, 'Choose a site from the list.');
        if (checked.error.code === 'PLAN_NOT_FOUND') return under(block, 'Choose a plan from the list.');
        return under(block, await formError(client, checked.error));
      }
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
            site: checked.value.site,
            plan: plan === undefined ? undefined : String(plan),
          });
          if (!result.ok) return result;
          await client.chat.postMessage({ channel, ...assignedMessage(actor.slackUserId, result.value) });
        },
      };
    },
  });
}

/** The field a refusal belongs under; what concerns the whole choice goes under People. */
function blockOf(error: DomainError): string {
  switch (error.code) {
    case 'SITE_NOT_FOUND':
      return ASSIGN_BLOCKS.site;
    case 'PLAN_NOT_FOUND':
    case 'PLAN_NONE_LEFT':
      return ASSIGN_BLOCKS.plan;
    default:
      return ASSIGN_BLOCKS.users;
  }
}

/** private_metadata as the form wrote it, or undefined: it comes back from Slack, where anyone could write it. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
