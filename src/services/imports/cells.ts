import type { UpdateColumnKey } from '../../csv/headers.ts';
import type { UserFields } from '../../domain/phone-user-fields.ts';
import { CLEAR } from './plan.ts';

/**
 * A phone user as a row of an update (= export) file. `empty` leaves absent values blank, as an export does;
 * `clear` writes `-` for them, so that importing the row sets the user to exactly these values (used by undo).
 */
export function updateCells(
  user: UserFields & { email: string },
  siteNames: ReadonlyMap<number, string>,
  planNames: ReadonlyMap<number, string>,
  absent: 'empty' | 'clear',
): Record<UpdateColumnKey, string> {
  const none = absent === 'clear' ? CLEAR : '';
  const list = (values: readonly string[]) => (values.length > 0 ? values.join(';') : none);
  const address = user.address;
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    site: siteNames.get(user.siteId) ?? '',
    extension: user.shortExtension,
    callingPlans: list(user.planCodes.map((code) => planNames.get(code) ?? String(code))),
    phoneNumbers: list(user.numbers),
    outboundCallerId: user.callerId.kind === 'number' ? user.callerId.number : 'hidden',
    status: user.status,
    areaCode: user.areaCode ?? none,
    audioPromptLanguage: user.language,
    emergencyAddressLine1: address?.line1 ?? none,
    emergencyAddressLine2: address ? (address.line2 ?? none) : '',
    emergencyCity: address?.city ?? '',
    emergencyState: address?.state ?? '',
    emergencyPostalCode: address?.postalCode ?? '',
    emergencyCountry: address?.country ?? '',
    deskPhoneMac: list(user.deskPhones.map((phone) => phone.mac)),
    deskPhoneModel: user.deskPhones.length > 0 ? user.deskPhones.map((phone) => phone.model).join(';') : '',
  };
}
