import type { ChannelRecord, Store } from '../store.ts';
import { type ApiHandler, fail, ok, str } from './context.ts';

function toSlackChannel(store: Store, channel: ChannelRecord): Record<string, unknown> {
  if (channel.isIm) {
    return { id: channel.id, is_im: true, user: channel.name, is_open: true, created: 0 };
  }
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: channel.isPrivate,
    is_im: false,
    is_private: channel.isPrivate,
    is_archived: false,
    is_member: store.isMember(channel, store.identity.botUserId),
    created: 0,
  };
}

export const conversationsMethods: Record<string, ApiHandler> = {
  'conversations.open': (store, args) => {
    const reopen = str(args, 'channel');
    if (reopen) {
      const channel = store.channels.get(reopen);
      return channel?.isIm ? ok({ channel: { id: channel.id } }) : fail('channel_not_found');
    }
    const users = (str(args, 'users') ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) return fail('users_list_not_supplied');
    // Group DMs are not modelled: the app only ever opens a DM with one person.
    if (users.length > 1) return fail('not_supported');
    const [user = ''] = users;
    if (!store.users.has(user)) return fail('user_not_found');
    return ok({ no_op: false, already_open: false, channel: { id: store.dmChannel(user) } });
  },
  'conversations.info': (store, args) => {
    const channel = store.channels.get(str(args, 'channel') ?? '');
    return channel ? ok({ channel: toSlackChannel(store, channel) }) : fail('channel_not_found');
  },
};
