import { describe, expect, it } from 'vitest';
import type { DomainError, ErrorCode, Person } from '../../../src/domain/errors.ts';
import { formErrorText } from '../../../src/slack/replies.ts';

const ada: Person = { name: 'Ada Lovelace', email: 'ada@example.com', slackUserId: 'U0ADA0001' };
/** Named by a mention before the directory knew them: only their Slack id is known. */
const bob: Person = { name: '<@U0BOB0001>', email: '', slackUserId: 'U0BOB0001' };
const carol: Person = { name: 'Carol Jones', email: 'carol@example.com', slackUserId: null };
const NAMES = new Map([
  ['U0BOB0001', 'Bob Builder'],
  ['U0DAN0001', 'Dan Dare'],
]);

type Samples = { [K in ErrorCode]: Extract<DomainError, { code: K }> };

/** One of every refusal, with people of every kind and Slack-looking input, as a form could meet them. */
const SAMPLES: Samples = {
  NOT_ADMIN: { code: 'NOT_ADMIN', action: 'settings' },
  NO_USERS: { code: 'NO_USERS' },
  TOO_MANY_USERS: { code: 'TOO_MANY_USERS', requested: 101, max: 100 },
  USER_NOT_FOUND: { code: 'USER_NOT_FOUND', input: '<@U0DAN0001>' },
  SLACK_USER_NOT_FOUND: { code: 'SLACK_USER_NOT_FOUND', slackUserId: 'U0DAN0001' },
  SLACK_USER_IS_BOT: { code: 'SLACK_USER_IS_BOT', slackUserId: 'U0EVE0001' },
  SLACK_USER_EXTERNAL: { code: 'SLACK_USER_EXTERNAL', slackUserId: 'U0EVE0001', name: 'Eve Elsewhere' },
  SLACK_PROFILE_NO_EMAIL: { code: 'SLACK_PROFILE_NO_EMAIL', slackUserId: 'U0DAN0001' },
  NOT_A_PHONE_USER: { code: 'NOT_A_PHONE_USER', user: bob },
  REMOVAL_CHANGED: { code: 'REMOVAL_CHANGED', users: [bob, carol] },
  ALREADY_PHONE_USER: { code: 'ALREADY_PHONE_USER', users: [{ user: ada, extension: '1000' }] },
  NO_LICENSE_LEFT: { code: 'NO_LICENSE_LEFT', used: 10, total: 10, requested: 1 },
  LICENSE_TOTAL_INVALID: { code: 'LICENSE_TOTAL_INVALID', input: 'ten' },
  LICENSE_TOTAL_BELOW_USED: { code: 'LICENSE_TOTAL_BELOW_USED', requested: 1, used: 2 },
  EXTENSION_INVALID: { code: 'EXTENSION_INVALID', input: '1', minDigits: 2, maxDigits: 6, siteCodes: false },
  EXTENSION_ALL_ZEROS: { code: 'EXTENSION_ALL_ZEROS', input: '00' },
  EXTENSION_TAKEN: { code: 'EXTENSION_TAKEN', extension: '1000', holder: bob, suggestions: ['1001'] },
  EXTENSION_RESERVED: { code: 'EXTENSION_RESERVED', extension: '1000', suggestions: [] },
  EXTENSION_RANGE_FULL: { code: 'EXTENSION_RANGE_FULL', site: 'Main' },
  EXTENSION_UNCHANGED: { code: 'EXTENSION_UNCHANGED', extension: '1000' },
  SITE_NOT_FOUND: { code: 'SITE_NOT_FOUND', input: '<#C0CHAN001>', known: ['Main'] },
  SITE_NAME_INVALID: { code: 'SITE_NAME_INVALID', input: '<!here>' },
  SITE_EXISTS: { code: 'SITE_EXISTS', name: 'Main' },
  SITE_CODE_INVALID: { code: 'SITE_CODE_INVALID', input: '0' },
  SITE_COUNTRY_INVALID: { code: 'SITE_COUNTRY_INVALID', input: 'XX' },
  SITE_CODE_TAKEN: { code: 'SITE_CODE_TAKEN', siteCode: '2', site: 'Main' },
  SITE_CODE_REQUIRED: { code: 'SITE_CODE_REQUIRED', sites: ['Main'] },
  SITE_FIRST_EXTENSION_INVALID: {
    code: 'SITE_FIRST_EXTENSION_INVALID',
    input: '1',
    minDigits: 2,
    maxDigits: 6,
    site: 'Main',
  },
  SITE_CODES_UNCHANGED: { code: 'SITE_CODES_UNCHANGED', enabled: true },
  SITE_CODES_EXTENSION_TOO_LONG: {
    code: 'SITE_CODES_EXTENSION_TOO_LONG',
    users: [{ user: bob, extension: '123456' }],
  },
  SITE_CODES_EXTENSION_CONFLICT: { code: 'SITE_CODES_EXTENSION_CONFLICT', extensions: ['2100'] },
  SAME_SITE: { code: 'SAME_SITE', user: ada, site: 'Main' },
  PLAN_NOT_FOUND: { code: 'PLAN_NOT_FOUND', input: 'Gold', known: ['200'] },
  PLAN_NONE_LEFT: { code: 'PLAN_NONE_LEFT', plan: 'US/CA Unlimited', used: 1, inventory: 1, requested: 1 },
  PLAN_ALREADY_HELD: { code: 'PLAN_ALREADY_HELD', user: bob, plan: 'US/CA Unlimited' },
  PLAN_NOT_HELD: { code: 'PLAN_NOT_HELD', user: ada, plan: 'US/CA Unlimited' },
  NO_PLANS_HELD: { code: 'NO_PLANS_HELD', user: carol },
  PLAN_COUNT_INVALID: { code: 'PLAN_COUNT_INVALID', input: 'x' },
  PLAN_COUNT_BELOW_USED: { code: 'PLAN_COUNT_BELOW_USED', plan: '200', requested: 1, used: 2 },
  NUMBER_INVALID: { code: 'NUMBER_INVALID', input: '(415) 555-0100', reason: 'not_e164' },
  ROUTE_FROM_INVALID: {
    code: 'ROUTE_FROM_INVALID',
    input: '<@U0DAN0001>',
    problem: {
      kind: 'number',
      error: { code: 'NUMBER_INVALID', input: '<@U0DAN0001>', reason: 'not_a_number' },
    },
  },
  NUMBER_RANGE_INVALID: { code: 'NUMBER_RANGE_INVALID', from: '+2', to: '+1', reason: 'order' },
  NUMBER_RANGE_TOO_LARGE: { code: 'NUMBER_RANGE_TOO_LARGE', count: 2000, max: 1000 },
  NUMBER_NOT_IN_INVENTORY: { code: 'NUMBER_NOT_IN_INVENTORY', number: '+14155550100' },
  NUMBER_ALREADY_IN_INVENTORY: { code: 'NUMBER_ALREADY_IN_INVENTORY', numbers: ['+14155550100'] },
  NUMBER_TAKEN: { code: 'NUMBER_TAKEN', number: '+14155550100', holder: bob },
  NUMBER_OTHER_SITE: {
    code: 'NUMBER_OTHER_SITE',
    number: '+14155550100',
    site: 'Annex',
    user: bob,
    userSite: 'New York',
  },
  NUMBER_NOT_HELD: { code: 'NUMBER_NOT_HELD', user: ada, number: '+14155550100' },
  NUMBER_IN_USE: { code: 'NUMBER_IN_USE', number: '+14155550100', holder: ada },
  NUMBER_NEEDS_PLAN: { code: 'NUMBER_NEEDS_PLAN', user: bob },
  NUMBER_LIMIT: { code: 'NUMBER_LIMIT', user: ada, max: 10 },
  NO_FREE_NUMBER: { code: 'NO_FREE_NUMBER', site: 'Main' },
  NO_NUMBERS_HELD: { code: 'NO_NUMBERS_HELD', user: bob },
  EMAIL_INVALID: {
    code: 'EMAIL_INVALID',
    input: '<@U0DAN0001>',
    problem: { kind: 'character', character: { char: '<', position: 1 } },
  },
  SLACK_PROFILE_EMAIL_INVALID: {
    code: 'SLACK_PROFILE_EMAIL_INVALID',
    slackUserId: 'U0DAN0001',
    input: '\u0430da@example.com',
    problem: {
      kind: 'lookalike',
      character: { char: '\u0430', position: 1, script: 'Cyrillic', latin: 'a' },
    },
  },
  TEXT_HIDDEN_CHARACTER: {
    code: 'TEXT_HIDDEN_CHARACTER',
    field: 'site name',
    input: 'Ma\u200bin',
    character: { char: '\u200b', position: 3, kind: 'invisible' },
  },
  TEXT_MIXED_SCRIPT: {
    code: 'TEXT_MIXED_SCRIPT',
    field: 'site name',
    input: 'M\u0430in',
    character: { char: '\u0430', position: 2, script: 'Cyrillic', latin: 'a' },
  },
  NAME_LOOKALIKE: { code: 'NAME_LOOKALIKE', kind: 'site', input: 'M\u0430in', existing: 'Main' },
  EMAIL_TAKEN: { code: 'EMAIL_TAKEN', email: 'ada@example.com' },
  NAME_INVALID: { code: 'NAME_INVALID', field: 'first name', input: '<@U0DAN0001>' },
  STATUS_UNCHANGED: { code: 'STATUS_UNCHANGED', user: bob, status: 'active' },
  RESERVED_INVALID: { code: 'RESERVED_INVALID', input: 'x' },
  RESERVED_EXISTS: { code: 'RESERVED_EXISTS', extension: '1000' },
  RESERVED_NOT_FOUND: { code: 'RESERVED_NOT_FOUND', extension: '1000' },
  RESERVED_IN_USE: { code: 'RESERVED_IN_USE', extension: '1000', holder: bob },
  ADMIN_EXISTS: { code: 'ADMIN_EXISTS', slackUserId: 'U0DAN0001' },
  ADMIN_NOT_FOUND: { code: 'ADMIN_NOT_FOUND', slackUserId: 'U0EVE0001' },
  ADMIN_LAST: { code: 'ADMIN_LAST', slackUserId: 'U0DAN0001' },
  ADMIN_FROM_CONFIG: { code: 'ADMIN_FROM_CONFIG', slackUserId: 'U0DAN0001' },
  CONCURRENT_CHANGE: { code: 'CONCURRENT_CHANGE', what: 'delegations' },
  SETTINGS_STALE: {
    code: 'SETTINGS_STALE',
    user: bob,
    changes: [
      { action: 'routing.changed', actor: 'U0DAN0001', at: new Date(0) },
      { action: 'business_hours.changed', actor: 'U0EVE0001', at: new Date(0) },
      { action: 'voicemail_settings.changed', actor: 'U0BOB0001', at: new Date(0) },
      { action: 'some_future.thing_done', actor: 'csv import', at: new Date(0) },
    ],
  },
  SELF_SERVICE_DENIED: { code: 'SELF_SERVICE_DENIED', setting: 'caller ID', reason: 'admin_only' },
  HOURS_INVALID: { code: 'HOURS_INVALID', problem: 'unknown_day', part: 'fry', within: 'mon-fry' },
  FORWARD_DESCRIPTION_INVALID: { code: 'FORWARD_DESCRIPTION_INVALID', input: '<@U0DAN0001>', max: 64 },
  FORWARD_NUMBER_EXISTS: { code: 'FORWARD_NUMBER_EXISTS', number: '+14155550123' },
  FORWARD_NUMBER_OWN: { code: 'FORWARD_NUMBER_OWN', number: '+14155550123' },
  FORWARD_NUMBER_CHARGED: { code: 'FORWARD_NUMBER_CHARGED', number: '+19002345678', kind: 'premium_rate' },
  FORWARD_NUMBER_LIMIT: { code: 'FORWARD_NUMBER_LIMIT', max: 10 },
  FORWARD_NUMBER_NOT_FOUND: { code: 'FORWARD_NUMBER_NOT_FOUND', number: '+14155550123', numbers: [] },
  FORWARD_NUMBER_NEEDED: { code: 'FORWARD_NUMBER_NEEDED', number: '+14155550123' },
  FORWARD_NEEDS_PLAN: { code: 'FORWARD_NEEDS_PLAN', number: '+14155550123', by: 'self' },
  PLAN_NEEDED_FOR_FORWARD: { code: 'PLAN_NEEDED_FOR_FORWARD', user: bob, numbers: ['+14155550123'] },
  ROUTES_INVALID: { code: 'ROUTES_INVALID', problem: 'ring_seconds', route: 'apps', value: '7' },
  ADDRESS_INCOMPLETE: { code: 'ADDRESS_INCOMPLETE', missing: ['city'] },
  ADDRESS_FIELD_INVALID: { code: 'ADDRESS_FIELD_INVALID', field: 'line 2', input: '<script>', max: 100 },
  ADDRESS_COUNTRY_INVALID: { code: 'ADDRESS_COUNTRY_INVALID', input: 'UK', suggestion: 'GB' },
  ADDRESS_NOT_IN_COUNTRY: {
    code: 'ADDRESS_NOT_IN_COUNTRY',
    field: 'state',
    input: 'Calfornia',
    country: 'US',
  },
  SITE_NO_DEFAULT_ADDRESS: { code: 'SITE_NO_DEFAULT_ADDRESS', site: 'Main' },
  ADDRESS_ALREADY_SITE_DEFAULT: { code: 'ADDRESS_ALREADY_SITE_DEFAULT', user: bob, site: 'Main' },
  ADDRESS_SELF_SERVICE_UNCHANGED: { code: 'ADDRESS_SELF_SERVICE_UNCHANGED', user: ada, allowed: true },
  MAC_INVALID: { code: 'MAC_INVALID', input: 'xx', reason: 'format' },
  DESK_PHONE_MODEL_INVALID: { code: 'DESK_PHONE_MODEL_INVALID', input: '<b>', max: 64 },
  DESK_PHONE_TAKEN: { code: 'DESK_PHONE_TAKEN', mac: '001A2B3C4D5E', holder: bob, sameUser: false },
  DESK_PHONE_LIMIT: { code: 'DESK_PHONE_LIMIT', user: bob, max: 3 },
  DESK_PHONE_NOT_FOUND: { code: 'DESK_PHONE_NOT_FOUND', user: ada, mac: '001A2B3C4D5E', holder: bob },
  QUEUE_NAME_INVALID: { code: 'QUEUE_NAME_INVALID', input: '' },
  QUEUE_EXISTS: { code: 'QUEUE_EXISTS', name: 'Sales' },
  QUEUE_NOT_FOUND: { code: 'QUEUE_NOT_FOUND', input: 'Sale', known: ['Sales'] },
  QUEUE_MEMBER_EXISTS: { code: 'QUEUE_MEMBER_EXISTS', queue: 'Sales', user: bob, isManager: false },
  QUEUE_NOT_MEMBER: { code: 'QUEUE_NOT_MEMBER', queue: 'Sales', user: bob },
  QUEUE_NOT_MANAGER: { code: 'QUEUE_NOT_MANAGER', queue: 'Sales', user: ada },
  RECEPTIONIST_NAME_INVALID: { code: 'RECEPTIONIST_NAME_INVALID', input: '' },
  RECEPTIONIST_EXISTS: { code: 'RECEPTIONIST_EXISTS', name: 'Front desk' },
  RECEPTIONIST_NOT_FOUND: { code: 'RECEPTIONIST_NOT_FOUND', input: 'Front', known: [] },
  RECEPTIONIST_OPERATOR_UNCHANGED: {
    code: 'RECEPTIONIST_OPERATOR_UNCHANGED',
    receptionist: 'Front desk',
    operator: bob,
  },
  SETTINGS_INVALID: {
    code: 'SETTINGS_INVALID',
    problems: [
      { key: 'pin', problem: 'pin_format', length: 3, nonDigits: false },
      { key: 'caller-id', problem: 'caller_id_not_available', number: '+1', own: [], main: [] },
      { key: 'closed', problem: 'closed_needs_forward' },
    ],
  },
  SETTINGS_UNCHANGED: { code: 'SETTINGS_UNCHANGED', user: bob, keys: ['language'] },
  BLOCKED_ENTRY_INVALID: { code: 'BLOCKED_ENTRY_INVALID', input: '<#C0CHAN001>', reason: 'characters' },
  BLOCKED_PREFIX_TOO_SHORT: {
    code: 'BLOCKED_PREFIX_TOO_SHORT',
    input: '+44',
    countryCode: '44',
    countries: ['GB', 'GG', 'IM', 'JE'],
  },
  BLOCKED_ALREADY: { code: 'BLOCKED_ALREADY', user: bob, entry: '+4420' },
  BLOCKED_NOT_FOUND: { code: 'BLOCKED_NOT_FOUND', user: ada, entry: '+4420' },
  ASSISTANT_SELF: { code: 'ASSISTANT_SELF', user: bob },
  ASSISTANT_LIMIT: { code: 'ASSISTANT_LIMIT', user: bob, max: 15 },
  ASSISTANT_ALREADY: { code: 'ASSISTANT_ALREADY', owner: ada, assistant: bob },
  ASSISTANT_CYCLE: { code: 'ASSISTANT_CYCLE', owner: ada, assistant: bob, chain: [bob, carol, ada] },
  ASSISTANT_NOT_FOUND: { code: 'ASSISTANT_NOT_FOUND', owner: bob, assistant: ada },
  COPY_TO_SELF: { code: 'COPY_TO_SELF', user: bob },
  MAIN_NUMBER_ALREADY: { code: 'MAIN_NUMBER_ALREADY', number: '+14155550199' },
  NOT_MAIN_NUMBER: { code: 'NOT_MAIN_NUMBER', number: '+14155550199' },
  NUMBER_IS_MAIN: { code: 'NUMBER_IS_MAIN', number: '+14155550199', action: 'assign' },
  MAIN_NUMBER_IS_CALLER_ID: { code: 'MAIN_NUMBER_IS_CALLER_ID', number: '+14155550199', users: [bob, ada] },
  NOT_OWN_SETTINGS: { code: 'NOT_OWN_SETTINGS', command: 'settings' },
  PIN_NOT_VISIBLE: { code: 'PIN_NOT_VISIBLE' },
  AUDIO_EMPTY: { code: 'AUDIO_EMPTY', name: 'greeting.wav' },
  AUDIO_TOO_LARGE: { code: 'AUDIO_TOO_LARGE', name: 'greeting.wav', bytes: 20_000_000, max: 10_000_000 },
  AUDIO_NOT_AUDIO: { code: 'AUDIO_NOT_AUDIO', name: 'greeting.wav', detected: 'a PDF document' },
  AUDIO_NAME_INVALID: { code: 'AUDIO_NAME_INVALID', input: '<@U0DAN0001>', max: 64 },
  AUDIO_NOT_FOUND: { code: 'AUDIO_NOT_FOUND', user: bob, name: 'Hello', known: ['Welcome'] },
  AUDIO_IN_USE: { code: 'AUDIO_IN_USE', name: 'Hello', uses: [{ user: bob, use: 'greeting' }] },
  AUDIO_DOWNLOAD_FAILED: { code: 'AUDIO_DOWNLOAD_FAILED', name: 'Hello', reason: 'login_page' },
  NUMBER_MANGLED: { code: 'NUMBER_MANGLED', input: '1.4E+10', reason: 'digits_lost' },
  IMPORT_NAME_NEEDED: { code: 'IMPORT_NAME_NEEDED', email: 'ada@example.com', missing: ['first name'] },
  IMPORT_ALREADY_PHONE_USER: {
    code: 'IMPORT_ALREADY_PHONE_USER',
    email: 'ada@example.com',
    extension: '1000',
  },
  IMPORT_NOT_PHONE_USER: { code: 'IMPORT_NOT_PHONE_USER', email: 'ada@example.com' },
  IMPORT_DUPLICATE_IN_FILE: { code: 'IMPORT_DUPLICATE_IN_FILE', column: 'Extension', value: '1000', line: 3 },
  IMPORT_VALUE_KEPT: {
    code: 'IMPORT_VALUE_KEPT',
    column: 'Extension',
    value: '1000',
    holder: bob,
    line: 3,
    because: 'kept',
  },
  IMPORT_CANNOT_CLEAR: { code: 'IMPORT_CANNOT_CLEAR', column: 'Email' },
  IMPORT_NUMBERS_NEED_PLAN: { code: 'IMPORT_NUMBERS_NEED_PLAN' },
  IMPORT_DESK_PHONE_PAIR: { code: 'IMPORT_DESK_PHONE_PAIR', macs: 2, models: 1 },
  IMPORT_STATUS_INVALID: { code: 'IMPORT_STATUS_INVALID', input: 'gone' },
  IMPORT_NO_LICENSES: { code: 'IMPORT_NO_LICENSES', free: 1, needed: 2 },
  IMPORT_PLAN_INVENTORY: { code: 'IMPORT_PLAN_INVENTORY', plan: '200', free: 1, needed: 2 },
  IMPORT_NOT_FOUND: { code: 'IMPORT_NOT_FOUND' },
  IMPORT_CLOSED: { code: 'IMPORT_CLOSED', fileName: 'people.csv', status: 'applied' },
  IMPORT_READ_INTERRUPTED: { code: 'IMPORT_READ_INTERRUPTED', fileName: 'people.csv' },
  IMPORT_ROWS_INVALID: { code: 'IMPORT_ROWS_INVALID', fileName: 'people.csv', invalid: 1, valid: 2 },
  IMPORT_NOTHING_TO_APPLY: { code: 'IMPORT_NOTHING_TO_APPLY', fileName: 'people.csv' },
  IMPORT_UNDO_EXPIRED: { code: 'IMPORT_UNDO_EXPIRED', fileName: 'people.csv', hours: 24 },
  IMPORT_NOT_UNDOABLE: {
    code: 'IMPORT_NOT_UNDOABLE',
    fileName: 'people.csv',
    status: 'undone',
    closedBy: 'UADMIN0001',
  },
  IMPORT_FILE_INVALID: {
    code: 'IMPORT_FILE_INVALID',
    fileName: 'people.csv',
    problem: { code: 'CSV_NOT_UTF8' },
  },
  REVERT_NOTHING: { code: 'REVERT_NOTHING' },
  REVERT_UNSUPPORTED: {
    code: 'REVERT_UNSUPPORTED',
    user: ada,
    what: 'a change of settings',
    command: '/phone settings @ada',
  },
  PHONE_SYSTEM_NONE: { code: 'PHONE_SYSTEM_NONE', what: 'compare' },
  PHONE_SYSTEM_NO_ACCOUNT: { code: 'PHONE_SYSTEM_NO_ACCOUNT', system: 'Kamailio', what: 'adopt' },
  SIP_NOT_CONNECTED: { code: 'SIP_NOT_CONNECTED' },
  SIP_NO_CHAT_ACCOUNT: { code: 'SIP_NO_CHAT_ACCOUNT', user: carol },
  SIP_USERNAME_HELD: {
    code: 'SIP_USERNAME_HELD',
    username: '1001',
    holder: carol,
    holderExtension: '1002',
    deskPhone: null,
  },
  SETTINGS_IN_PHONE_SYSTEM: { code: 'SETTINGS_IN_PHONE_SYSTEM', email: 'ada@example.com' },
  ADOPTION_NOT_FOUND: { code: 'ADOPTION_NOT_FOUND' },
  ADOPTION_READ_FAILED: {
    code: 'ADOPTION_READ_FAILED',
    system: 'Zoom Phone',
    reason: 'Zoom did not answer.',
  },
  ADOPTION_CLOSED: { code: 'ADOPTION_CLOSED', status: 'applied' },
  ADOPTION_NOTHING: { code: 'ADOPTION_NOTHING' },
  ADOPTION_NAME_NEEDED: { code: 'ADOPTION_NAME_NEEDED', email: 'cher@example.com', missing: ['last name'] },
  ADOPTION_SETTING_KEPT: {
    code: 'ADOPTION_SETTING_KEPT',
    reason: 'assistant_not_adopted',
    detail: 'grace@example.com',
  },
  DRIFT_BUSY: { code: 'DRIFT_BUSY' },
  DRIFT_READ_FAILED: { code: 'DRIFT_READ_FAILED', system: 'Zoom Phone', reason: 'Zoom did not answer.' },
  DRIFT_NOT_FOUND: { code: 'DRIFT_NOT_FOUND' },
  DRIFT_STALE: { code: 'DRIFT_STALE', checkedAt: new Date('2026-12-06T09:00:00Z') },
  DRIFT_NOTHING: { code: 'DRIFT_NOTHING', side: 'switchboard' },
  DRIFT_TAKE_INVALID: {
    code: 'DRIFT_TAKE_INVALID',
    email: 'ada@example.com',
    problems: [{ column: 'Extension', error: { code: 'EXTENSION_ALL_ZEROS', input: '000' } }],
  },
};

