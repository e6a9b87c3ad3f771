/** A person as errors and results name them; each surface decides how to show one (a mention, a name). */
export type Person = { name: string; email: string; slackUserId: string | null };

/**
 * Every expected failure, with a stable code and the input at fault. Each surface (Slack replies, CSV reports)
 * turns these into words in one place.
 */
export type DomainError =
  | { code: 'NOT_ADMIN'; action: string }
  | { code: 'NO_USERS' }
  | { code: 'TOO_MANY_USERS'; requested: number; max: number }
  | { code: 'USER_NOT_FOUND'; input: string }
  | { code: 'SLACK_USER_NOT_FOUND'; slackUserId: string }
  | { code: 'SLACK_USER_IS_BOT'; slackUserId: string }
  | { code: 'SLACK_PROFILE_NO_EMAIL'; slackUserId: string }
  | { code: 'NOT_A_PHONE_USER'; user: Person }
  | { code: 'ALREADY_PHONE_USER'; users: { user: Person; extension: string }[] }
  | { code: 'NO_LICENSE_LEFT'; used: number; total: number; requested: number }
  | { code: 'LICENSE_TOTAL_INVALID'; input: string }
  | { code: 'LICENSE_TOTAL_BELOW_USED'; requested: number; used: number }
  | { code: 'EXTENSION_INVALID'; input: string; minDigits: number; maxDigits: number; siteCodes: boolean }
  | { code: 'EXTENSION_TAKEN'; extension: string; holder: Person; suggestions: string[] }
  | { code: 'EXTENSION_RESERVED'; extension: string; suggestions: string[] }
  | { code: 'EXTENSION_RANGE_FULL'; site: string }
  | { code: 'EXTENSION_UNCHANGED'; extension: string }
  | { code: 'SITE_NOT_FOUND'; input: string; known: string[] }
  | { code: 'SITE_NAME_INVALID'; input: string }
  | { code: 'SITE_EXISTS'; name: string }
  | { code: 'SITE_CODE_INVALID'; input: string }
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
      reason: 'not_e164' | 'not_a_number' | 'too_short' | 'too_long' | 'invalid';
    }
  | { code: 'NUMBER_RANGE_INVALID'; from: string; to: string; reason: 'order' | 'shape' }
  | { code: 'NUMBER_RANGE_TOO_LARGE'; count: number; max: number }
  | { code: 'NUMBER_NOT_IN_INVENTORY'; number: string }
  | { code: 'NUMBER_ALREADY_IN_INVENTORY'; numbers: string[] }
  | { code: 'NUMBER_TAKEN'; number: string; holder: Person }
  | { code: 'NUMBER_NOT_HELD'; user: Person; number: string }
  | { code: 'NUMBER_IN_USE'; number: string; holder: Person }
  | { code: 'NUMBER_NEEDS_PLAN'; user: Person }
  | { code: 'NUMBER_LIMIT'; user: Person; max: number }
  | { code: 'NO_FREE_NUMBER'; site: string }
  | { code: 'NO_NUMBERS_HELD'; user: Person }
  | { code: 'EMAIL_INVALID'; input: string }
  | { code: 'EMAIL_TAKEN'; email: string }
  | { code: 'NAME_INVALID'; field: 'first name' | 'last name'; input: string }
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
  /** A phone user changing their own settings asked for something only an admin may change. */
  | { code: 'SELF_SERVICE_DENIED'; setting: string; reason: 'admin_only' | 'not_allowed_by_admin' };

export type ErrorCode = DomainError['code'];
