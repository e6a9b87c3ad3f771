import type { App } from '@slack/bolt';
import { err } from '../../domain/result.ts';
import { refuseAdminOnlyForm, settingsForm } from '../../services/settings/forms.ts';
import { ACTIONS } from '../ids.ts';
import { noteModal, onButton } from '../listener.ts';
import type { Runtime } from '../runtime.ts';
import { decodeFormMetadata } from '../views/settings/metadata.ts';
import { sectionView } from '../views/settings/sections.ts';

/** An Edit button of the settings summary: pushes that section's form on top of the summary. */
export function registerSettingsEdit(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.settingsEdit, {
    name: 'opening a settings section',
    surface: noteModal('Settings'),
    whileStarting: 'silent',
    run: async ({ deps, actor, args }) => {
      const { action, body, client } = args;
      const metadata = decodeFormMetadata(body.view?.private_metadata);
      if (!metadata) return;
      const { directoryUserId: id, channelId } = metadata;
      const form = await settingsForm(deps, actor, { kind: 'directory', id, raw: `#${id}` });
      if (!form.ok) return form;
      // The section shows today's values and remembers their version: a change by someone else before it is
      // saved is refused on save rather than overwritten.
      const view = sectionView(form.value, action.value ?? '', deps.clock.now(), channelId);
      if (view) return void (await client.views.push({ trigger_id: body.trigger_id, view }));
      // Nothing to open: the user is gone, or the button was made by hand (the summary shows Edit only where
      // the viewer may change something).
      if (form.value.byAdmin)
        return 'This button could not be read. Open the settings again with /phone settings.';
      return err(await refuseAdminOnlyForm(deps, actor));
    },
  });
}
