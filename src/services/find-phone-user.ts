import type { Person } from '../domain/errors.ts';
import { err, ok, type Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { type CardKey, type CardLookup, lookupCard } from '../store/cards.ts';
import type { Database, Executor } from '../store/database.ts';
import {
  findDirectoryUserByEmail,
  findDirectoryUserBySlackId,
  findDirectoryUsersByIds,
} from '../store/directory.ts';
import { cardByDirectoryUser, cardByExtension, type PhoneUserCard, personOf } from '../store/phone-users.ts';
import { fail } from './context.ts';

/** A person who is not in the directory yet, named the way the admin named them. */
export function personOfRef(ref: UserRef): Person {
  if (ref.kind === 'slack') return { name: ref.raw, email: '', slackUserId: ref.id };
  if (ref.kind === 'email') return { name: ref.email, email: ref.email, slackUserId: null };
  return { name: ref.raw, email: '', slackUserId: null };
}

/** The directory entry a mention, email or id names (extensions name phone users, not directory entries). */
export async function findDirectoryUser(db: Executor, ref: Exclude<UserRef, { kind: 'extension' }>) {
  if (ref.kind === 'slack') return findDirectoryUserBySlackId(db, ref.id);
  if (ref.kind === 'email') return findDirectoryUserByEmail(db, ref.email);
  return (await findDirectoryUsersByIds(db, [ref.id]))[0];
}

/** The phone user a reference names, or a refusal that says whether the person is unknown or has no license. */
export async function findPhoneUser(db: Executor, ref: UserRef): Promise<PhoneUserCard> {
  if (ref.kind === 'extension') {
    const card = await cardByExtension(db, ref.extension);
    return card ?? fail({ code: 'USER_NOT_FOUND', input: ref.raw });
  }
  const user = await findDirectoryUser(db, ref);
  if (!user && ref.kind === 'directory') return fail({ code: 'USER_NOT_FOUND', input: ref.raw });
  if (!user) return fail({ code: 'NOT_A_PHONE_USER', user: personOfRef(ref) });
  const card = await cardByDirectoryUser(db, user.id);
  return card ?? fail({ code: 'NOT_A_PHONE_USER', user: personOf(user) });
}

/** A phone user's full card as one lookup reads it: the card, every detail it shows, and their sync row. */
export type PhoneUserRead = NonNullable<CardLookup['phoneUser']>;

/**
 * `findPhoneUser` and the rest of a card in one statement, with whether `viewer` is an admin: the same refusals,
 * as a value beside the viewer's rights, so the caller decides which one the viewer may hear.
 */
export async function lookUpPhoneUser(
  db: Database,
  ref: UserRef,
  viewer: string,
): Promise<{ viewerIsAdmin: boolean; found: Result<PhoneUserRead> }> {
  const looked = await lookupCard(db, cardKeyOf(ref), viewer);
  return { viewerIsAdmin: looked.viewerIsAdmin, found: lookupResult(ref, looked) };
}

function cardKeyOf(ref: UserRef): CardKey {
  switch (ref.kind) {
    case 'extension':
      return { by: 'extension', extension: ref.extension };
    case 'slack':
      return { by: 'slack', slackUserId: ref.id };
    case 'email':
      return { by: 'email', email: ref.email };
    case 'directory':
      return { by: 'directory', id: ref.id };
  }
}

function lookupResult(ref: UserRef, looked: CardLookup): Result<PhoneUserRead> {
  if (looked.phoneUser) return ok(looked.phoneUser);
  if (looked.person) return err({ code: 'NOT_A_PHONE_USER', user: personOf(looked.person) });
  if (ref.kind === 'extension' || ref.kind === 'directory')
    return err({ code: 'USER_NOT_FOUND', input: ref.raw });
  return err({ code: 'NOT_A_PHONE_USER', user: personOfRef(ref) });
}
