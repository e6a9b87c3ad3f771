import type { Store } from '../store.ts';
import type { SeedUser } from '../types.ts';
import { type ApiHandler, fail, ok, str } from './context.ts';

const DEFAULT_TZ = 'America/Los_Angeles';

/** A label and offset for the profile; a zone no runtime knows (a test's `Mars/Olympus`) gets none, at UTC. */
function zoneParts(tz: string, at: Date): { label: string; offsetSeconds: number } {
  const part = (style: 'long' | 'longOffset') => {
    try {
      return (
        new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
          .formatToParts(at)
          .find((p) => p.type === 'timeZoneName')?.value ?? ''
      );
    } catch {
      return '';
    }
  };
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const offsetSeconds = match
    ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60)
    : 0;
  return { label: part('long'), offsetSeconds };
}

/** The users.info shape: `first_name`/`last_name` are split from the real name, as Slack's profile does. */
export function toSlackUser(store: Store, user: SeedUser): Record<string, unknown> {
  const tz = user.tz ?? DEFAULT_TZ;
  const { label, offsetSeconds } = zoneParts(tz, new Date(store.clock.now()));
  const [first = '', ...rest] = user.realName.trim().split(/\s+/);
  const team = user.externalTeamId ?? store.identity.teamId;
  return {
    id: user.id,
    team_id: team,
    ...(user.stranger ? { is_stranger: true } : {}),
    name: user.name,
    deleted: user.deleted ?? false,
    real_name: user.realName,
    tz,
    tz_label: label,
    tz_offset: offsetSeconds,
    is_bot: user.isBot ?? false,
    is_app_user: false,
    is_admin: false,
    is_owner: false,
    updated: Math.floor(store.clock.now() / 1000),
    profile: {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.displayName ?? user.name,
      display_name_normalized: user.displayName ?? user.name,
      first_name: first,
      last_name: rest.join(' '),
      team,
      ...(user.email ? { email: user.email } : {}),
      ...(user.isBot && user.id === store.identity.botUserId ? { bot_id: store.identity.botId } : {}),
    },
  };
}

export const usersMethods: Record<string, ApiHandler> = {
  'users.info': (store, args) => {
    const user = store.users.get(str(args, 'user') ?? '');
    return user ? ok({ user: toSlackUser(store, user) }) : fail('user_not_found');
  },
  'users.lookupByEmail': (store, args) => {
    const email = str(args, 'email')?.toLowerCase();
    const user = [...store.users.values()].find((u) => !u.deleted && u.email?.toLowerCase() === email);
    return user ? ok({ user: toSlackUser(store, user) }) : fail('users_not_found');
  },
  /** One page holds everybody: the seeded directory is small. */
  'users.list': (store) =>
    ok({
      members: [...store.users.values()].map((u) => toSlackUser(store, u)),
      cache_ts: Math.floor(store.clock.now() / 1000),
      response_metadata: { next_cursor: '' },
    }),
};
