import type { WebClient } from '@slack/web-api';
import type { Message } from '../blocks/message.ts';
import type { FileShareEvent } from './audio-upload.ts';

type Where = Pick<FileShareEvent, 'channel' | 'channel_type'>;

/** The app's DM with the person: Slack says `im`; a DM's id starts with D should the type be left out. */
export const inAppDm = (event: Where): boolean =>
  event.channel_type === 'im' || (event.channel_type === undefined && event.channel.startsWith('D'));

/** `<@U123>` or `<@U123|name>`: how Slack writes a mention of someone in a message's text. */
export function mentions(text: string, userId: string | undefined): boolean {
  if (!userId) return false;
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}

/** The text without its mentions of `userId` (the app's name is no part of what the person asked). */
export function withoutMentions(text: string, userId: string | undefined): string {
  if (!userId) return text;
  return text
    .split(`<@${userId}>`)
    .join('')
    .replace(new RegExp(`<@${userId}\\|[^>]*>`, 'g'), '')
    .trim();
}

/** The text starts with the word `import` or `update` (`update site:"New York"`, `Import.`), in any case. */
const STARTS_WITH_COMMAND = /^\s*(?:import|update)(?![\p{L}\p{N}_-])/iu;

/**
 * Whether a message with a CSV file is for the app. In its DM every file is. In a channel people share files with
 * each other, so a file is the app's business only when its message mentions the app or starts with `import` or
 * `update`; anything else is not read, not recorded and not answered.
 */
export function addressesApp(event: Where & { text?: string | undefined }, botUserId: string | undefined) {
  if (inAppDm(event)) return true;
  const text = event.text ?? '';
  return mentions(text, botUserId) || STARTS_WITH_COMMAND.test(text);
}

/**
 * An answer only the person who sent the file sees: in the app's DM, a message in the file's thread; in a channel,
 * an ephemeral message (never a reply the channel reads: refusals and a person's own changes are theirs alone).
 */
export async function answerPrivately(
  client: WebClient,
  event: Pick<FileShareEvent, 'channel' | 'channel_type' | 'user' | 'ts' | 'thread_ts'>,
  message: Message,
): Promise<void> {
  if (inAppDm(event)) {
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
      ...message,
    });
    return;
  }
  await client.chat.postEphemeral({
    channel: event.channel,
    user: event.user,
    ...(event.thread_ts ? { thread_ts: event.thread_ts } : {}),
    ...message,
  });
}
