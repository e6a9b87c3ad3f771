import type { Person } from '../domain/errors.ts';
import type { UserRef } from '../domain/user-ref.ts';
import type { Executor } from '../store/database.ts';
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
