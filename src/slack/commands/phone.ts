import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { requireAdmin } from '../../services/context.ts';
import { textMessage } from '../blocks/message.ts';
import { deliver } from '../deliver.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';
import { assignModal } from '../views/assign-modal.ts';
import { parseCommand } from './parse-command.ts';
import { route } from './route.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export function registerPhoneCommand(app: App, runtime: Runtime): void {
  app.command('/phone', async ({ ack, command, respond, client, logger }: Args) => {
    // Slack gives 3 seconds for the acknowledgement; the answer follows through the response_url.
    await ack();
    const deps = runtime.deps();
    if (!deps) return void (await respond({ response_type: 'ephemeral', text: STARTING }));
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      return void (await respond({
        response_type: 'ephemeral',
        ...textMessage(`:warning: ${parsed.error.message}`),
      }));
    }
    const actor = { slackUserId: command.user_id };
    const ctx = { deps, actor, channelId: command.channel_id };
    try {
      if (parsed.command.name === 'assign' && parsed.command.users.length === 0) {
        const allowed = await requireAdmin(deps, actor, 'assign');
        if (!allowed.ok)
          return void (await respond({
            response_type: 'ephemeral',
            ...textMessage(`:warning: ${errorText(allowed.error)}`),
          }));
        const modal = await assignModal(deps, command.channel_id, parsed.command);
        await deliver({ modal }, { respond, client, logger, triggerId: command.trigger_id });
        return;
      }
      await deliver(await route(ctx, parsed.command), {
        respond,
        client,
        logger,
        triggerId: command.trigger_id,
        channelId: command.channel_id,
      });
    } catch (error) {
      logger.error(`/phone ${parsed.command.name} failed`, error);
      await respond({ response_type: 'ephemeral', text: `:x: ${failureText(error)}` }).catch(() => {});
    }
  });
}
