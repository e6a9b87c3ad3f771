import { isDeepStrictEqual } from 'node:util';
import { greetingPatch } from '../../domain/audio.ts';
import type { Result } from '../../domain/result.ts';
import type { SettingProblem } from '../../domain/setting-problems.ts';
import type { HoldMusic, UnansweredAction } from '../../domain/settings.ts';
import { checkLanguage, checkPin } from '../../domain/settings-values.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { type AudioSummary, libraryOf } from '../../store/audio.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import type { PhoneUserSettings, SettingsPatch } from '../../store/settings.ts';
import { type Actor, type Deps, fail } from '../context.ts';
import { applySettings, runSettingsChange } from './core.ts';

/** A library file by id (a form offers the files it listed), or the defaults. */
export type GreetingPick = { kind: 'default' } | { kind: 'audio'; audioId: number };
export type HoldMusicPick = { kind: 'default' } | { kind: 'none' } | { kind: 'audio'; audioId: number };

export type VoicemailInput = {
  language: string;
  /** Undefined leaves the PIN as it is: the form never shows it. */
  pin: string | undefined;
  greeting: GreetingPick;
  holdMusic: HoldMusicPick;
};

export type VoicemailField = 'language' | 'voicemailPin' | 'greeting' | 'holdMusic';

export type VoicemailChange = {
  card: PhoneUserCard;
  settings: PhoneUserSettings;
  /** What changed; empty when nothing did (nothing was written or audited). The PIN is only named, never given. */
  changed: VoicemailField[];
  greeting: AudioSummary | undefined;
  holdMusic: AudioSummary | undefined;
};

/** The greeting a user's voicemail plays today: that of unanswered calls, else that of closed hours. */
export function currentGreetingId(
  settings: Pick<PhoneUserSettings, 'unanswered' | 'closedHours'>,
): number | null {
  if (settings.unanswered.action === 'voicemail') return settings.unanswered.greetingId;
  if (settings.closedHours.action === 'voicemail') return settings.closedHours.greetingId;
  return null;
}

/**
 * Saves the voicemail section of the form in one change: the language and PIN by the rules of `/phone set`, the
 * greeting and hold music from the user's own library. Everything is checked before anything is written; the
 * greeting is applied only when it was changed, since choosing one turns voicemail on (as `/phone greeting` does).
 */
export function saveVoicemailForm(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  input: VoicemailInput,
): Promise<Result<VoicemailChange>> {
  return runSettingsChange(deps, actor, ref, 'voicemail PIN', 'settings', async (tx, rec, target) => {
    const current = target.settings;
    const language = checkLanguage(input.language);
    const pin = input.pin === undefined ? undefined : checkPin(input.pin);
    const problems: SettingProblem[] = [language, ...(pin ? [pin] : [])].flatMap((c) =>
      c.ok ? [] : [c.problem],
    );
    if (problems.length > 0 || !language.ok) return fail({ code: 'SETTINGS_INVALID', problems });
    const library = await libraryOf(tx, target.card.phoneUserId);
    const fromLibrary = (audioId: number) =>
      library.find((file) => file.id === audioId) ??
      fail({
        code: 'AUDIO_NOT_FOUND',
        user: personOf(target.card),
        name: `#${audioId}`,
        known: library.map((file) => file.name),
      });
    const greeting = input.greeting.kind === 'audio' ? fromLibrary(input.greeting.audioId) : undefined;
    const music = input.holdMusic.kind === 'audio' ? fromLibrary(input.holdMusic.audioId) : undefined;
    const holdMusic: HoldMusic = music
      ? { kind: 'audio', audioId: music.id }
      : { kind: input.holdMusic.kind === 'none' ? 'none' : 'default' };

    const patch: SettingsPatch = {};
    const changed: VoicemailField[] = [];
    if (language.value !== current.language) {
      patch.language = language.value;
      changed.push('language');
    }
    if (pin?.ok && pin.value !== current.voicemailPin) {
      patch.voicemailPin = pin.value;
      changed.push('voicemailPin');
    }
    if ((greeting?.id ?? null) !== currentGreetingId(current)) {
      const next = greetingPatch(current, greeting?.id ?? null);
      patch.unanswered = next.unanswered as UnansweredAction;
      patch.closedHours = next.closedHours;
      changed.push('greeting');
    }
    if (!isDeepStrictEqual(holdMusic, current.holdMusic)) {
      patch.holdMusic = holdMusic;
      changed.push('holdMusic');
    }
    const result = { card: target.card, changed, greeting, holdMusic: music };
    if (changed.length === 0) return { ...result, settings: current };
    return { ...result, settings: await applySettings(tx, rec, target, 'voicemail_settings.changed', patch) };
  });
}
