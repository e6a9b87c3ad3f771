import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../services/context.ts';
import { planCatalog } from '../../store/plans.ts';
import { listSites } from '../../store/sites.ts';
import { BLOCK_KIT } from '../blocks/limits.ts';
import { clip } from '../format.ts';
import { ASSIGN_BLOCKS, ASSIGN_INPUTS, VIEWS } from '../ids.ts';

const option = (text: string, value: string) => ({
  text: { type: 'plain_text' as const, text: clip(text, BLOCK_KIT.optionText) },
  value,
});

export const assignMetadata = z.object({ channelId: z.string().regex(/^[CGD][A-Z0-9]+$/) });

/** The modal behind `/phone assign` with no people named: site, people (up to 100) and an optional plan. */
export async function assignModal(
  deps: Deps,
  channelId: string,
  preset: { site?: string; plan?: string },
): Promise<types.ModalView> {
  const [sites, plans] = await Promise.all([listSites(deps.db), planCatalog(deps.db)]);
  const siteOptions = sites.slice(0, 100).map((site) => option(site.name, String(site.id)));
  const planOptions = plans.slice(0, 100).map((plan) => option(plan.shortName, String(plan.code)));
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
      {
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
