import { type CardDetails, lookupCard } from '../../store/cards.ts';
import type { Database } from '../../store/database.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';

/**
 * Everything the full card of a phone user shows, besides the card itself: read with the card in one statement
 * (`lookUpPhoneUser`), since every card a person opens waits on it.
 */
export type UserDetails = CardDetails;

/** The details of a card read before, by the same one statement. */
export async function userDetails(
  db: Database,
  card: Pick<PhoneUserCard, 'directoryUserId'>,
): Promise<UserDetails> {
  const looked = await lookupCard(db, { by: 'directory', id: card.directoryUserId }, '');
  if (!looked.phoneUser) throw new Error(`directory user ${card.directoryUserId} holds no phone license`);
  return looked.phoneUser.details;
}
