import type { App } from '@slack/bolt';
import { type Answer, type ButtonArgs, type Click, noteModal, onButton } from '../listener.ts';
import type { Runtime } from '../runtime.ts';
import { decodeFormMetadata, type FormMetadata } from '../views/settings/metadata.ts';
import type { SectionRef } from '../views/settings/submit-section.ts';

/** What a button inside the settings form gets: the click, the form it was pressed in, and whose settings. */
export type SettingsClick = Click & {
  view: NonNullable<ButtonArgs['body']['view']>;
  metadata: FormMetadata;
  ref: SectionRef;
};

/**
 * A button inside the settings form (Edit on the summary, Remove in a list). It has no response_url, so its
 * answers are a note on top of the form; while the app starts, or when the form it was pressed in cannot be read,
 * nothing happens. The form names whose settings, never who may change them: the services check the clicker.
 */
export function onSettingsButton(
  app: App,
  runtime: Runtime,
  actionId: string,
  name: string,
  run: (click: SettingsClick) => Promise<Answer>,
): void {
  onButton(app, runtime, actionId, {
    name,
    surface: noteModal('Settings'),
    whileStarting: 'silent',
    run: async (click) => {
      const view = click.args.body.view;
      const metadata = decodeFormMetadata(view?.private_metadata);
      if (!view || !metadata) return;
      const id = metadata.directoryUserId;
      return run({ ...click, view, metadata, ref: { kind: 'directory', id, raw: `#${id}` } });
    },
  });
}
