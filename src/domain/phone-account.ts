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
};

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
};
