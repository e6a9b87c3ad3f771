import { isAdmin } from '../store/account.ts';
import type { Actor, Deps } from './context.ts';

/**
 * Who hears of a change that went through: `channel` for an admin's (the other admins see what was done to whom),
 * `requester` for a phone user's. A phone user can only change their own line, and what they set there (forward
 * numbers, hours, assistants) is nobody else's business.
 */
export type Audience = 'channel' | 'requester';

export async function changeAudience(deps: Deps, actor: Actor): Promise<Audience> {
  return (await isAdmin(deps.db, actor.slackUserId)) ? 'channel' : 'requester';
}

/** Whether the actor is a phone admin now: what `/phone help` lists depends on it. */
export function isPhoneAdmin(deps: Deps, actor: Actor): Promise<boolean> {
  return isAdmin(deps.db, actor.slackUserId);
}
