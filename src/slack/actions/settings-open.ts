import type { App } from '@slack/bolt';
import { settingsForm } from '../../services/settings/forms.ts';
import { ACTIONS } from '../ids.ts';
import { onButton } from '../listener.ts';
import { decodeDirectoryUser } from '../payloads.ts';
import type { Runtime } from '../runtime.ts';
import { summaryView } from '../views/settings/sections.ts';

/** "Edit settings" under a card: opens that user's settings form for whoever clicked (if they may see it). */
export function registerSettingsOpen(app: App, runtime: Runtime): void {
  onButton(app, runtime, ACTIONS.settingsOpen, {
    name: 'opening the settings form',
    whileStarting: 'silent',
    run: async ({ deps, actor, args }) => {
      const id = decodeDirectoryUser(args.action.value);
      if (id === undefined) return;
      const form = await settingsForm(deps, actor, { kind: 'directory', id, raw: `#${id}` });
      if (!form.ok) return form;
      return { modal: summaryView(form.value, args.body.channel?.id, deps.clock.now()) };
    },
  });
}
