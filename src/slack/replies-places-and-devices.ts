import type { DomainError } from '../domain/errors.ts';
import { macWithColons } from '../domain/mac.ts';
import { listing, MRKDWN, type Style, someOf } from './format.ts';

/** The refusals of emergency addresses, desk phones, call queues and auto receptionists. */
export type PlacesAndDevicesError = Extract<
  DomainError,
  {
    code:
      | 'ADDRESS_INCOMPLETE'
      | 'ADDRESS_FIELD_INVALID'
      | 'ADDRESS_COUNTRY_INVALID'
      | 'ADDRESS_NOT_IN_COUNTRY'
      | 'SITE_NO_DEFAULT_ADDRESS'
      | 'ADDRESS_ALREADY_SITE_DEFAULT'
      | 'ADDRESS_SELF_SERVICE_UNCHANGED'
      | 'MAC_INVALID'
      | 'DESK_PHONE_MODEL_INVALID'
      | 'DESK_PHONE_TAKEN'
      | 'DESK_PHONE_LIMIT'
      | 'DESK_PHONE_NOT_FOUND'
      | 'QUEUE_NAME_INVALID'
      | 'QUEUE_EXISTS'
      | 'QUEUE_NOT_FOUND'
      | 'QUEUE_MEMBER_EXISTS'
      | 'QUEUE_NOT_MEMBER'
      | 'QUEUE_NOT_MANAGER'
      | 'RECEPTIONIST_NAME_INVALID'
      | 'RECEPTIONIST_EXISTS'
      | 'RECEPTIONIST_NOT_FOUND'
      | 'RECEPTIONIST_OPERATOR_UNCHANGED';
  }
>;

const ADDRESS_ORDER = '"line 1" "city" "state" "postal code" country';
const macSpellings = ({ code }: Style) =>
  `${code('00:1A:2B:3C:4D:5E')}, ${code('00-1A-2B-3C-4D-5E')}, ${code('001A.2B3C.4D5E')} or ${code('001A2B3C4D5E')}`;

/** What a state and a postal code look like in each country whose addresses are checked (address-regions.ts). */
const regionFormats = ({ code }: Style): Readonly<Record<string, { state?: string; postal: string }>> => ({
  US: {
    state: `Use the state's two-letter code or its name, e.g. ${code('CA')} or ${code('California')}; ${code('DC')} and the territories (${code('PR')}, ${code('GU')}, ${code('VI')}…) count.`,
    postal: `Use a ZIP code of 5 digits or ZIP+4, e.g. ${code('94105')} or ${code('94105-1234')}.`,
  },
  CA: {
    state: `Use the province's or territory's two-letter code or its name, e.g. ${code('ON')} or ${code('Ontario')}.`,
    postal: `Use a postal code of the form A1A 1A1, e.g. ${code('K1A 0B1')}.`,
  },
  GB: { postal: `Use a UK postcode, e.g. ${code('SW1A 1AA')} or ${code('M1 1AE')}.` },
  IE: { postal: `Use an Eircode, e.g. ${code('D02 X285')}.` },
  AU: {
    state: `Use the state's or territory's code or its name, e.g. ${code('NSW')} or ${code('Victoria')}.`,
    postal: `Use a postcode of 4 digits, e.g. ${code('2000')}.`,
  },
  NZ: { postal: `Use a postcode of 4 digits, e.g. ${code('6011')}.` },
  JP: { postal: `Use a postal code of 7 digits, e.g. ${code('100-0001')}.` },
  IN: { postal: `Use a PIN code of 6 digits, e.g. ${code('110001')}.` },
});

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const names = (items: string[], { input }: Style) =>
  items.length > 0 ? someOf(items.map((item) => input(item))) : 'none yet';

