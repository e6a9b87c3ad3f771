import type { DomainError, Person } from '../domain/errors.ts';
import { splitRealName } from '../domain/people.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import type { Executor } from '../store/database.ts';
import {
  type DirectoryUser,
  findDirectoryUserByEmail,
  findDirectoryUserBySlackId,
  insertDirectoryUser,
  linkSlackUser,
} from '../store/directory.ts';
import { cardByExtension, personOf } from '../store/phone-users.ts';
import type { Recorder } from './context.ts';
import { findDirectoryUser } from './find-phone-user.ts';
import type { Profiles, SlackProfile } from './ports.ts';

/** A person named in a command, found before the transaction: either already known, or a chat profile to add. */
export type Candidate =
  | { kind: 'known'; user: DirectoryUser }
  | { kind: 'profile'; profile: SlackProfile & { email: string } };

/**
 * Finds who each reference names. Chat profiles are fetched here, outside any transaction, because they cost
 * a network round trip; nothing is written yet.
 */
export async function findCandidates(
  db: Executor,
  profiles: Profiles,
  refs: UserRef[],
): Promise<Result<Candidate[]>> {
  const found: Candidate[] = [];
  // A few lookups at a time: 100 people one by one would take seconds, all at once would trip rate limits.
  for (let start = 0; start < refs.length; start += LOOKUP_CONCURRENCY) {
    const batch = await Promise.all(
      refs.slice(start, start + LOOKUP_CONCURRENCY).map((ref) => findCandidate(db, profiles, ref)),
    );
    for (const candidate of batch) {
      if (!candidate.ok) return candidate;
      found.push(candidate.value);
    }
  }
  return ok(found);
}

const LOOKUP_CONCURRENCY = 8;

export async function findCandidate(
  db: Executor,
  profiles: Profiles,
  ref: UserRef,
): Promise<Result<Candidate>> {
  if (ref.kind === 'extension') {
    const card = await cardByExtension(db, ref.extension);
    if (!card) return err({ code: 'USER_NOT_FOUND', input: ref.raw });
    const user = await findDirectoryUserByEmail(db, card.email);
    return user ? ok({ kind: 'known', user }) : err({ code: 'USER_NOT_FOUND', input: ref.raw });
  }
  if (ref.kind === 'directory') {
    const user = await findDirectoryUser(db, ref);
    return user ? ok({ kind: 'known', user }) : err({ code: 'USER_NOT_FOUND', input: ref.raw });
  }
  if (ref.kind === 'email') {
    const user = await findDirectoryUserByEmail(db, ref.email);
    if (user) return ok({ kind: 'known', user });
    const profile = await profiles.byEmail(ref.email);
    if (!profile) return err({ code: 'USER_NOT_FOUND', input: ref.raw });
    return fromProfile(profile);
  }
  const user = await findDirectoryUserBySlackId(db, ref.id);
  if (user) return ok({ kind: 'known', user });
  const profile = await profiles.bySlackId(ref.id);
  if (!profile || profile.deleted) return err({ code: 'SLACK_USER_NOT_FOUND', slackUserId: ref.id });
  return fromProfile(profile);
}

function fromProfile(profile: SlackProfile): Result<Candidate> {
  const refused = profile.refusedEmail;
  const error: DomainError | undefined = profile.isBot
    ? { code: 'SLACK_USER_IS_BOT', slackUserId: profile.slackUserId }
    : profile.external
      ? { code: 'SLACK_USER_EXTERNAL', slackUserId: profile.slackUserId, name: profile.realName }
      : refused
        ? { code: 'SLACK_PROFILE_EMAIL_INVALID', slackUserId: profile.slackUserId, ...refused }
        : !profile.email
          ? { code: 'SLACK_PROFILE_NO_EMAIL', slackUserId: profile.slackUserId }
          : undefined;
  if (error) return err(error);
  return ok({ kind: 'profile', profile: { ...profile, email: profile.email as string } });
}

/**
 * Inside the transaction: turns candidates into directory users, adding people met for the first time (and
 * linking a chat account to an existing directory entry with the same email).
 */
export async function materialize(
  tx: Executor,
  rec: Recorder,
  candidates: Candidate[],
): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  for (const candidate of candidates) {
    if (candidate.kind === 'known') {
      users.push(candidate.user);
      continue;
    }
    const { profile } = candidate;
    const existing =
      (await findDirectoryUserBySlackId(tx, profile.slackUserId)) ??
      (await findDirectoryUserByEmail(tx, profile.email));
    if (existing) {
      if (existing.slackUserId !== profile.slackUserId) {
        await linkSlackUser(tx, existing.id, profile.slackUserId, profile.timezone ?? null);
        rec.audit({
          action: 'directory_user.linked',
          targetType: 'user',
          targetId: String(existing.id),
          targetLabel: existing.email,
          before: { slackUserId: existing.slackUserId },
          after: { slackUserId: profile.slackUserId },
        });
      }
      users.push({ ...existing, slackUserId: profile.slackUserId });
      continue;
    }
    const names = splitRealName(profile.realName);
    const created = await insertDirectoryUser(tx, {
      email: profile.email,
      firstName: profile.firstName?.trim() || names.firstName || profile.email.split('@')[0] || profile.email,
      lastName: profile.lastName?.trim() || names.lastName,
      timezone: profile.timezone ?? null,
      slackUserId: profile.slackUserId,
    });
    rec.audit({
      action: 'directory_user.created',
      targetType: 'user',
      targetId: String(created.id),
      targetLabel: created.email,
      before: null,
      after: directorySnapshot(created),
    });
    rec.emit({
      kind: 'directory_user.created',
      user: { directoryUserId: created.id, email: created.email },
      firstName: created.firstName,
      lastName: created.lastName,
    });
    users.push(created);
  }
  return users;
}

export function directorySnapshot(user: DirectoryUser) {
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    timezone: user.timezone,
    slackUserId: user.slackUserId,
  };
}

export const personOfDirectoryUser = (user: DirectoryUser): Person => personOf(user);
