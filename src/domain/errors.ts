import type { HiddenCharacter, LookalikeCharacter } from './characters.ts';
import type { EmailProblem } from './email.ts';
import type { ImportFileProblem } from './imports.ts';
import type { AccountSettingKept } from './phone-account.ts';

/** A person as errors and results name them; each surface decides how to show one (a mention, a name). */
export type Person = { name: string; email: string; slackUserId: string | null };

/**
 * Every expected failure, with a stable code and the input at fault. Each surface (Slack replies, CSV reports)
 * turns these into words in one place.
 */
/** Whom a person who is no admin can ask: the first few phone admins (oldest first) and how many there are. */
export type AdminsNamed = { first: string[]; total: number };

export type DomainError =
  /**
   * `admins`: whom to ask, added by the gate that audits the refusal (and, for the other refusals that carry it,
   * by `namingAdmins`); a refusal raised inside a change carries none until then.
   */
  | { code: 'NOT_ADMIN'; action: string; admins?: AdminsNamed }
  | { code: 'NO_USERS' }
  | { code: 'TOO_MANY_USERS'; requested: number; max: number }
  | { code: 'USER_NOT_FOUND'; input: string }
  | { code: 'SLACK_USER_NOT_FOUND'; slackUserId: string }
  | { code: 'SLACK_USER_IS_BOT'; slackUserId: string }
  /** A member of another organization, seen through a shared channel (Slack Connect). */
  | { code: 'SLACK_USER_EXTERNAL'; slackUserId: string; name: string }
  | { code: 'SLACK_PROFILE_NO_EMAIL'; slackUserId: string }
  /** The chat profile's email is not one the directory can keep (a lookalike letter, an invisible character). */
  | { code: 'SLACK_PROFILE_EMAIL_INVALID'; slackUserId: string; input: string; problem: EmailProblem }
  | { code: 'NOT_A_PHONE_USER'; user: Person; admins?: AdminsNamed }
  | { code: 'ALREADY_PHONE_USER'; users: { user: Person; extension: string }[] }
  | { code: 'NO_LICENSE_LEFT'; used: number; total: number; requested: number }
  | { code: 'LICENSE_TOTAL_INVALID'; input: string }
  | { code: 'LICENSE_TOTAL_BELOW_USED'; requested: number; used: number }
  /** A removal confirmed on a prompt that no longer lists all it would end (see previewRemoval). */
  | { code: 'REMOVAL_CHANGED'; users: Person[] }
  | { code: 'EXTENSION_INVALID'; input: string; minDigits: number; maxDigits: number; siteCodes: boolean }
  /** Zeros alone (`00`); `first` when it was typed as a site's first extension. */
  | { code: 'EXTENSION_ALL_ZEROS'; input: string; first?: boolean }
  | { code: 'EXTENSION_TAKEN'; extension: string; holder: Person; suggestions: string[] }
  | { code: 'EXTENSION_RESERVED'; extension: string; suggestions: string[] }
  | { code: 'EXTENSION_RANGE_FULL'; site: string }
  | { code: 'EXTENSION_UNCHANGED'; extension: string }
  | { code: 'SITE_NOT_FOUND'; input: string; known: string[] }
  | { code: 'SITE_NAME_INVALID'; input: string }
  | { code: 'SITE_EXISTS'; name: string }
  | { code: 'SITE_CODE_INVALID'; input: string }
  | { code: 'SITE_COUNTRY_INVALID'; input: string }
  | { code: 'SITE_CODE_TAKEN'; siteCode: string; site: string }
  | { code: 'SITE_CODE_REQUIRED'; sites: string[] }
  | {
      code: 'SITE_FIRST_EXTENSION_INVALID';
      input: string;
      minDigits: number;
      maxDigits: number;
      site?: string;
    }
  | { code: 'SITE_CODES_UNCHANGED'; enabled: boolean }
  | { code: 'SITE_CODES_EXTENSION_TOO_LONG'; users: { user: Person; extension: string }[] }
  | { code: 'SITE_CODES_EXTENSION_CONFLICT'; extensions: string[] }
  | { code: 'SAME_SITE'; user: Person; site: string }
  | { code: 'PLAN_NOT_FOUND'; input: string; known: string[] }
  | { code: 'PLAN_NONE_LEFT'; plan: string; used: number; inventory: number; requested: number }
  | { code: 'PLAN_ALREADY_HELD'; user: Person; plan: string }
  | { code: 'PLAN_NOT_HELD'; user: Person; plan: string }
  | { code: 'NO_PLANS_HELD'; user: Person }
  | { code: 'PLAN_COUNT_INVALID'; input: string }
  | { code: 'PLAN_COUNT_BELOW_USED'; plan: string; requested: number; used: number }
  | {
      code: 'NUMBER_INVALID';
      input: string;
      reason: 'not_e164' | 'not_a_number' | 'too_short' | 'too_long' | 'invalid' | 'not_national';
      /** For `not_national`: the country whose national format it was read in. */
      country?: string;
    }
  /**
   * `/phone route`'s `from:`: a number that is none (`number` says why, as for any number), or digits shaped like
   * an extension that no phone user has.
   */
  | {
      code: 'ROUTE_FROM_INVALID';
      input: string;
      problem:
        | { kind: 'number'; error: Extract<DomainError, { code: 'NUMBER_INVALID' }> }
        | { kind: 'no_extension' };
    }
  | { code: 'NUMBER_RANGE_INVALID'; from: string; to: string; reason: 'order' | 'shape' }
  | { code: 'NUMBER_RANGE_TOO_LARGE'; count: number; max: number }
  | { code: 'NUMBER_NOT_IN_INVENTORY'; number: string }
  | { code: 'NUMBER_ALREADY_IN_INVENTORY'; numbers: string[] }
  | { code: 'NUMBER_TAKEN'; number: string; holder: Person }
  /** A direct number of one site's inventory given to a person of another site. */
  | { code: 'NUMBER_OTHER_SITE'; number: string; site: string; user: Person; userSite: string }
  | { code: 'NUMBER_NOT_HELD'; user: Person; number: string }
  | { code: 'NUMBER_IN_USE'; number: string; holder: Person }
  | { code: 'NUMBER_NEEDS_PLAN'; user: Person }
  | { code: 'NUMBER_LIMIT'; user: Person; max: number }
  | { code: 'NO_FREE_NUMBER'; site: string }
  | { code: 'NO_NUMBERS_HELD'; user: Person }
  | { code: 'EMAIL_INVALID'; input: string; problem: EmailProblem }
  | { code: 'EMAIL_TAKEN'; email: string }
  | { code: 'NAME_INVALID'; field: 'first name' | 'last name'; input: string }
  /** Text with a character that cannot be seen, or that reorders what follows it: `field` names the text. */
  | { code: 'TEXT_HIDDEN_CHARACTER'; field: TextField; input: string; character: HiddenCharacter }
  /** A word mixing Latin letters with Cyrillic or Greek ones drawn like Latin letters. */
  | { code: 'TEXT_MIXED_SCRIPT'; field: TextField; input: string; character: LookalikeCharacter }
  /** A new name that reads like an existing one (`Маin` with a Cyrillic М next to `Main`). */
  | {
      code: 'NAME_LOOKALIKE';
      kind: 'site' | 'call queue' | 'auto receptionist';
      input: string;
      existing: string;
    }
  | { code: 'STATUS_UNCHANGED'; user: Person; status: 'active' | 'inactive' }
  | { code: 'RESERVED_INVALID'; input: string }
  | { code: 'RESERVED_EXISTS'; extension: string }
  | { code: 'RESERVED_NOT_FOUND'; extension: string }
  | { code: 'RESERVED_IN_USE'; extension: string; holder: Person }
  | { code: 'ADMIN_EXISTS'; slackUserId: string }
  | { code: 'ADMIN_NOT_FOUND'; slackUserId: string }
  | { code: 'ADMIN_LAST'; slackUserId: string }
  | { code: 'ADMIN_FROM_CONFIG'; slackUserId: string }
  | { code: 'CONCURRENT_CHANGE'; what: string }
  /** A form was submitted after someone else changed the same user: nothing is overwritten. */
  | { code: 'SETTINGS_STALE'; user: Person; changes: { action: string; actor: string; at: Date }[] }
  /** A phone user changing their own settings asked for something only an admin may change. */
  | { code: 'SELF_SERVICE_DENIED'; setting: string; reason: 'admin_only' | 'not_allowed_by_admin' }
  /** Business hours that cannot be read: `part` is the piece at fault (`25:00`), `within` the word holding it. */
  | {
      code: 'HOURS_INVALID';
      problem:
        | 'nothing'
        | 'always_alone'
        | 'unknown_word'
        | 'unknown_day'
        | 'time_format'
        | 'hour'
        | 'minute'
        | 'zero_length'
        | 'day_twice'
        | 'no_hours'
        | 'no_days'
        | 'one_interval'
        | 'document';
      part: string;
      within?: string;
      day?: string;
    }
  | { code: 'FORWARD_DESCRIPTION_INVALID'; input: string; max: number }
  | { code: 'FORWARD_NUMBER_EXISTS'; number: string }
  | { code: 'FORWARD_NUMBER_OWN'; number: string }
  /** A phone user forwarding their own calls to a number that is charged above an ordinary call. */
  | {
      code: 'FORWARD_NUMBER_CHARGED';
      number: string;
      kind: import('./phone-numbers.ts').ChargedKind;
      admins?: AdminsNamed;
    }
  | { code: 'FORWARD_NUMBER_LIMIT'; max: number }
  | { code: 'FORWARD_NUMBER_NOT_FOUND'; number: string; numbers: string[] }
  | { code: 'FORWARD_NUMBER_NEEDED'; number: string }
  /** Forwarding to a number outside the account is an outbound call: it needs a calling plan. */
  | { code: 'FORWARD_NEEDS_PLAN'; number: string; by: 'admin' | 'self'; admins?: AdminsNamed }
  /** The last calling plan of someone who forwards outside the account: it stays while they do. */
  | { code: 'PLAN_NEEDED_FOR_FORWARD'; user: Person; numbers: string[] }
  /** Call routes that cannot be saved; `route` names the route at fault, `value` the value at fault. */
  | {
      code: 'ROUTES_INVALID';
      problem:
        | 'shape'
        | 'ring_mode'
        | 'ring_seconds'
        | 'apps'
        | 'desk_phone'
        | 'forward'
        | 'duplicate'
        | 'none_enabled';
      route?: string;
      value?: string;
    }
  /** Emergency addresses, desk phones, call queues and auto receptionists. */
  | { code: 'ADDRESS_INCOMPLETE'; missing: ('line 1' | 'city' | 'state' | 'postal code' | 'country')[] }
  | {
      code: 'ADDRESS_FIELD_INVALID';
      field: 'line 1' | 'line 2' | 'city' | 'state' | 'postal code';
      input: string;
      max: number;
    }
  | { code: 'ADDRESS_COUNTRY_INVALID'; input: string; suggestion: string | null }
  /** A state or postal code that does not exist in the address's country (see address-regions.ts). */
  | { code: 'ADDRESS_NOT_IN_COUNTRY'; field: 'state' | 'postal code'; input: string; country: string }
  | { code: 'SITE_NO_DEFAULT_ADDRESS'; site: string }
  | { code: 'ADDRESS_ALREADY_SITE_DEFAULT'; user: Person; site: string }
  | { code: 'ADDRESS_SELF_SERVICE_UNCHANGED'; user: Person; allowed: boolean }
  | { code: 'MAC_INVALID'; input: string; reason: 'format' | 'not_a_device' }
  | { code: 'DESK_PHONE_MODEL_INVALID'; input: string; max: number }
  | { code: 'DESK_PHONE_TAKEN'; mac: string; holder: Person; sameUser: boolean }
  | { code: 'DESK_PHONE_LIMIT'; user: Person; max: number }
  | { code: 'DESK_PHONE_NOT_FOUND'; user: Person; mac: string; holder: Person | null }
  | { code: 'QUEUE_NAME_INVALID'; input: string }
  | { code: 'QUEUE_EXISTS'; name: string }
  | { code: 'QUEUE_NOT_FOUND'; input: string; known: string[] }
  | { code: 'QUEUE_MEMBER_EXISTS'; queue: string; user: Person; isManager: boolean }
  | { code: 'QUEUE_NOT_MEMBER'; queue: string; user: Person }
  | { code: 'QUEUE_NOT_MANAGER'; queue: string; user: Person }
  | { code: 'RECEPTIONIST_NAME_INVALID'; input: string }
  | { code: 'RECEPTIONIST_EXISTS'; name: string }
  | { code: 'RECEPTIONIST_NOT_FOUND'; input: string; known: string[] }
  | { code: 'RECEPTIONIST_OPERATOR_UNCHANGED'; receptionist: string; operator: Person | null }
  /** Settings (`/phone set`): every key at fault, each naming itself; nothing was changed. */
  | { code: 'SETTINGS_INVALID'; problems: import('./setting-problems.ts').SettingProblem[] }
  | { code: 'SETTINGS_UNCHANGED'; user: Person; keys: string[] }
  | { code: 'BLOCKED_ENTRY_INVALID'; input: string; reason: 'characters' | 'too_long' }
  /** A `+` prefix no longer than a country code: `countries` it would block (none for +800 and the like). */
  | { code: 'BLOCKED_PREFIX_TOO_SHORT'; input: string; countryCode: string | null; countries: string[] }
  | { code: 'BLOCKED_ALREADY'; user: Person; entry: string }
  | { code: 'BLOCKED_NOT_FOUND'; user: Person; entry: string }
  | { code: 'ASSISTANT_SELF'; user: Person }
  | { code: 'ASSISTANT_LIMIT'; user: Person; max: number }
  | { code: 'ASSISTANT_ALREADY'; owner: Person; assistant: Person }
  /**
   * The assistant's calls are already answered by the owner, directly or through others: `chain` runs from the
   * assistant to the owner, each answering the calls of the one before.
   */
  | { code: 'ASSISTANT_CYCLE'; owner: Person; assistant: Person; chain: Person[] }
  | { code: 'ASSISTANT_NOT_FOUND'; owner: Person; assistant: Person }
  | { code: 'COPY_TO_SELF'; user: Person }
  | { code: 'MAIN_NUMBER_ALREADY'; number: string }
  | { code: 'NOT_MAIN_NUMBER'; number: string }
  | { code: 'NUMBER_IS_MAIN'; number: string; action: 'assign' | 'remove' }
  | { code: 'MAIN_NUMBER_IS_CALLER_ID'; number: string; users: Person[] }
  /** A phone user who is no admin named someone else: self-service covers only their own line. */
  | { code: 'NOT_OWN_SETTINGS'; command: string }
  | { code: 'PIN_NOT_VISIBLE'; admins?: AdminsNamed }
  /** Audio library: `name` is the file (or library) name at fault. */
  | { code: 'AUDIO_EMPTY'; name: string }
  | { code: 'AUDIO_TOO_LARGE'; name: string; bytes: number; max: number }
  | { code: 'AUDIO_NOT_AUDIO'; name: string; detected: string }
  | { code: 'AUDIO_NAME_INVALID'; input: string; max: number }
  | { code: 'AUDIO_NOT_FOUND'; user: Person; name: string; known: string[] }
  | {
      code: 'AUDIO_IN_USE';
      name: string;
      uses: {
        user: Person;
        use: 'greeting' | 'closed-hours greeting' | 'closed-hours message' | 'hold music';
      }[];
    }
  | {
      code: 'AUDIO_DOWNLOAD_FAILED';
      name: string;
      reason: 'login_page' | 'http_error' | 'network' | 'untrusted_host' | 'no_url';
    }
  /** CSV imports. Row problems are shown beside their line and column; the rest refuse an import as a whole. */
  | { code: 'NUMBER_MANGLED'; input: string; reason: 'digits_lost' | 'not_a_whole_number' }
  | { code: 'IMPORT_NAME_NEEDED'; email: string; missing: ('first name' | 'last name')[] }
  | { code: 'IMPORT_ALREADY_PHONE_USER'; email: string; extension: string }
  | { code: 'IMPORT_NOT_PHONE_USER'; email: string }
  | { code: 'IMPORT_DUPLICATE_IN_FILE'; column: string; value: string; line: number }
  /**
   * A value the row takes from someone the same file changes, who keeps it in the file's end state: their row
   * (on `line`) leaves it to them, or cannot be imported.
   */
  | {
      code: 'IMPORT_VALUE_KEPT';
      column: string;
      value: string;
      holder: Person;
      line: number;
      because: 'kept' | 'invalid';
    }
  | { code: 'IMPORT_CANNOT_CLEAR'; column: string }
  | { code: 'IMPORT_NUMBERS_NEED_PLAN' }
  | { code: 'IMPORT_DESK_PHONE_PAIR'; macs: number; models: number }
  | { code: 'IMPORT_STATUS_INVALID'; input: string }
  | { code: 'IMPORT_NO_LICENSES'; free: number; needed: number }
  | { code: 'IMPORT_PLAN_INVENTORY'; plan: string; free: number; needed: number }
  | { code: 'IMPORT_NOT_FOUND' }
  | {
      code: 'IMPORT_CLOSED';
      fileName: string;
      status: 'reading' | 'previewed' | 'applying' | 'applied' | 'cancelled' | 'undone' | 'failed';
    }
  | { code: 'IMPORT_READ_INTERRUPTED'; fileName: string }
  | { code: 'IMPORT_ROWS_INVALID'; fileName: string; invalid: number; valid: number }
  | { code: 'IMPORT_NOTHING_TO_APPLY'; fileName: string }
  | { code: 'IMPORT_UNDO_EXPIRED'; fileName: string; hours: number }
  /** An undo of an import that is not applied: never imported, or undone already (`closedBy` whom). */
  | {
      code: 'IMPORT_NOT_UNDOABLE';
      fileName: string;
      status: 'reading' | 'previewed' | 'applying' | 'applied' | 'cancelled' | 'undone' | 'failed';
      closedBy: string | null;
    }
  | { code: 'IMPORT_FILE_INVALID'; fileName: string; problem: ImportFileProblem }
  /** A Revert under a change nobody of which is still refused (retried, changed again, or reverted already). */
  | { code: 'REVERT_NOTHING' }
  /** A Revert of a change Switchboard cannot take back by itself: `what` it is, and the command that does. */
  | { code: 'REVERT_UNSUPPORTED'; user: Person; what: string; command: string }
  /** A command that needs a phone system, on an instance configured without one. */
  | { code: 'PHONE_SYSTEM_NONE'; what: string }
  /** Adopting or comparing with a phone system that keeps no account of its own (it reads Switchboard's tables). */
  | { code: 'PHONE_SYSTEM_NO_ACCOUNT'; system: string; what: string }
  | { code: 'SIP_NOT_CONNECTED' }
  | { code: 'SIP_NO_CHAT_ACCOUNT'; user: Person }
  /**
   * The username a device would sign in with is still another person's: their apps' credentials were made when
   * they had that extension (`deskPhone` null), or it is the MAC of a desk phone of theirs.
   */
  | {
      code: 'SIP_USERNAME_HELD';
      username: string;
      holder: Person;
      holderExtension: string;
      deskPhone: string | null;
    }
  /** A change to the settings of a line adopted from the phone system, whose settings Switchboard has not taken. */
  | { code: 'SETTINGS_IN_PHONE_SYSTEM'; email: string }
  /** Another drift check is reading the phone system right now. */
  | { code: 'DRIFT_BUSY' }
  | { code: 'DRIFT_READ_FAILED'; system: string; reason: string }
  | { code: 'DRIFT_NOT_FOUND' }
  /** A button on a report that a later check replaced: its differences may no longer be true. */
  | { code: 'DRIFT_STALE'; checkedAt: Date }
  | { code: 'DRIFT_NOTHING'; side: 'switchboard' | 'phone_system' }
  /** Taking the phone system's values would break a rule: the person, and the problems as an import names them. */
  | { code: 'DRIFT_TAKE_INVALID'; email: string; problems: { column: string; error: DomainError }[] }
  | { code: 'ADOPTION_NOT_FOUND' }
  | { code: 'ADOPTION_READ_FAILED'; system: string; reason: string }
  /** An adoption preview already adopted, cancelled or replaced by a newer one. */
  | { code: 'ADOPTION_CLOSED'; status: 'applied' | 'cancelled' }
  | { code: 'ADOPTION_NOTHING' }
  /** The phone system gives a new person no first or last name, which Switchboard's directory needs. */
  | { code: 'ADOPTION_NAME_NEEDED'; email: string; missing: ('first name' | 'last name')[] }
  /** Part of a person's settings in the phone system that Switchboard cannot hold: their settings stay there. */
  | {
      code: 'ADOPTION_SETTING_KEPT';
      reason: AccountSettingKept | 'assistant_not_adopted' | 'assistant_cycle';
      detail?: string;
    };

export type ErrorCode = DomainError['code'];

/** Free text that is checked for hidden characters and lookalike letters, as a message names it. */
export type TextField =
  | 'first name'
  | 'last name'
  | 'site name'
  | 'call queue name'
  | 'auto receptionist name'
  | 'address line 1'
  | 'address line 2'
  | 'city'
  | 'state'
  | 'postal code';
