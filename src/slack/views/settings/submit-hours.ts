import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Result } from '../../../domain/result.ts';
import { changeAudience } from '../../../services/audience.ts';
import { whileCurrent } from '../../../services/settings/core.ts';
import { type HoursChange, setBusinessHours } from '../../../services/settings/hours.ts';
import { hoursChangedMessage } from '../../blocks/call-handling.ts';
import { announce } from '../../deliver.ts';
import { VIEWS } from '../../ids.ts';
import { formError } from '../../names.ts';
import { failureText, type Runtime, STARTING } from '../../runtime.ts';
import { HOURS_BLOCKS, readHoursForm } from './hours-form.ts';
import { decodeFormMetadata } from './metadata.ts';
import { refreshSummary } from './submit-section.ts';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs;

/**
 * Saving one section of the settings form: the change runs only if nobody changed the user since the form was
 * opened; errors show under the field; on success the form closes and the summary underneath shows the new values.
 */
export function registerHoursSubmit(app: App, runtime: Runtime): void {
  app.view(VIEWS.settingsHours, async ({ ack, body, view, client, logger }: Args) => {
    const deps = runtime.deps();
    if (!deps)
      return void (await ack({ response_action: 'errors', errors: { [HOURS_BLOCKS.mode]: STARTING } }));
    const metadata = decodeFormMetadata(view.private_metadata);
    const read = readHoursForm(view.state.values as Parameters<typeof readHoursForm>[0]);
    if (!metadata) {
      return void (await ack({
        response_action: 'errors',
        errors: { [HOURS_BLOCKS.mode]: 'This form could not be read; close it and open the settings again.' },
      }));
    }
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    const actor = { slackUserId: body.user.id };
    const ref = {
      kind: 'directory' as const,
      id: metadata.directoryUserId,
      raw: `#${metadata.directoryUserId}`,
    };
    let saved: Result<HoursChange>;
    try {
      saved = await whileCurrent({ version: metadata.version, openedAt: metadata.openedAt }, () =>
        setBusinessHours(deps, actor, ref, read.hours),
      );
    } catch (error) {
      logger.error('saving business hours failed', error);
      return void (await ack({
        response_action: 'errors',
        errors: { [HOURS_BLOCKS.mode]: failureText(error).replace(/`/g, '') },
      }));
    }
    if (!saved.ok)
      return void (await ack({
        response_action: 'errors',
        errors: { [HOURS_BLOCKS.mode]: await formError(client, saved.error) },
      }));
    await ack();
    await refreshSummary(runtime, client, actor, ref, view.previous_view_id ?? undefined, metadata.channelId);
    if (saved.value.changed) {
      const audience = await changeAudience(deps, actor);
      const where = { channelId: metadata.channelId, actor: actor.slackUserId };
      await announce(client, audience, where, hoursChangedMessage(actor.slackUserId, saved.value), logger);
    }
  });
}
