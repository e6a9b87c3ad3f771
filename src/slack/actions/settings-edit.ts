import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { refuseAdminOnlyForm, settingsForm } from '../../services/settings/forms.ts';
import { noteOnSettingsForm } from '../deliver.ts';
import { ACTIONS } from '../ids.ts';
import { formError } from '../names.ts';
import { failureText, type Runtime } from '../runtime.ts';
import { decodeFormMetadata } from '../views/settings/metadata.ts';
import { sectionView } from '../views/settings/sections.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** An Edit button of the settings summary: pushes that section's form on top of the summary. */
export function registerSettingsEdit(app: App, runtime: Runtime): void {
  app.action(ACTIONS.settingsEdit, async ({ ack, action, body, client, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    const metadata = decodeFormMetadata(body.view?.private_metadata);
    if (!deps || !metadata) return;
    try {
      const form = await settingsForm(
        deps,
        { slackUserId: body.user.id },
        {
          kind: 'directory',
          id: metadata.directoryUserId,
          raw: `#${metadata.directoryUserId}`,
        },
      );
      // The section shows today's values and remembers their version: a change by someone else before it is
      // saved is refused on save rather than overwritten.
      const view = form.ok
        ? sectionView(form.value, action.value ?? '', deps.clock.now(), metadata.channelId)
        : undefined;
      if (view) return void (await client.views.push({ trigger_id: body.trigger_id, view }));
      // Nothing to open: the user is gone, or the button was made by hand (the summary shows Edit only where
      // the viewer may change something).
      const refusal = !form.ok
        ? `:warning: ${await formError(client, form.error)}`
        : form.value.byAdmin
          ? 'This button could not be read. Open the settings again with /phone settings.'
          : `:warning: ${await formError(client, await refuseAdminOnlyForm(deps, { slackUserId: body.user.id }))}`;
      await noteOnSettingsForm(client, body.trigger_id, refusal);
    } catch (error) {
      logger.error('opening a settings section failed', error);
      await noteOnSettingsForm(client, body.trigger_id, `:x: ${failureText(error)}`).catch(() => {});
    }
  });
}
