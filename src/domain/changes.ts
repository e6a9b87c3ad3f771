import type { EmergencyAddress } from './address.ts';

/**
 * The typed changes a phone-system adapter consumes. Each is written to the outbox in the same transaction as
 * its audit rows, so the adapter sees exactly what the database committed.
 */
export type PhoneUserRef = { directoryUserId: number; email: string };

export type Change =
  | { kind: 'phone_user.assigned'; user: PhoneUserRef; site: string; extension: string; plans: number[] }
  | { kind: 'phone_user.removed'; user: PhoneUserRef; extension: string; releasedNumbers: string[] }
  | { kind: 'phone_user.extension_changed'; user: PhoneUserRef; from: string; to: string }
  | { kind: 'phone_user.status_changed'; user: PhoneUserRef; status: 'active' | 'inactive' }
  | { kind: 'phone_user.site_changed'; user: PhoneUserRef; from: string; to: string; extension: string }
  | { kind: 'phone_user.plan_added'; user: PhoneUserRef; plan: number }
  | { kind: 'phone_user.plan_removed'; user: PhoneUserRef; plan: number }
  | { kind: 'phone_user.number_assigned'; user: PhoneUserRef; number: string }
  | { kind: 'phone_user.number_released'; user: PhoneUserRef; number: string }
  /** Settings as written (the PIN is only marked as changed: an adapter sets it from the database). */
  | { kind: 'phone_user.settings_changed'; user: PhoneUserRef; settings: Record<string, unknown> }
  | { kind: 'directory_user.created'; user: PhoneUserRef; firstName: string; lastName: string }
  | { kind: 'directory_user.renamed'; user: PhoneUserRef; firstName: string; lastName: string }
  | { kind: 'directory_user.deleted'; user: PhoneUserRef }
  | { kind: 'account.licenses_changed'; total: number }
  | { kind: 'account.site_codes_changed'; enabled: boolean }
  | { kind: 'site.created'; site: string; siteCode: string | null; firstExtension: string | null }
  | { kind: 'site.changed'; site: string; siteCode: string | null; firstExtension: string | null }
  | { kind: 'numbers.added'; numbers: string[]; site: string | null }
  | { kind: 'numbers.removed'; numbers: string[] }
  | { kind: 'plan.inventory_changed'; plan: number; inventory: number }
  | { kind: 'reserved.added'; extension: string }
  | { kind: 'reserved.removed'; extension: string }
  | {
      kind: 'phone_user.blocked_added';
      user: PhoneUserRef;
      entry: { kind: 'number' | 'prefix'; value: string };
    }
  | {
      kind: 'phone_user.blocked_removed';
      user: PhoneUserRef;
      entry: { kind: 'number' | 'prefix'; value: string };
    }
  | { kind: 'phone_user.assistant_added'; user: PhoneUserRef; assistant: PhoneUserRef }
  | { kind: 'phone_user.assistant_removed'; user: PhoneUserRef; assistant: PhoneUserRef }
  | { kind: 'numbers.main_changed'; number: string; main: boolean }
  /** `address: null` means the user is back on their site's default address. */
  | { kind: 'phone_user.emergency_address_changed'; user: PhoneUserRef; address: EmergencyAddress | null }
  | { kind: 'site.emergency_address_changed'; site: string; address: EmergencyAddress }
  | { kind: 'phone_user.desk_phone_added'; user: PhoneUserRef; mac: string; model: string }
  | { kind: 'phone_user.desk_phone_removed'; user: PhoneUserRef; mac: string }
  | { kind: 'call_queue.created'; queue: string; extension: string; site: string }
  | {
      kind: 'call_queue.member_changed';
      queue: string;
      user: PhoneUserRef;
      member: boolean;
      manager: boolean;
    }
  | {
      kind: 'auto_receptionist.created';
      receptionist: string;
      extension: string;
      site: string;
      operator: PhoneUserRef | null;
    }
  | { kind: 'auto_receptionist.operator_changed'; receptionist: string; operator: PhoneUserRef | null }
  /** An audio file added or replaced in a user's library; the adapter reads its bytes from audio_files by id. */
  | {
      kind: 'audio.stored';
      user: PhoneUserRef;
      audioId: number;
      name: string;
      format: 'wav' | 'mp3';
      bytes: number;
      sha256: string;
    }
  | { kind: 'audio.removed'; user: PhoneUserRef; audioId: number; name: string }
  /**
   * A user's audio file that other users' settings play, kept when the user's license goes: it now belongs to the
   * account, not to `user`, and keeps its id and bytes.
   */
  | { kind: 'audio.moved_to_account'; user: PhoneUserRef; audioId: number; name: string };
