import type { Person } from '../../domain/errors.ts';
import type { CurrentUser, DirectoryEntry } from '../../domain/phone-user-fields.ts';
import type { CallingPlan } from '../../store/plans.ts';
import type { Site } from '../../store/sites.ts';

/**
 * What the planner needs to know of the account, read once for the whole file: the rows of the people, numbers
 * and desk phones the file names, and the account-wide facts (sites, plans, extensions, licenses).
 */
export type AccountView = {
  siteCodes: boolean;
  /** Where a number without + is read for the people of a site without a country of its own. */
  defaultCountry: string;
  licensesTotal: number;
  licensesUsed: number;
  sites: Site[];
  plans: (CallingPlan & { used: number })[];
  /** Every extension in use (people, call queues, auto receptionists) and who answers it. */
  taken: Map<string, Person>;
  reserved: Set<string>;
  /** By lower-case email. */
  directory: Map<string, DirectoryEntry>;
  /** By lower-case email: the phone users among the file's emails and copy sources. */
  phoneUsers: Map<string, CurrentUser>;
  /** Phone users by extension, for Copy Settings From given as an extension. */
  phoneUsersByExtension: Map<string, CurrentUser>;
  /** The inventory rows of the numbers the file names. */
  numbers: Map<
    string,
    {
      phoneUserId: number | null;
      isMain: boolean;
      siteId: number | null;
      site: string | null;
      holder: Person | null;
    }
  >;
  /** The desk phones the file names, by MAC. */
  macs: Map<string, { phoneUserId: number; holder: Person }>;
  mainNumbers: string[];
  /** By phone user id: the forward numbers outside the account of the phone users loaded (none: absent). */
  externalForwards: Map<number, string[]>;
};
