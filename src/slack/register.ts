import type { App } from '@slack/bolt';
import { registerAdoptionActions } from './actions/adoption.ts';
import { registerCardNextStep } from './actions/card-next-step.ts';
import { registerDriftActions } from './actions/drift.ts';
import { registerHistoryMore } from './actions/history-more.ts';
import { registerImportActions } from './actions/imports.ts';
import { registerListNext } from './actions/list-next.ts';
import { registerNumbersMore } from './actions/numbers-more.ts';
import { registerRemoveLicenses } from './actions/remove-licenses.ts';
import { registerRemovePlan } from './actions/remove-plan.ts';
import { registerSettingsEdit } from './actions/settings-edit.ts';
import { registerSettingsOpen } from './actions/settings-open.ts';
import { registerShowPin } from './actions/show-pin.ts';
import { registerSyncReplyRetry } from './actions/sync-reply-retry.ts';
import { registerSyncReplyRevert } from './actions/sync-reply-revert.ts';
import { registerSyncRetry } from './actions/sync-retry.ts';
import { registerPhoneCommand } from './commands/phone.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerFileShared } from './events/file-shared.ts';
import type { Runtime } from './runtime.ts';
import { registerAssignSubmit } from './views/assign-submit.ts';
import { registerCardSubmissions } from './views/card-submit.ts';
import { registerSettingsSections } from './views/settings/register-sections.ts';

/** Every listener of the app, by Slack surface. */
export function registerListeners(app: App, runtime: Runtime): void {
  registerPhoneCommand(app, runtime);
  registerRemoveLicenses(app, runtime);
  registerRemovePlan(app, runtime);
  registerListNext(app, runtime);
  registerHistoryMore(app, runtime);
  registerNumbersMore(app, runtime);
  registerShowPin(app, runtime);
  registerAssignSubmit(app, runtime);
  registerCardNextStep(app, runtime);
  registerCardSubmissions(app, runtime);
  registerAppHomeOpened(app, runtime);
  registerFileShared(app, runtime);
  registerSettingsOpen(app, runtime);
  registerSettingsEdit(app, runtime);
  registerSettingsSections(app, runtime);
  registerImportActions(app, runtime);
  registerSyncReplyRetry(app, runtime);
  registerSyncReplyRevert(app, runtime);
  registerSyncRetry(app, runtime);
  registerDriftActions(app, runtime);
  registerAdoptionActions(app, runtime);
}
