import { parseEmail } from '../domain/email.ts';
import { checkPersonName } from '../domain/people.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { addAdmin, listAdmins, removeAdmin } from '../store/account.ts';
import { insertAudit } from '../store/audit.ts';
import {
  type DirectoryUser,
  findDirectoryUserByEmail,
  findDirectoryUserBySlackId,
  insertDirectoryUser,
} from '../store/directory.ts';
import { type Actor, type Deps, fail, requireAdmin, runChange } from './context.ts';
import { directorySnapshot } from './resolve-users.ts';

export type NewUser = { email: string; firstName: string; lastName: string };

/**
 * Adds a person to the directory who is not in the chat workspace yet (or whose profile should not be used).
 * When the workspace knows the email, the chat account is linked straight away.
 */
export async function addDirectoryUser(
  deps: Deps,
  actor: Actor,
  input: NewUser,
): Promise<Result<DirectoryUser>> {
  const allowed = await requireAdmin(deps, actor, 'user add');
  if (!allowed.ok) return allowed;
  const parsed = parseEmail(input.email);
  if (!parsed.ok) return err({ code: 'EMAIL_INVALID', input: input.email, problem: parsed.problem });
  const email = parsed.email;
  const badName =
    checkPersonName('first name', input.firstName) ?? checkPersonName('last name', input.lastName);
  if (badName) return err(badName);
  const profile = await deps.profiles.byEmail(email);
  return runChange(deps, actor, 'user add', async (tx, rec) => {
    if (await findDirectoryUserByEmail(tx, email)) fail({ code: 'EMAIL_TAKEN', email });
    const slackUserId =
      profile &&
      !profile.isBot &&
      !profile.external &&
      !(await findDirectoryUserBySlackId(tx, profile.slackUserId))
        ? profile.slackUserId
        : null;
    const user = await insertDirectoryUser(tx, {
      email,
      firstName: input.firstName.trim(),
      lastName: input.lastName.trim(),
      timezone: slackUserId ? (profile?.timezone ?? null) : null,
      slackUserId,
    });
    rec.audit({
      action: 'directory_user.created',
      targetType: 'user',
      targetId: String(user.id),
      targetLabel: user.email,
      before: null,
      after: directorySnapshot(user),
    });
    rec.emit({
      kind: 'directory_user.created',
      user: { directoryUserId: user.id, email: user.email },
      firstName: user.firstName,
      lastName: user.lastName,
    });
    return user;
  });
}

export type AdminEntry = { slackUserId: string; addedBy: string; fromConfig: boolean; createdAt: Date };

export async function admins(deps: Deps, actor: Actor): Promise<Result<AdminEntry[]>> {
  const allowed = await requireAdmin(deps, actor, 'admins');
  if (!allowed.ok) return allowed;
  const rows = await listAdmins(deps.db);
  return ok(rows.map((row) => ({ ...row, fromConfig: deps.configAdmins.has(row.slackUserId) })));
}

const adminAudit = (slackUserId: string, admin: boolean) => ({
  action: admin ? 'admin.added' : 'admin.removed',
  targetType: 'admin',
  targetId: slackUserId,
  targetLabel: slackUserId,
  before: { admin: !admin },
  after: { admin },
});

export async function grantAdmin(
  deps: Deps,
  actor: Actor,
  slackUserId: string,
): Promise<Result<{ slackUserId: string }>> {
  return runChange(deps, actor, 'admins add', async (tx, rec) => {
    if (!(await addAdmin(tx, slackUserId, actor.slackUserId))) fail({ code: 'ADMIN_EXISTS', slackUserId });
    rec.audit(adminAudit(slackUserId, true));
    return { slackUserId };
  });
}

/** Removes an admin. The last admin stays, and admins named in ADMIN_USER_IDS are removed there, not here. */
export async function revokeAdmin(
  deps: Deps,
  actor: Actor,
  slackUserId: string,
): Promise<Result<{ slackUserId: string }>> {
  return runChange(deps, actor, 'admins remove', async (tx, rec) => {
    const current = await listAdmins(tx);
    if (!current.some((row) => row.slackUserId === slackUserId))
      fail({ code: 'ADMIN_NOT_FOUND', slackUserId });
    if (deps.configAdmins.has(slackUserId)) fail({ code: 'ADMIN_FROM_CONFIG', slackUserId });
    if (current.length <= 1) fail({ code: 'ADMIN_LAST', slackUserId });
    await removeAdmin(tx, slackUserId);
    rec.audit(adminAudit(slackUserId, false));
    return { slackUserId };
  });
}

/** At start-up: every id in ADMIN_USER_IDS is an admin (added with the actor "config" when missing). */
export async function bootstrapAdmins(deps: Deps): Promise<string[]> {
  const added: string[] = [];
  for (const slackUserId of deps.configAdmins) {
    const requestId = deps.ids.requestId();
    const at = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      if (!(await addAdmin(tx, slackUserId, 'config'))) return;
      await insertAudit(tx, requestId, 'config', at, [adminAudit(slackUserId, true)]);
      added.push(slackUserId);
    });
  }
  return added;
}