/** What happened and what to do next, naming the field at fault. */
export function placesAndDevicesText(error: PlacesAndDevicesError, s: Style = MRKDWN): string {
  const { code, input, who } = s;
  const e = s.escape;
  switch (error.code) {
    case 'ADDRESS_INCOMPLETE': {
      const verb = error.missing.length === 1 ? 'is' : 'are';
      return `${capitalized(listing(error.missing))} ${verb} missing from the emergency address; nothing was saved. Give every part, quoted where it has spaces, in this order: ${code(ADDRESS_ORDER)}, e.g. ${code('"1 Main St" "San Francisco" CA 94105 US')}.`;
    }
    case 'ADDRESS_FIELD_INVALID':
      return error.field === 'postal code'
        ? `The postal code ${input(error.input)} is not valid: use up to ${error.max} letters, digits, spaces or dashes, e.g. ${code('94105')} or ${code('SW1A 1AA')}.`
        : `The ${error.field} ${input(error.input)} is not valid: use at most ${error.max} printable characters (no ${code(e('<'))} or ${code(e('>'))}).`;
    case 'ADDRESS_COUNTRY_INVALID': {
      const hint = error.suggestion ? ` Did you mean ${code(error.suggestion)}?` : '';
      return `The country ${input(error.input)} is not an ISO 3166 two-letter country code.${hint} Use codes like ${code('US')}, ${code('GB')}, ${code('DE')} or ${code('JP')}.`;
    }
    case 'ADDRESS_NOT_IN_COUNTRY': {
      const expected = regionFormats(s)[error.country]?.[error.field === 'state' ? 'state' : 'postal'];
      return `The ${error.field} ${input(error.input)} does not exist in ${error.country}, so a dispatcher could not place the address; nothing was saved.${expected ? ` ${expected}` : ''}`;
    }
    case 'SITE_NO_DEFAULT_ADDRESS':
      return `Site ${e(error.site)} has no default emergency address yet, so nothing changed. Set one first with ${code(e(`/phone site address "${error.site}" "<line 1>" "<city>" "<state>" "<postal code>" <country>`))}.`;
    case 'ADDRESS_ALREADY_SITE_DEFAULT':
      return `${who(error.user)} already uses the default emergency address of ${e(error.site)}; nothing changed.`;
    case 'ADDRESS_SELF_SERVICE_UNCHANGED':
      return error.allowed
        ? `${who(error.user)} may already manage their own emergency address; nothing changed.`
        : `${who(error.user)} already cannot change their own emergency address; nothing changed.`;
    case 'MAC_INVALID':
      return error.reason === 'format'
        ? `${input(error.input)} is not a MAC address. Type the 12 hex digits printed on the phone's label, e.g. ${macSpellings(s)}.`
        : `${input(error.input)} is not the MAC address of a device (all zeros, broadcast or multicast). Copy the MAC from the phone's label or its network settings.`;
    case 'DESK_PHONE_MODEL_INVALID':
      return `The model ${input(error.input)} is not valid: give the phone's model in 1 to ${error.max} printable characters after the MAC, e.g. ${code('/phone phone add @ada 00:1A:2B:3C:4D:5E Model A20')}.`;
    case 'DESK_PHONE_TAKEN':
      return error.sameUser
        ? `${who(error.holder)} already has the desk phone ${code(macWithColons(error.mac))}; nothing changed.`
        : `The desk phone ${code(macWithColons(error.mac))} belongs to ${who(error.holder)}: a MAC address can be used once in the account. Remove it from them first with ${code(e(`/phone phone remove ${error.holder.email || '<user>'} ${macWithColons(error.mac)}`))}.`;
    case 'DESK_PHONE_LIMIT':
      return `${who(error.user)} already has ${error.max} desk phones, the most one person can have. Remove one first with ${code(e('/phone phone remove <user> <MAC>'))}.`;
    case 'DESK_PHONE_NOT_FOUND': {
      const elsewhere = error.holder ? ` It belongs to ${who(error.holder)}.` : '';
      return `${who(error.user)} has no desk phone ${code(macWithColons(error.mac))}.${elsewhere} See their desk phones with ${code('/phone show')}.`;
    }
    case 'QUEUE_NAME_INVALID':
      return `${input(error.input)} cannot be a call queue name: use 1 to 64 printable characters, quoted if it has spaces.`;
    case 'QUEUE_EXISTS':
      return `A call queue called ${input(error.name)} already exists (names ignore case). Pick another name.`;
    case 'QUEUE_NOT_FOUND':
      return `There is no call queue called ${input(error.input)}. Call queues: ${names(error.known, s)}. Add one with ${code(e('/phone queue add <name> <extension>'))}.`;
    case 'QUEUE_MEMBER_EXISTS':
      return `${who(error.user)} is already ${error.isManager ? 'a manager' : 'a member'} of the call queue ${e(error.queue)}; nothing changed.${error.isManager ? '' : ` To make them a manager, add ${code('manager')} at the end.`}`;
    case 'QUEUE_NOT_MEMBER':
      return `${who(error.user)} is not a member of the call queue ${e(error.queue)}; nothing changed. See the members with ${code('/phone queues')}.`;
    case 'QUEUE_NOT_MANAGER':
      return `${who(error.user)} is a member but not a manager of the call queue ${e(error.queue)}; nothing changed. To take them out of the queue, leave out ${code('manager')}.`;
    case 'RECEPTIONIST_NAME_INVALID':
      return `${input(error.input)} cannot be an auto receptionist name: use 1 to 64 printable characters, quoted if it has spaces.`;
    case 'RECEPTIONIST_EXISTS':
      return `An auto receptionist called ${input(error.name)} already exists (names ignore case). Pick another name.`;
    case 'RECEPTIONIST_NOT_FOUND':
      return `There is no auto receptionist called ${input(error.input)}. Auto receptionists: ${names(error.known, s)}. Add one with ${code(e('/phone receptionist add <name> <extension>'))}.`;
    case 'RECEPTIONIST_OPERATOR_UNCHANGED':
      return error.operator
        ? `${who(error.operator)} is already the operator of ${e(error.receptionist)}; nothing changed.`
        : `${e(error.receptionist)} has no operator already; nothing changed.`;
  }
}
