import type { AllMiddlewareArgs, App, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { settingsForm } from '../../services/settings/forms.ts';
import { ACTIONS } from '../ids.ts';
import { decodeDirectoryUser } from '../payloads.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime } from '../runtime.ts';
import { summaryView } from '../views/settings/sections.ts';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** "Edit settings" under a card: opens that user's settings form for whoever clicked (if they may see it). */
export function registerSettingsOpen(app: App, runtime: Runtime): void {
  app.action(ACTIONS.settingsOpen, async ({ ack, action, body, client, respond, logger }: Args) => {
    await ack();
    const deps = runtime.deps();
    const id = decodeDirectoryUser(action.value);
    if (!deps || id === undefined) return;
    try {
      const form = await settingsForm(
        deps,
        { slackUserId: body.user.id },
        { kind: 'directory', id, raw: `#${id}` },
      );
      if (!form.ok) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `:warning: ${errorText(form.error)}`,
        });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: summaryView(form.value, body.channel?.id, deps.clock.now()),
      });
    } catch (error) {
      logger.error('opening the settings form failed', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:x: ${failureText(error)}`,
      }).catch(() => {});
    }
  });
}
