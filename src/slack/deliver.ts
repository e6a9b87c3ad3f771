import type { Logger, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Audience } from '../services/audience.ts';
import type { Message } from './blocks/message.ts';
import type { Outcome } from './outcome.ts';
import { discard, uploadSpooled } from './spool.ts';

export type Channels = {
  respond: RespondFn;
  client: WebClient;
  logger: Logger;
  triggerId?: string;
  /** Where the command came from: files are posted there. */
  channelId?: string;
  /** Who asked: a file for them alone goes to their DM with the app. */
  userId?: string;
  /** Posts a change's channel message with a status line that follows the phone system; false if it did not. */
  postWithSyncStatus?: (message: Message, requestIds: string[]) => Promise<boolean>;
};

/**
 * Sends what a handler decided. Replies go through the response_url (it works in any channel, including ones
 * the bot has not joined). A file for the requester goes first, and the reply saying where it went follows only
 * once it is there.
 */
export async function deliver(outcome: Outcome, channels: Channels): Promise<void> {
  const { respond, client, triggerId } = channels;
  const replyAfterFile = outcome.file?.to === 'requester' || outcome.direct !== undefined;
  try {
    if (outcome.replace) await respond({ replace_original: true, ...outcome.replace });
    if (outcome.ephemeral && !replyAfterFile)
      await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.ephemeral });
    if (outcome.channel) {
      const followed =
        outcome.syncRequests && channels.postWithSyncStatus
          ? await channels.postWithSyncStatus(outcome.channel, outcome.syncRequests)
          : false;
      if (!followed)
        await respond({ response_type: 'in_channel', replace_original: false, ...outcome.channel });
    }
    if (outcome.modal && triggerId) await client.views.open({ trigger_id: triggerId, view: outcome.modal });
    if (outcome.direct) {
      const sent = await postDirect(channels, outcome.direct);
      if (sent && outcome.ephemeral)
        await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.ephemeral });
    }
    if (outcome.file) {
      const posted = await postFile(channels, outcome.file);
      if (posted && outcome.ephemeral && replyAfterFile)
        await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.ephemeral });
    }
  } finally {
    // A spooled export holds every user's address: it goes whether the reply before it could be sent or not.
    const content = outcome.file?.content;
    if (content && !Buffer.isBuffer(content)) await discard(content);
  }
}

/**
 * Uploads a file (a spooled one streamed from disk) to the channel, or to the requester's DM with the app; says
 * whether it got there. Where it could not go, the requester is told how to fix it.
 */
async function postFile(
  { client, logger, respond, channelId, userId }: Channels,
  file: NonNullable<Outcome['file']>,
): Promise<boolean> {
  const { content } = file;
  const toRequester = file.to === 'requester';
  const where = toRequester ? 'your direct messages with the app' : 'here';
  try {
    const target = toRequester && userId ? await directMessageChannel(client, userId) : channelId;
    if (!target || (toRequester && !userId)) return false;
    if (Buffer.isBuffer(content)) {
      await client.files.uploadV2({
        channel_id: target,
        file: content,
        filename: file.filename,
        title: file.title,
        initial_comment: file.comment,
      });
    } else {
      await uploadSpooled(client, content, {
        channelId: target,
        filename: file.filename,
        title: file.title,
        comment: file.comment,
      });
    }
    return true;
  } catch (error) {
    logger.warn(`Could not post ${file.filename} to ${toRequester ? userId : channelId}: ${describe(error)}`);
    const fix = toRequester
      ? 'Try again in a minute.'
      : 'Invite the app to this channel (`/invite @Switchboard`), or use its direct messages.';
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `:warning: Could not post ${file.filename} to ${where} (${describe(error)}). ${fix}`,
    });
    return false;
  }
}

/** Posts a message to one person in the app's DM with them; says whether it got there, and if not, why. */
async function postDirect(
  { client, logger, respond }: Channels,
  direct: NonNullable<Outcome['direct']>,
): Promise<boolean> {
  try {
    await client.chat.postMessage({
      channel: direct.to,
      text: direct.message.text,
      blocks: direct.message.blocks,
    });
    return true;
  } catch (error) {
    // The message itself may hold a secret: only where it was going is logged.
    logger.warn(`Could not send ${direct.what} to ${direct.to}: ${describe(error)}`);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `:warning: Could not send ${direct.what} to <@${direct.to}> (${describe(error)}). Run the command again once the app can message them.`,
    });
    return false;
  }
}

/** The app's DM with a person (conversations.open gives the same one every time). */
export async function directMessageChannel(client: WebClient, userId: string): Promise<string | undefined> {
  const opened = await client.conversations.open({ users: userId });
  return opened.channel?.id;
}

export function describe(error: unknown): string {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Confirms a change made in a form (modals have no response_url). An admin's change is posted to the channel the
 * form was opened from: a public channel works without the bot as a member (chat:write.public). A phone user's
 * change to their own line is confirmed to them alone, in the app's DM. A failure is only logged.
 */
export async function announce(
  client: WebClient,
  audience: Audience,
  where: { channelId: string | undefined; actor: string },
  message: Message,
  logger?: Logger,
): Promise<void> {
  // Posting to a person's user id lands in the app's DM with them.
  const channel = audience === 'requester' ? where.actor : where.channelId;
  if (!channel) return;
  try {
    await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (error) {
    logger?.warn(`Could not post to ${channel}: ${describe(error)}`);
  }
}
