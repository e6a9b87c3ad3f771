import type { EmergencyAddress } from './address.ts';
import type {
  BusinessHours,
  CallerId,
  ClosedHoursAction,
  ForwardNumber,
  HoldMusic,
  RingMode,
  Route,
  UnansweredAction,
} from './settings.ts';

/** What Switchboard wants the phone system to hold for one person, found by email there. */
export type DesiredLine = {
  email: string;
  firstName: string;
  lastName: string;
  /** `null`: the person holds no phone license, and the phone system must not give them a line. */
  line: Line | null;
};

export type Line = {
  status: 'active' | 'inactive';
  site: { name: string; code: string | null };
  /** The full extension (site code and short extension when site codes are on). */
  extension: string;
  shortExtension: string;
  plans: { code: number; name: string }[];
  /** Direct numbers, E.164. */
  numbers: string[];
  settings: LineSettings;
  /** The person's own emergency address; `null` means their site's default. */
  emergencyAddress: EmergencyAddress | null;
  deskPhones: { mac: string; model: string }[];
  /** The emails of the people who may answer and place calls for this person. */
  assistants: string[];
  blocked: { kind: 'number' | 'prefix'; value: string }[];
  /**
   * The line was adopted from the phone system and Switchboard has not taken its settings: the adapter leaves
   * `settings`, the emergency address, desk phones, assistants and blocked numbers as the phone system holds them.
   */
  settingsInPhoneSystem?: true;
};

export type LineSettings = {
  businessHours: BusinessHours;
  ringMode: RingMode;
  routes: Route[];
  forwardNumbers: ForwardNumber[];
  unanswered: UnansweredAction;
  closedHours: ClosedHoursAction;
  holdMusic: HoldMusic;
  callerId: CallerId;
  areaCode: string | null;
  language: string;
  /** The voicemail PIN: adapters send it and never log or return it. */
  voicemailPin: string;
};
