import type { App } from '@slack/bolt';
import { registerSettingsListRemove } from '../../actions/settings-list-remove.ts';
import type { Runtime } from '../../runtime.ts';
import { registerAddressSubmit } from './submit-address.ts';
import { registerCallHandlingSubmit } from './submit-call-handling.ts';
import { registerCallerSubmit } from './submit-caller.ts';
import { registerHoursSubmit } from './submit-hours.ts';
import { registerLineSubmit } from './submit-line.ts';
import { registerListSubmits } from './submit-lists.ts';
import { registerVoicemailSubmit } from './submit-voicemail.ts';

/** The listeners of the settings form's sections. */
export function registerSettingsSections(app: App, runtime: Runtime): void {
  registerLineSubmit(app, runtime);
  registerHoursSubmit(app, runtime);
  registerCallHandlingSubmit(app, runtime);
  registerVoicemailSubmit(app, runtime);
  registerCallerSubmit(app, runtime);
  registerAddressSubmit(app, runtime);
  registerListSubmits(app, runtime);
  registerSettingsListRemove(app, runtime);
}
