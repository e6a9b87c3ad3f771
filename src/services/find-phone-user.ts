import type { Executor } from '../../db/client.ts';
import type { Person } from '../domain/errors.ts';
import type { UserRef } from '../domain/user-ref.ts';
import { findDirectoryUserByEmail, findDirectoryUserBySlackId } from '../store/directory.ts';
import { cardByDirectoryUser, cardByExtension, type PhoneUserCard, personOf } from '../store/phone-users.ts';
import { fail } from './context.ts';

/** A person who is not in the directory yet, named the way the admin named them. */
export function personOfRef(ref: UserRef): Person {
  if (ref.kind === 'slack') return { name: ref.raw, email: '', slackUserId: ref.id };
  if (ref.kind === 'email') return { name: ref.email, email: ref.email, slackUserId: null };
  return { name: ref.raw, email: '', slackUserId: null };
}

/** The phone user a reference names, or a refusal that says whether the person is unknown or has no license. */
export async function findPhoneUser(db: Executor, ref: UserRef): Promise<PhoneUserCard> {
  if (ref.kind === 'extension') {
    const card = await cardByExtension(db, ref.extension);
    return card ?? fail({ code: 'USER_NOT_FOUND', input: ref.raw });
  }
  const user =
    ref.kind === 'slack'
      ? await findDirectoryUserBySlackId(db, ref.id)
      : await findDirectoryUserByEmail(db, ref.email);
  if (!user) return fail({ code: 'NOT_A_PHONE_USER', user: personOfRef(ref) });
  const card = await cardByDirectoryUser(db, user.id);
  return card ?? fail({ code: 'NOT_A_PHONE_USER', user: personOf(user) });
}
