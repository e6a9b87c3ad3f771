import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { AssignChoices, OwnedPlan } from '../../services/assign-choices.ts';
import { BLOCK_KIT } from '../blocks/limits.ts';
import { clip } from '../format.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../ids.ts';

const option = (text: string, value: string) => ({
  text: { type: 'plain_text' as const, text: clip(text, BLOCK_KIT.optionText) },
  value,
});

/** Slack refuses a list without options: with no plan owned, the form says how to get some. */
const noPlans = {
  type: 'context' as const,
  block_id: ASSIGN_BLOCKS.noPlans,
  elements: [
    {
      type: 'mrkdwn' as const,
      text: 'No calling plan to give: the account owns none yet. Set how many it owns with `/phone plans set`.',
    },
  ],
};

export const assignMetadata = z.object({ channelId: z.string().regex(/^[CGD][A-Z0-9]+$/) });

/** "US/CA Unlimited (3 free)": a plan the account owns, as a list offers it. */
export const planOption = (plan: OwnedPlan) =>
  option(`${plan.shortName} (${plan.free} free)`, String(plan.code));

/**
 * The modal behind `/phone assign` with no people named: site, people (up to 100) and an optional plan among
 * those the account owns.
 */
export function assignModal(
  { sites, plans }: AssignChoices,
  channelId: string,
  preset: { site?: string; plan?: string },
): types.ModalView {
  const siteOptions = sites.map((site) => option(site.name, String(site.id)));
  const planOptions = plans.map(planOption);
  const presetSite =
    siteOptions.find((o) => o.text.text.toLowerCase() === preset.site?.toLowerCase()) ?? siteOptions[0];
  return {
    type: 'modal',
    callback_id: VIEWS.assign,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Assign phone licenses' },
    submit: { type: 'plain_text', text: 'Assign' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: ASSIGN_BLOCKS.site,
        label: { type: 'plain_text', text: 'Site' },
        element: {
          type: 'static_select',
          action_id: ASSIGN_INPUTS.site,
          options: siteOptions,
          ...(presetSite ? { initial_option: presetSite } : {}),
        },
      },
      {
        type: 'input',
        block_id: ASSIGN_BLOCKS.users,
        label: { type: 'plain_text', text: 'People' },
        hint: {
          type: 'plain_text',
          text: 'Up to 100 at a time. Each gets the next free extension of the site.',
        },
        element: {
          type: 'multi_users_select',
          action_id: ASSIGN_INPUTS.users,
          max_selected_items: 100,
          placeholder: { type: 'plain_text', text: 'Choose people' },
        },
      },
      planOptions.length === 0
        ? noPlans
        : {
            type: 'input',
            block_id: ASSIGN_BLOCKS.plan,
            optional: true,
            label: { type: 'plain_text', text: 'Calling plan' },
            hint: { type: 'plain_text', text: 'Optional: without one, people can only make internal calls.' },
            element: {
              type: 'static_select',
              action_id: ASSIGN_INPUTS.plan,
              options: planOptions,
              placeholder: { type: 'plain_text', text: 'No calling plan' },
            },
          },
    ],
  };
}
