import type { Executor } from '../../../db/client.ts';
import type { PhoneUserCard } from '../../store/phone-users.ts';
import { type PhoneUserSettings, readSettings } from '../../store/settings.ts';
import {
  type Address,
  addressById,
  assistantsOf,
  assistingFor,
  type Blocked,
  blockedOf,
  type Delegate,
  type DeskPhone,
  deskPhonesOf,
  type Membership,
  operatorFor,
  queueMemberships,
  siteDefaultAddress,
} from '../../store/user-details.ts';

/** Everything the full card of a phone user shows, besides the card itself. */
export type UserDetails = {
  settings: PhoneUserSettings;
  deskPhones: DeskPhone[];
  assistants: Delegate[];
  assisting: Delegate[];
  blocked: Blocked[];
  /** The user's own emergency address, else their site's default (`addressIsSiteDefault`). */
  address: Address | undefined;
  addressIsSiteDefault: boolean;
  queues: Membership[];
  operatorFor: { name: string; extension: string }[];
};

export async function userDetails(db: Executor, card: PhoneUserCard): Promise<UserDetails> {
  const [settings, deskPhones, assistants, assisting, blocked, siteDefault, queues, operator] =
    await Promise.all([
      readSettings(db, card.phoneUserId),
      deskPhonesOf(db, card.phoneUserId),
      assistantsOf(db, card.phoneUserId),
      assistingFor(db, card.phoneUserId),
      blockedOf(db, card.phoneUserId),
      siteDefaultAddress(db, card.siteId),
      queueMemberships(db, card.phoneUserId),
      operatorFor(db, card.phoneUserId),
    ]);
  const own = await addressById(db, settings.emergencyAddressId);
  return {
    settings,
    deskPhones,
    assistants,
    assisting,
    blocked,
    address: own ?? siteDefault,
    addressIsSiteDefault: own === undefined && siteDefault !== undefined,
    queues,
    operatorFor: operator,
  };
}
