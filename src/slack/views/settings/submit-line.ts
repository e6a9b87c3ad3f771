import type { App } from '@slack/bolt';
import { changeLine, type LineChange } from '../../../services/line-changes.ts';
import { lineChangedMessage } from '../../blocks/line-changes.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import { LINE_BLOCKS, type LineValues, lineErrorBlock, readLineForm } from './line-form.ts';
import { registerSectionSubmit } from './submit-section.ts';

/** Saving the line (admins only): every part in one transaction, so a refusal under one field saves nothing. */
export function registerLineSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsLine,
    generalBlock: LINE_BLOCKS.site,
    what: 'the phone line',
    read: (values) => readLineForm(values as LineValues),
    save: (deps, actor, ref, input, ctx) => ctx.current(() => changeLine(deps, actor, ref, input)),
    errorBlocks: (error, say) => {
      const block = lineErrorBlock(error);
      return block ? { [block]: `${say(error)} Nothing was saved.` } : undefined;
    },
    message: (actor, change: LineChange) =>
      change.changed.length > 0 ? lineChangedMessage(actor, change) : undefined,
  });
}
