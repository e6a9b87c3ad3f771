import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { assignFormChoices } from '../../services/assign-choices.ts';
import { changeAudience } from '../../services/audience.ts';
import { trackingChanges } from '../../services/change-tracking.ts';
import type { Actor, Deps } from '../../services/context.ts';
import { linkChatAccounts } from '../../services/linking.ts';
import { type Message, textMessage } from '../blocks/message.ts';
import { deliver } from '../deliver.ts';
import { confirmedTo, ephemeral, type Outcome } from '../outcome.ts';
import { errorText } from '../replies.ts';
import { failureText, type Runtime, STARTING } from '../runtime.ts';
import { postWithSyncStatus } from '../sync-replies.ts';
import { assignModal } from '../views/assign-modal.ts';
import type { HandlerContext } from './context.ts';
import { commandOf, type PhoneCommand, parseCommand, runCommand } from './registry.ts';

type Args = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/**
 * How long the acknowledgement may wait for an answer only the caller sees (a lookup, a refusal). Within it the
 * answer travels in the acknowledgement itself: one request instead of two, and a busy app slows its callers down
 * instead of piling up answers it owes. Past it the ack goes out empty and the answer follows through the
 * response_url. Slack waits 3 seconds for the ack.
 */
export const ANSWER_IN_ACK_MS = 1000;

export function registerPhoneCommand(app: App, runtime: Runtime): void {
  app.command('/phone', async ({ ack, command, respond, client, logger }: Args) => {
    const deps = runtime.deps();
    if (!deps) return void (await ack({ response_type: 'ephemeral', text: STARTING }));
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      return void (await ack({
        response_type: 'ephemeral',
        ...textMessage(`:warning: ${parsed.error.message}`),
      }));
    }
    const actor = { slackUserId: command.user_id };
    const ctx = {
      deps,
      actor,
      channelId: command.channel_id,
      progress: async (text: string) => {
        await respond({ response_type: 'ephemeral', ...textMessage(text) }).catch((error: unknown) =>
          logger.warn(`/phone ${parsed.command.name}: a progress message did not go`, error),
        );
      },
    };
    const channels = {
      respond,
      client,
      logger,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      userId: command.user_id,
      postWithSyncStatus: (message: Message, requestIds: string[]) =>
        postWithSyncStatus(deps, client, logger, command.channel_id, message, requestIds),
    };
    const failed = (error: unknown): Outcome => {
      logger.error(`/phone ${parsed.command.name} failed`, error);
      return ephemeral(textMessage(`:x: ${failureText(error)}`));
    };
    const send = async (outcome: Promise<Outcome>) => {
      try {
        await deliver(await outcome, channels);
      } catch (error) {
        await respond({ response_type: 'ephemeral', ...failed(error).ephemeral }).catch(() => {});
      }
    };
    if (parsed.command.name === 'assign' && parsed.command.users.length === 0) {
      // The modal needs the trigger_id, which Slack honours for 3 seconds from the command: ack at once.
      await ack();
      return void (await send(assignForm(deps, actor, command.channel_id, parsed.command).catch(failed)));
    }
    // A lookup changes nothing: no change to track, and nobody to announce it to.
    const lookup = commandOf(parsed.command.name).lookup === true;
    // Most lookups name someone by extension or email: with no chat account to link there is nothing to wait for.
    const named = chatAccountsNamed(parsed.command, actor);
    const linked = named.length > 0 ? linkChatAccounts(deps, actor, named) : Promise.resolve();
    const answer = linked
      .then(() =>
        lookup
          ? runCommand(ctx, parsed.command).then((value) => ({
              value: confirmedTo('requester', value),
              requests: [],
            }))
          : trackingChanges(() => answerFor(ctx, parsed.command)),
      )
      .then(
        ({ value, requests }): Outcome =>
          requests.length > 0 ? { ...value, syncRequests: requests } : value,
      )
      .catch(failed);
    const quick = await settledWithin(answer, ANSWER_IN_ACK_MS);
    const reply = quick && onlyReply(quick);
    if (reply) return void (await ack({ response_type: 'ephemeral', ...reply }));
    await ack();
    await send(answer);
  });
}

/**
 * The command's outcome, a change posted to the channel only if an admin made it. Who is an admin is read before
 * the command runs: an admin who steps down made that change as an admin.
 */
async function answerFor(ctx: HandlerContext, command: PhoneCommand): Promise<Outcome> {
  const audience = await changeAudience(ctx.deps, ctx.actor);
  return confirmedTo(audience, await runCommand(ctx, command));
}

/**
 * The chat accounts a command names (its mentions, wherever they sit in it), and the caller's own for their own
 * settings (`/phone me` links it itself): each is linked to its directory entry by email before the command runs.
 */
export function chatAccountsNamed(command: PhoneCommand, actor: Actor): string[] {
  // `assign` reads the profile of a mention it does not know and finds the entry by its email by itself.
  if (command.name === 'assign') return [];
  const found: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const ref = value as { kind?: unknown; id?: unknown };
    if (ref.kind === 'slack' && typeof ref.id === 'string') found.push(ref.id);
    else Object.values(value).forEach(visit);
  };
  visit(command);
  if (command.name === 'settings' && !command.user) found.push(actor.slackUserId);
  return found;
}

/** The reply of an outcome that is nothing but a reply to the caller. */
function onlyReply({ ephemeral, ...rest }: Outcome) {
  const more = rest.channel ?? rest.replace ?? rest.modal ?? rest.file ?? rest.direct;
  return more === undefined ? ephemeral : undefined;
}

/** The assign form for an admin, or the refusal. */
async function assignForm(
  deps: Deps,
  actor: Actor,
  channelId: string,
  command: Extract<PhoneCommand, { name: 'assign' }>,
): Promise<Outcome> {
  const choices = await assignFormChoices(deps, actor);
  if (!choices.ok) return ephemeral(textMessage(`:warning: ${errorText(choices.error)}`));
  return { modal: assignModal(choices.value, channelId, command) };
}

/** The value of `promise` if it settles within `ms`, else undefined (the promise goes on). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
