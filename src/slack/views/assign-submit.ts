import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { MAX_USERS_PER_REQUEST } from '../../domain/people.ts';
import { assignLicenses } from '../../services/licenses.ts';
import { planCatalog } from '../../store/plans.ts';
import { findSiteById } from '../../store/sites.ts';
import { assignedMessage } from '../blocks/results.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../ids.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';
import { assignMetadata } from './assign-modal.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs;

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

export function registerAssignSubmit(app: App, runtime: Runtime): void {
  app.view(VIEWS.assign, async ({ ack, body, view, client, logger }: Args) => {
    const deps = runtime.deps();
    if (!deps)
      return void (await ack({ response_action: 'errors', errors: { [ASSIGN_BLOCKS.users]: STARTING } }));
    const values = state.safeParse(view.state.values);
    const metadata = assignMetadata.safeParse(readJson(view.private_metadata));
    if (!values.success || !metadata.success) {
      return void (await ack({
        response_action: 'errors',
        errors: {
          [ASSIGN_BLOCKS.users]: 'This form could not be read. Close it and run /phone assign again.',
        },
      }));
    }
    const users = values.data[ASSIGN_BLOCKS.users][ASSIGN_INPUTS.users].selected_users;
    const siteId = Number(values.data[ASSIGN_BLOCKS.site][ASSIGN_INPUTS.site].selected_option?.value);
    const planCode = values.data[ASSIGN_BLOCKS.plan]?.[ASSIGN_INPUTS.plan].selected_option?.value;
    // Checks that need no network go in the acknowledgement so the modal can show them in place.
    if (users.length === 0)
      return void (await ack({
        response_action: 'errors',
        errors: { [ASSIGN_BLOCKS.users]: 'Choose at least one person.' },
      }));
    if (users.length > MAX_USERS_PER_REQUEST) {
      return void (await ack({
        response_action: 'errors',
        errors: {
          [ASSIGN_BLOCKS.users]: `Choose at most ${MAX_USERS_PER_REQUEST} people; use a CSV import for more.`,
        },
      }));
    }
    const site = Number.isInteger(siteId) ? await findSiteById(deps.db, siteId) : undefined;
    if (!site)
      return void (await ack({
        response_action: 'errors',
        errors: { [ASSIGN_BLOCKS.site]: 'Choose a site from the list.' },
      }));
    const plan = planCode ? (await planCatalog(deps.db)).find((p) => String(p.code) === planCode) : undefined;
    if (planCode && !plan)
      return void (await ack({
        response_action: 'errors',
        errors: { [ASSIGN_BLOCKS.plan]: 'Choose a plan from the list.' },
      }));

    // Looking up up to 100 profiles can outlast Slack's 3 seconds: close the modal now and report in the channel.
    await ack();
    const channel = metadata.data.channelId;
    const actor = { slackUserId: body.user.id };
    try {
      const result = await assignLicenses(deps, actor, {
        users: users.map((id) => ({ kind: 'slack' as const, id, raw: `<@${id}>` })),
        site: site.name,
        plan: plan ? String(plan.code) : undefined,
      });
      if (!result.ok) {
        const text = `:warning: ${errorText(result.error)}`;
        await client.chat.postEphemeral({ channel, user: actor.slackUserId, text }).catch(() => {});
        return;
      }
      await client.chat.postMessage({ channel, ...assignedMessage(actor.slackUserId, result.value) });
    } catch (error) {
      logger.error('assign modal failed', error);
      await client.chat
        .postEphemeral({ channel, user: actor.slackUserId, text: `:x: ${failureText(error)}` })
        .catch(() => {});
    }
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
