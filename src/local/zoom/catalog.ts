/**
 * Calling plan type codes and the names Zoom shows when reading them, the same catalog as Switchboard's own seed
 * (db/migrations/0001_seed.sql), so that a demo reads the same plans on both sides.
 */
export const PLAN_NAMES: Readonly<Record<number, string>> = {
  100: 'United States/Canada Metered Calling Plan',
  101: 'Australia/New Zealand Metered Calling Plan',
  102: 'United Kingdom/Ireland Metered Calling Plan',
  103: 'Europe Zone A Metered Calling Plan',
  104: 'Europe Zone B Metered Calling Plan',
  107: 'Japan Metered Calling Plan',
  200: 'United States/Canada Unlimited Calling Plan',
  201: 'Australia/New Zealand Unlimited Calling Plan',
  202: 'United Kingdom/Ireland Unlimited Calling Plan',
  203: 'Europe Zone A Unlimited Calling Plan',
  204: 'Europe Zone B Unlimited Calling Plan',
  207: 'Japan Unlimited Calling Plan',
  1000: 'Global Select Calling Plan',
  1001: 'Global Select Metered Calling Plan',
  3000: 'Pro Calling Plan',
  4000: 'International Calling Add-On',
  4010: 'Power Pack Add-On',
};

/** The short names batch add takes for the same plans (Switchboard's short names). */
export const PLAN_SHORT_NAMES: Readonly<Record<number, string>> = {
  100: 'US/CA Metered',
  101: 'AU/NZ Metered',
  102: 'UK/Ireland Metered',
  103: 'Europe Zone A Metered',
  104: 'Europe Zone B Metered',
  107: 'JP Metered',
  200: 'US/CA Unlimited',
  201: 'AU/NZ Unlimited',
  202: 'UK/Ireland Unlimited',
  203: 'Europe Zone A Unlimited',
  204: 'Europe Zone B Unlimited',
  207: 'JP Unlimited',
  1000: 'Global Select',
  1001: 'Global Select Metered',
  3000: 'Pro',
  4000: 'International Calling Add-On',
  4010: 'Power Pack',
};

/** The languages Zoom accepts for a phone user's audio prompts. */
export const AUDIO_PROMPT_LANGUAGES: ReadonlySet<string> = new Set([
  'en-US',
  'en-GB',
  'es-US',
  'fr-CA',
  'da-DK',
  'de-DE',
  'es-ES',
  'fr-FR',
  'it-IT',
  'nl-NL',
  'pt-PT',
  'ja-JP',
  'ko-KO',
  'pt-BR',
  'zh-CN',
  'zh-TW',
]);

/** Emergency and service numbers that can never be an extension. */
export const RESERVED_EXTENSIONS: ReadonlySet<string> = new Set(['911', '933', '988', '112', '999']);

export const MAX_NUMBERS_PER_USER = 10;
export const MAIN_SITE_NAME = 'Main';