const CODES = Object.keys(SAMPLES) as ErrorCode[];
const AUDIT_ACTIONS = SAMPLES.SETTINGS_STALE.changes.map((change) => change.action);

describe('errors inside forms', () => {
  it.each(CODES)('%s reads as plain text: no mention, channel or broadcast markup, no code', (code) => {
    const text = formErrorText(SAMPLES[code], NAMES);
    expect(text).not.toMatch(/<[@#!]/);
    expect(text).not.toMatch(/&lt;|&gt;|&amp;/);
    expect(text).not.toMatch(/[`*]/);
    for (const errorCode of CODES) expect(text).not.toContain(errorCode);
    for (const action of AUDIT_ACTIONS) expect(text).not.toContain(action);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(2000);
  });

  it('names people: by their name, by the name Slack gave for their id, or plainly when it gave none', () => {
    expect(formErrorText(SAMPLES.EXTENSION_TAKEN, NAMES)).toContain('taken by Bob Builder');
    expect(formErrorText(SAMPLES.SLACK_USER_NOT_FOUND, NAMES)).toMatch(/^Dan Dare is not an active member/);
    expect(formErrorText(SAMPLES.SLACK_USER_IS_BOT, NAMES)).toMatch(/^That person is a bot/);
    expect(formErrorText(SAMPLES.ASSISTANT_ALREADY, NAMES)).toContain(
      'Bob Builder is already an assistant of Ada Lovelace',
    );
    expect(formErrorText(SAMPLES.NO_PLANS_HELD, NAMES)).toContain('Carol Jones (carol@example.com)');
  });

  it('says what changed since a form opened in words, and who changed it', () => {
    expect(formErrorText(SAMPLES.SETTINGS_STALE, NAMES)).toBe(
      'Bob Builder was changed since you opened this form: call routes changed by Dan Dare, business hours changed by someone else, voicemail settings changed by Bob Builder and some future thing done by csv import. Nothing was saved; open the settings again to see the new values.',
    );
  });

  it('keeps what a person typed as typed, markup and all, without escaping it', () => {
    expect(formErrorText(SAMPLES.ADDRESS_FIELD_INVALID, NAMES)).toContain('The line 2 <script> is not valid');
  });
});
