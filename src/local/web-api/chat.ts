import { checkMessage, LIMITS } from '../block-kit-validator.ts';
import type { ChannelRecord, Store } from '../store.ts';
import type { Message } from '../types.ts';
import {
  type ApiArgs,
  type ApiHandler,
  type ApiResult,
  blocksArg,
  fail,
  ok,
  reject,
  str,
} from './context.ts';

export function toWireMessage(store: Store, message: Message): Record<string, unknown> {
  return { type: 'message', team: store.identity.teamId, ...message };
}

/** Common preamble of chat.*: the channel must exist and the bot must be in it. */
function botChannel(store: Store, args: ApiArgs): ChannelRecord | ApiResult {
  const channel = store.resolveChannel(str(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  if (!store.isMember(channel, store.identity.botUserId)) return fail('not_in_channel');
  return channel;
}

function isResult(value: ChannelRecord | ApiResult): value is ApiResult {
  return 'ok' in value;
}

/** The bot's own message at `ts`, or the error Slack gives for someone else's or a missing one. */
function ownMessage(
  store: Store,
  args: ApiArgs,
  notOwn: string,
): { channel: string; message: Message } | ApiResult {
  const channel = store.resolveChannel(str(args, 'channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const message = store.findMessage(channel.id, str(args, 'ts') ?? '');
  if (!message) return fail('message_not_found');
  if (message.bot_id !== store.identity.botId) return fail(notOwn);
  return { channel: channel.id, message };
}

export const chatMethods: Record<string, ApiHandler> = {
  'chat.postMessage': (store, args) => {
    const channel = botChannel(store, args);
    if (isResult(channel)) return channel;
    const rejection = checkMessage(args, { maxText: LIMITS.messageText });
    if (rejection) return reject(store, 'chat.postMessage', rejection);
    const blocks = blocksArg(args);
    const threadTs = str(args, 'thread_ts');
    const message = store.postAsBot(channel.id, {
      text: str(args, 'text') ?? '',
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return ok({ channel: channel.id, ts: message.ts, message: toWireMessage(store, message) });
  },

  'chat.postEphemeral': (store, args) => {
    const channel = botChannel(store, args);
    if (isResult(channel)) return channel;
    const user = str(args, 'user') ?? '';
    if (!store.users.has(user)) return fail('user_not_found');
    if (!store.isMember(channel, user)) return fail('user_not_in_channel');
    const rejection = checkMessage(args, { maxText: LIMITS.messageText });
    if (rejection) return reject(store, 'chat.postEphemeral', rejection);
    const blocks = blocksArg(args);
    const threadTs = str(args, 'thread_ts');
    const ephemeral = store.postEphemeral(channel.id, user, {
      text: str(args, 'text') ?? '',
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return ok({ message_ts: ephemeral.ts });
  },

  'chat.update': (store, args) => {
    const found = ownMessage(store, args, 'cant_update_message');
    if ('ok' in found) return found;
    const rejection = checkMessage(args, { maxText: LIMITS.updateText });
    if (rejection) return reject(store, 'chat.update', rejection);
    const { message } = found;
    if (args.text !== undefined) message.text = str(args, 'text') ?? '';
    // Slack keeps the previous blocks when `blocks` is omitted; an empty array removes them.
    const blocks = blocksArg(args);
    if (blocks) message.blocks = blocks;
    message.edited = { user: store.identity.botUserId, ts: store.ids.ts() };
    store.notify();
    return ok({
      channel: found.channel,
      ts: message.ts,
      text: message.text,
      message: toWireMessage(store, message),
    });
  },

  'chat.delete': (store, args) => {
    const found = ownMessage(store, args, 'cant_delete_message');
    if ('ok' in found) return found;
    store.removeMessage(found.channel, found.message.ts);
    return ok({ channel: found.channel, ts: found.message.ts });
  },

  'chat.getPermalink': (store, args) => {
    const channel = store.resolveChannel(str(args, 'channel') ?? '');
    if (!channel) return fail('channel_not_found');
    const ts = str(args, 'message_ts') ?? '';
    if (!store.findMessage(channel.id, ts)) return fail('message_not_found');
    const permalink = `https://${store.identity.teamDomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`;
    return ok({ channel: channel.id, permalink });
  },
};
