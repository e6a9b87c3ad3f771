import type { App } from '@slack/bolt';
import { registerListNext } from './actions/list-next.ts';
import { registerRemoveLicenses } from './actions/remove-licenses.ts';
import { registerPhoneCommand } from './commands/phone.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import type { Runtime } from './runtime.ts';
import { registerAssignSubmit } from './views/assign-submit.ts';

/** Every listener of the app, by Slack surface. */
export function registerListeners(app: App, runtime: Runtime): void {
  registerPhoneCommand(app, runtime);
  registerRemoveLicenses(app, runtime);
  registerListNext(app, runtime);
  registerAssignSubmit(app, runtime);
  registerAppHomeOpened(app, runtime);
}
