import type { App } from '@slack/bolt';
import { ok } from '../../../domain/result.ts';
import { type SettingsChanged, setSettings } from '../../../services/settings/set-settings.ts';
import { settingsChangedMessage } from '../../blocks/settings-changes.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import { CALLER_BLOCKS, type CallerValues, readCallerForm } from './caller-form.ts';
import { problemErrors, registerSectionSubmit } from './submit-section.ts';

/** Saving caller ID and area code (admins only): both in one `/phone set` change, or neither. */
export function registerCallerSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsCaller,
    generalBlock: CALLER_BLOCKS.callerId,
    what: 'caller ID and area code',
    read: (values) => readCallerForm(values as CallerValues),
    save: async (deps, actor, ref, input, ctx) => {
      const inputs = [
        { key: 'caller-id', value: input.callerId },
        ...(input.areaCode === undefined ? [] : [{ key: 'area-code', value: input.areaCode }]),
      ];
      const saved = await ctx.current(() => setSettings(deps, actor, ref, inputs));
      // Saving the form as it was is not a mistake: it closes, and nothing is posted.
      if (!saved.ok && saved.error.code === 'SETTINGS_UNCHANGED') return ok(undefined);
      return saved;
    },
    errorBlocks: (error, say) =>
      problemErrors(
        error,
        { 'caller-id': CALLER_BLOCKS.callerId, 'area-code': CALLER_BLOCKS.areaCode },
        CALLER_BLOCKS.callerId,
        say,
      ),
    message: (actor, result: SettingsChanged | undefined) =>
      result ? settingsChangedMessage(actor, result) : undefined,
  });
}
