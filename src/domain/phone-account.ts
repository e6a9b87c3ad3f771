import type { EmergencyAddress } from './address.ts';
import type { BlockedEntry } from './blocked.ts';
import type { BusinessHours, CallerId } from './settings.ts';

/** A phone system's account in Switchboard's words: as read from it, or as Switchboard holds it, to compare. */
export type PhoneAccount = {
  sites: { name: string; code: string | null }[];
  /** Calling plans by Switchboard's plan codes, with how many the account subscribes to. */
  plans: { code: number; name: string; subscribed: number }[];
  /** Every direct number, E.164, with the email of the person who holds it (`null`: free, or not a person's). */
  numbers: { number: string; holder: string | null }[];
  lines: AccountLine[];
  /** Call queues with the emails of their members who have a line. */
  queues: AccountQueue[];
  /** Auto receptionists, with the email of the person their 0 key reaches (absent in reads made before). */
  receptionists?: AccountReceptionist[];
};

export type AccountReceptionist = { name: string; extension: string; site: string; operator: string | null };

export type AccountQueue = { name: string; extension: string; site: string; members: string[] };

/** One person's line as the phone system holds it. */
export type AccountLine = {
  email: string;
  /** The person's name as one text: phone systems do not all keep first and last names apart. */
  name: string;
  status: 'active' | 'inactive';
  site: string;
  /** The full extension, digits. */
  extension: string;
  plans: number[];
  numbers: string[];
  /** The settings Switchboard sends the phone system, as it holds them; absent when they were not read. */
  settings?: AccountSettings;
};

/**
 * One person's settings in the phone system, in Switchboard's terms. `kept` names what the phone system holds that
 * Switchboard has no way to hold: such a person's settings stay the phone system's.
 */
export type AccountSettings = {
  businessHours: BusinessHours;
  holdMusic: 'default' | 'none';
  callerId: CallerId;
  areaCode: string | null;
  language: string | null;
  /** A secret: never shown, never written to a file. */
  voicemailPin: string | null;
  /** `null`: the site's default address. */
  emergencyAddress: EmergencyAddress | null;
  deskPhones: { mac: string; model: string }[];
  /** The emails of the people who answer for this person. */
  assistants: string[];
  blocked: BlockedEntry[];
  kept: AccountSettingKept[];
};

/**
 * - `hold_music_audio`: hold music uploaded to the phone system.
 * - `assistant_not_a_person`: an assistant that is not a person's line (a shared phone, say).
 * - `blocked_rule_kind`: a block rule that is neither a number nor a prefix (a country, short codes).
 * - `hours_unreadable`: business hours in a form Switchboard cannot read.
 */
export type AccountSettingKept =
  | 'hold_music_audio'
  | 'assistant_not_a_person'
  | 'blocked_rule_kind'
  | 'hours_unreadable';
