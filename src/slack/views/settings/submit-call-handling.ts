import type { App } from '@slack/bolt';
import type { DomainError } from '../../../domain/errors.ts';
import { type CallHandlingChange, saveCallHandling } from '../../../services/settings/call-handling-form.ts';
import { routingChangedMessage } from '../../blocks/call-handling.ts';
import { settingsChangedMessage } from '../../blocks/settings-changes.ts';
import { VIEWS } from '../../ids.ts';
import type { Runtime } from '../../runtime.ts';
import { HANDLING_BLOCKS, type HandlingValues, readCallHandlingForm } from './call-handling-form.ts';
import {
  type Errors,
  joinMessages,
  problemErrors,
  registerSectionSubmit,
  type Say,
} from './submit-section.ts';

/** Saving the call-handling form: all of it in one change, or nothing. */
export function registerCallHandlingSubmit(app: App, runtime: Runtime): void {
  registerSectionSubmit(app, runtime, {
    callbackId: VIEWS.settingsHandling,
    generalBlock: HANDLING_BLOCKS.mode,
    what: 'call handling',
    read: (values) => readCallHandlingForm(values as HandlingValues),
    save: (deps, actor, ref, input, ctx) => ctx.current(() => saveCallHandling(deps, actor, ref, input)),
    errorBlocks: handlingErrors,
    message: callHandlingMessage,
  });
}

/** A route's problem under that route; unanswered and closed-hours problems under their choice. */
export function handlingErrors(error: DomainError, say: Say): Errors | undefined {
  const problems = problemErrors(
    error,
    { unanswered: HANDLING_BLOCKS.unanswered, closed: HANDLING_BLOCKS.closed },
    HANDLING_BLOCKS.mode,
    say,
  );
  if (problems) return problems;
  if (error.code !== 'ROUTES_INVALID') return undefined;
  const target = error.route ? routeOfName(error.route) : undefined;
  const block =
    error.problem === 'none_enabled'
      ? HANDLING_BLOCKS.on({ kind: 'apps' })
      : error.problem === 'ring_seconds' && target
        ? HANDLING_BLOCKS.ring(target)
        : HANDLING_BLOCKS.mode;
  return { [block]: say(error) };
}

/** The route an error names (`apps`, `desk phone <MAC>`, `forward <+E164>`). */
function routeOfName(name: string) {
  if (name === 'apps') return { kind: 'apps' as const };
  if (name.startsWith('desk phone ')) return { kind: 'desk_phone' as const, mac: name.slice(11) };
  if (name.startsWith('forward ')) return { kind: 'forward' as const, number: name.slice(8) };
  return undefined;
}

function callHandlingMessage(actor: string, result: CallHandlingChange) {
  const { card, settings, before } = result;
  const models = new Map(result.deskPhones.map((phone) => [phone.mac, phone.model]));
  const choices = result.changed.flatMap((f) => (f === 'unanswered' || f === 'closedHours' ? [f] : []));
  return joinMessages([
    result.routingChanged
      ? routingChangedMessage(actor, { card, before, settings, changed: true }, models)
      : undefined,
    choices.length > 0 ? settingsChangedMessage(actor, { card, settings, changed: choices }) : undefined,
  ]);
}
