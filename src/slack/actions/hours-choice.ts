import type { App } from '@slack/bolt';
import { err } from '../../domain/result.ts';
import { refuseAdminOnlyForm, settingsForm } from '../../services/settings/forms.ts';
import { ACTIONS } from '../ids.ts';
import type { Runtime } from '../runtime.ts';
import {
  decodeHoursDraft,
  draftFromState,
  encodeHoursDraft,
  type HoursValues,
  hoursDraftOf,
  hoursFormView,
} from '../views/settings/hours-form.ts';
import { encodeFormMetadata } from '../views/settings/metadata.ts';
import { editableSections } from '../views/settings/sections.ts';
import { onSettingsButton, type SettingsClick } from './settings-button.ts';

/**
 * A choice in the business-hours form (24/7 or weekly, a day's kind): the form is drawn again with the fields that
 * choice needs, from what the person entered so far. The form keeps the version it opened with, so a save after
 * someone else's change is still refused; `hash` leaves a newer drawing of the form alone.
 */
export function registerHoursChoices(app: App, runtime: Runtime): void {
  for (const actionId of [ACTIONS.hoursMode, ACTIONS.hoursDayType]) {
    onSettingsButton(app, runtime, actionId, 'choosing in the business hours form', redraw);
  }
}

async function redraw({ deps, actor, args, view, metadata, ref }: SettingsClick) {
  const form = await settingsForm(deps, actor, ref);
  if (!form.ok) return form;
  if (!editableSections(form.value).has('hours')) return err(await refuseAdminOnlyForm(deps, actor));
  const kept = decodeHoursDraft(metadata.draft) ?? hoursDraftOf(form.value.details.settings.businessHours);
  const draft = draftFromState(view.state.values as HoursValues, kept);
  const next = hoursFormView(
    form.value,
    encodeFormMetadata({ ...metadata, draft: encodeHoursDraft(draft) }),
    draft,
  );
  try {
    await args.client.views.update({ view_id: view.id, hash: view.hash, view: next });
  } catch (error) {
    // A later choice drew the form already: it holds this one too.
    if ((error as { data?: { error?: string } }).data?.error !== 'hash_conflict') throw error;
  }
  return undefined;
}
