import { emailKey } from '../domain/email.ts';
import { insertAudit } from '../store/audit.ts';
import { constraintViolation } from '../store/database.ts';
import {
  type DirectoryUser,
  findDirectoryUserByEmail,
  linkedSlackIds,
  linkUnlinkedSlackUser,
} from '../store/directory.ts';
import type { Deps } from './context.ts';
import type { SlackProfile } from './ports.ts';

/** Whether a chat profile may be linked to the directory entry with `email`: a colleague's own, by that address. */
export function linkableProfile(
  profile: SlackProfile | undefined,
  email?: string,
): profile is SlackProfile & {
  email: string;
} {
  if (!profile?.email || profile.isBot || profile.deleted || profile.external) return false;
  return email === undefined || emailKey(profile.email) === emailKey(email);
}

/** Who links, and as part of which request: the audit row says so. */
export type LinkMeta = { requestId: string; actor: string; at: Date };

/**
 * Links a directory entry to a chat account (and takes its time zone), audited, in a transaction of its own.
 * Nothing happens when the entry was linked meanwhile or the account is already linked to someone else (the
 * database keeps one entry per account); the entry is returned as it is then.
 */
export async function linkDirectoryUser(
  deps: Pick<Deps, 'db'>,
  meta: LinkMeta,
  user: DirectoryUser,
  profile: SlackProfile,
): Promise<DirectoryUser | undefined> {
  try {
    return await deps.db.transaction(async (tx) => {
      const linked = await linkUnlinkedSlackUser(tx, user.id, profile.slackUserId, profile.timezone ?? null);
      if (!linked) return undefined;
      await insertAudit(tx, meta.requestId, meta.actor, meta.at, [
        {
          action: 'directory_user.linked',
          targetType: 'user',
          targetId: String(user.id),
          targetLabel: user.email,
          before: { slackUserId: null, timezone: user.timezone },
          after: { slackUserId: linked.slackUserId, timezone: linked.timezone },
        },
      ]);
      return linked;
    });
  } catch (error) {
    if (constraintViolation(error)?.kind === 'unique') return undefined;
    throw error;
  }
}

/**
 * Before a command is resolved: each chat account it names (a mention, or the caller for their own card) that no
 * directory entry knows yet is looked up (users.info), and linked to the entry with its email if that entry has
 * no account yet, as an import or `/phone user add` leaves someone Slack did not know then. Then a mention, an
 * email and an extension name the same person everywhere. A failed lookup only leaves the account unlinked.
 */
export async function linkChatAccounts(
  deps: Deps,
  actor: { slackUserId: string },
  slackUserIds: readonly string[],
): Promise<void> {
  const named = [...new Set(slackUserIds)];
  // One statement for the usual case, where every account named is linked already.
  const linked = await linkedSlackIds(deps.db, named);
  for (const slackUserId of named) {
    if (linked.has(slackUserId)) continue;
    let profile: SlackProfile | undefined;
    try {
      profile = await deps.profiles.bySlackId(slackUserId);
    } catch {
      continue;
    }
    if (!linkableProfile(profile)) continue;
    const user = await findDirectoryUserByEmail(deps.db, profile.email);
    if (!user || user.slackUserId) continue;
    await linkDirectoryUser(
      deps,
      { requestId: deps.ids.requestId(), actor: actor.slackUserId, at: deps.clock.now() },
      user,
      profile,
    );
  }
}
