import type { Logger, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type Message, plain, plainSection } from './blocks/message.ts';
import { privateNoteModal } from './blocks/settings-changes.ts';
import type { Outcome } from './outcome.ts';
import { discard, uploadSpooled } from './spool.ts';

export type Channels = {
  respond: RespondFn;
  client: WebClient;
  logger: Logger;
  triggerId?: string;
  /** Where the command came from: files are posted there. */
  channelId?: string;
};

/**
 * Sends what a handler decided. Replies go through the response_url (it works in any channel, including ones
 * the bot has not joined); direct messages are best effort: a failed DM is logged and never undoes the change.
 */
export async function deliver(
  outcome: Outcome,
  { respond, client, logger, triggerId, channelId }: Channels,
): Promise<void> {
  try {
    if (outcome.replace) await respond({ replace_original: true, ...outcome.replace });
    if (outcome.ephemeral)
      await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.ephemeral });
    if (outcome.channel)
      await respond({ response_type: 'in_channel', replace_original: false, ...outcome.channel });
    if (outcome.modal && triggerId) await client.views.open({ trigger_id: triggerId, view: outcome.modal });
    if (outcome.file) await postFile(client, logger, respond, channelId, outcome.file);
    await sendDirectMessages(client, logger, outcome.dms ?? []);
  } finally {
    // A spooled export holds every user's address: it goes whether the reply before it could be sent or not.
    const content = outcome.file?.content;
    if (content && !Buffer.isBuffer(content)) await discard(content);
  }
}

/** Uploads a file to a channel (a spooled one streamed from disk); where the app may not post, says how to fix it. */
async function postFile(
  client: WebClient,
  logger: Logger,
  respond: RespondFn,
  channelId: string | undefined,
  file: NonNullable<Outcome['file']>,
) {
  const { content } = file;
  try {
    if (!channelId) return;
    const target = { channelId, filename: file.filename, title: file.title, comment: file.comment };
    if (Buffer.isBuffer(content)) {
      await client.files.uploadV2({
        channel_id: channelId,
        file: content,
        filename: file.filename,
        title: file.title,
        initial_comment: file.comment,
      });
    } else {
      await uploadSpooled(client, content, target);
    }
  } catch (error) {
    logger.warn(`Could not post ${file.filename} to ${channelId}: ${describe(error)}`);
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `:warning: Could not post ${file.filename} here (${describe(error)}). Invite the app to this channel (\`/invite @Switchboard\`), or use its direct messages.`,
    });
  }
}

export async function sendDirectMessages(
  client: WebClient,
  logger: Logger,
  dms: NonNullable<Outcome['dms']>,
) {
  for (const dm of dms) {
    try {
      const opened = await client.conversations.open({ users: dm.slackUserId });
      const channel = opened.channel?.id;
      if (channel) await client.chat.postMessage({ channel, ...dm.message });
    } catch (error) {
      logger.warn(`Could not send a direct message to ${dm.slackUserId}: ${describe(error)}`);
    }
  }
}

export function describe(error: unknown): string {
  const data = (error as { data?: { error?: string } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Posts a change made in a form to the channel the form was opened from (modals have no response_url). A public
 * channel works without the bot as a member (chat:write.public); elsewhere a failure is only logged.
 */
export async function announce(
  client: WebClient,
  channelId: string | undefined,
  message: Message,
  logger?: Logger,
): Promise<void> {
  if (!channelId) return;
  try {
    await client.chat.postMessage({ channel: channelId, text: message.text, blocks: message.blocks });
  } catch (error) {
    logger?.warn(`Could not post to ${channelId}: ${describe(error)}`);
  }
}

/**
 * A note on top of the settings form a button was pressed in: such a button has no response_url to answer. It is
 * plain text, as everything inside a form is (see formErrorText).
 */
export async function noteOnSettingsForm(client: WebClient, triggerId: string, text: string): Promise<void> {
  const note = plain(text);
  await client.views.push({
    trigger_id: triggerId,
    view: privateNoteModal('Settings', { text: note, blocks: [plainSection(note)] }),
  });
}
