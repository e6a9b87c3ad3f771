/**
 * What can be wrong with one `key=value` of a settings change. A change reports every problem at once, each
 * naming its key, so the admin fixes the whole command in one go.
 */

/** The keys of `/phone set` (and of any other surface that sets the same values). */
export const SETTING_KEYS = [
  'language',
  'area-code',
  'caller-id',
  'ring-mode',
  'pin',
  'unanswered',
  'closed',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type NumberProblemReason =
  | 'not_e164'
  | 'not_a_number'
  | 'too_short'
  | 'too_long'
  | 'invalid'
  | 'not_national';

export type SettingProblem =
  | { key: string; problem: 'unknown_key' }
  | { key: SettingKey; problem: 'given_twice' }
  | { key: SettingKey; problem: 'choice'; input: string; choices: readonly string[] }
  /** The PIN typed is never repeated back: only how it is wrong. */
  | { key: 'pin'; problem: 'pin_format'; length: number; nonDigits: boolean }
  | {
      key: 'area-code';
      problem: 'area_code_digits' | 'area_code_nanp' | 'area_code_unknown';
      input: string;
      country: string;
    }
  | {
      key: 'area-code';
      problem: 'area_code_other_country';
      input: string;
      country: string;
      belongsTo: string;
    }
  | { key: 'caller-id'; problem: 'caller_id_number'; input: string; reason: NumberProblemReason }
  | { key: 'caller-id'; problem: 'caller_id_not_available'; number: string; own: string[]; main: string[] }
  | { key: 'closed'; problem: 'closed_needs_forward' }
  | { key: 'closed'; problem: 'closed_needs_message' };
