import type { App } from '@slack/bolt';
import { setBusinessHours } from '../../../services/settings/hours.ts';
import { hoursChangedMessage } from '../../blocks/call-handling.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import { HOURS_BLOCKS, type HoursValues, readHoursForm } from './hours-form.ts';
import { registerSectionSubmit } from './submit-section.ts';

/** Saving the business hours: every refusal shows above the form, under the choice of 24/7 or a schedule. */
export function registerHoursSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsHours,
    generalBlock: HOURS_BLOCKS.mode,
    what: 'business hours',
    read: (values) => readHoursForm(values as HoursValues),
    save: (deps, actor, ref, hours, ctx) => ctx.current(() => setBusinessHours(deps, actor, ref, hours)),
    message: (actor, change) => (change.changed ? hoursChangedMessage(actor, change) : undefined),
  });
}
