import type { Store } from '../store.ts';
import { type ApiHandler, ok } from './context.ts';

/** Bolt calls auth.test at start-up to learn its bot user id and bot id (needed by `ignoreSelf`). */
export const authMethods: Record<string, ApiHandler> = {
  'auth.test': (store: Store) => {
    const { identity } = store;
    return ok({
      url: `https://${identity.teamDomain}.slack.com/`,
      team: 'Local Workspace',
      user: store.users.get(identity.botUserId)?.name ?? 'bot',
      team_id: identity.teamId,
      user_id: identity.botUserId,
      bot_id: identity.botId,
      app_id: identity.appId,
      is_enterprise_install: false,
    });
  },
};
