import type { EmergencyAddress } from './address.ts';
import type { CallerId } from './settings.ts';

export type DeskPhoneValue = { mac: string; model: string };

/** Everything an update file can change about one phone user, in the shape the planner compares. */
export type UserFields = {
  firstName: string;
  lastName: string;
  siteId: number;
  extension: string;
  shortExtension: string;
  planCodes: number[];
  numbers: string[];
  callerId: CallerId;
  status: 'active' | 'inactive';
  areaCode: string | null;
  language: string;
  /** The user's own emergency address; null means the site's default applies. */
  address: EmergencyAddress | null;
  deskPhones: DeskPhoneValue[];
};

/** A phone user as the account holds them now. */
export type CurrentUser = UserFields & {
  phoneUserId: number;
  directoryUserId: number;
  email: string;
  slackUserId: string | null;
};

export type DirectoryEntry = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  slackUserId: string | null;
};
