import type { App } from '@slack/bolt';
import { err } from '../../domain/result.ts';
import { refuseAdminOnlyForm, settingsForm } from '../../services/settings/forms.ts';
import { ACTIONS } from '../ids.ts';
import type { Runtime } from '../runtime.ts';
import { sectionView } from '../views/settings/sections.ts';
import { onSettingsButton } from './settings-button.ts';

/** An Edit button of the settings summary: pushes that section's form on top of the summary. */
export function registerSettingsEdit(app: App, runtime: Runtime): void {
  onSettingsButton(
    app,
    runtime,
    ACTIONS.settingsEdit,
    'opening a settings section',
    async ({ deps, actor, args, metadata, ref }) => {
      const form = await settingsForm(deps, actor, ref);
      if (!form.ok) return form;
      // The section shows today's values and remembers their version: a change by someone else before it is
      // saved is refused on save rather than overwritten.
      const view = sectionView(form.value, args.action.value ?? '', deps.clock.now(), metadata.channelId);
      if (view) return void (await args.client.views.push({ trigger_id: args.body.trigger_id, view }));
      // Nothing to open: the user is gone, or the button was made by hand (the summary shows Edit only where
      // the viewer may change something).
      if (form.value.byAdmin)
        return 'This button could not be read. Open the settings again with /phone settings.';
      return err(await refuseAdminOnlyForm(deps, actor));
    },
  );
}
