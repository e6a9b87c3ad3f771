import { isDeepStrictEqual } from 'node:util';
import {
  type AudioPurpose,
  type AudioSettings,
  type AudioUse,
  checkAudioName,
  greetingPatch,
  usesOf,
} from '../domain/audio.ts';
import type { Person } from '../domain/errors.ts';
import { ok, type Result } from '../domain/result.ts';
import type { UserRef } from '../domain/user-ref.ts';
import {
  type AudioSummary,
  audioByName,
  deleteAudio,
  insertAudio,
  libraryOf,
  replaceAudio,
  settingsUsingAudio,
} from '../store/audio.ts';
import type { Executor, Transaction } from '../store/database.ts';
import { type PhoneUserCard, personOf, personOfPhoneUser } from '../store/phone-users.ts';
import type { PhoneUserSettings } from '../store/settings.ts';
import { type CheckedAudio, checkAudioFile } from './audio-content.ts';
import {
  type Actor,
  catchDomain,
  type Deps,
  fail,
  namingAdmins,
  type Recorder,
  requireAdmin,
} from './context.ts';
import { findPhoneUser } from './find-phone-user.ts';
import { applySettings, runSettingsChange, type SettingsArea, type SettingsTarget } from './settings/core.ts';
import { auditTarget, userRef } from './snapshots.ts';

type AudioField = keyof AudioSettings;

/** Who may upload what for whom: the settings area the upload changes (all self-service for one's own line). */
const UPLOAD_AREAS: Record<AudioPurpose, SettingsArea> = {
  greeting: 'greetings',
  message: 'call handling',
  'hold music': 'hold music',
};

export type UploadRequest = {
  /** Whose library: the sender's own, or someone an admin named. */
  owner: UserRef;
  purpose: AudioPurpose;
  filename: string;
  content: Uint8Array;
};

export type UploadResult = {
  card: PhoneUserCard;
  audio: AudioSummary;
  /** `unchanged`: the same bytes were already stored under this name (a second delivery of the same upload). */
  stored: 'added' | 'replaced' | 'unchanged';
  purpose: AudioPurpose;
  /** The settings this upload changed; empty when they already played this file. */
  changed: AudioField[];
  settings: PhoneUserSettings;
};

/**
 * Stores an uploaded file in a phone user's library and sets it where the instruction says. The content is
 * checked before the transaction, but a refusal is raised only after the permission check, so nobody learns
 * anything about a library they may not change. Delivering the same upload twice changes nothing the second time.
 */
export async function uploadAudio(
  deps: Deps,
  actor: Actor,
  request: UploadRequest,
): Promise<Result<UploadResult>> {
  const checked = await checkAudioFile(request.filename, request.content);
  const area = UPLOAD_AREAS[request.purpose];
  const own = request.owner.kind === 'slack' && request.owner.id === actor.slackUserId;
  const uploaded = await runSettingsChange(
    deps,
    actor,
    request.owner,
    area,
    `upload ${request.purpose}`,
    async (tx, rec, target) => {
      if (!checked.ok) return fail(checked.error);
      const { audio, stored } = await storeAudio(tx, rec, target.card, checked.value, actor);
      const patch = uploadPatch(target.settings, request.purpose, audio.id);
      const { changed, settings } = await applyChanged(
        tx,
        rec,
        target,
        `${actionOf(request.purpose)}.changed`,
        patch,
      );
      return { card: target.card, audio, stored, purpose: request.purpose, changed, settings };
    },
  );
  // Someone without a line sending their own file is told whom to ask for one.
  return own ? namingAdmins(deps, uploaded) : uploaded;
}

function actionOf(purpose: AudioPurpose): string {
  if (purpose === 'greeting') return 'greeting';
  return purpose === 'message' ? 'closed_hours_message' : 'hold_music';
}

function uploadPatch(
  settings: AudioSettings,
  purpose: AudioPurpose,
  audioId: number,
): Partial<AudioSettings> {
  if (purpose === 'greeting') return greetingPatch(settings, audioId);
  if (purpose === 'message') return { closedHours: { action: 'message', audioId } };
  return { holdMusic: { kind: 'audio', audioId } };
}

const audioSnapshot = (audio: AudioSummary) => ({
  name: audio.name,
  format: audio.format,
  bytes: audio.bytes,
  sha256: audio.sha256,
});

/** A new name adds a file; a name already in the library (any case) replaces its content, keeping its id. */
async function storeAudio(
  tx: Transaction,
  rec: Recorder,
  card: PhoneUserCard,
  checked: CheckedAudio,
  actor: Actor,
): Promise<{ audio: AudioSummary; stored: UploadResult['stored'] }> {
  const existing = await audioByName(tx, card.phoneUserId, checked.name);
  if (existing && existing.sha256 === checked.sha256) return { audio: existing, stored: 'unchanged' };
  const upload = { ...checked, uploadedBy: actor.slackUserId, at: rec.at };
  const audio = existing
    ? await replaceAudio(tx, existing.id, upload)
    : await insertAudio(tx, card.phoneUserId, upload);
  rec.audit({
    action: existing ? 'audio.replaced' : 'audio.uploaded',
    ...auditTarget(card),
    before: existing ? audioSnapshot(existing) : null,
    after: audioSnapshot(audio),
  });
  rec.emit({ kind: 'audio.stored', user: userRef(card), audioId: audio.id, ...audioSnapshot(audio) });
  return { audio, stored: existing ? 'replaced' : 'added' };
}

/** Writes only the fields that differ, so choosing what is already set neither bumps the version nor audits. */
async function applyChanged(
  tx: Transaction,
  rec: Recorder,
  target: SettingsTarget,
  action: string,
  patch: Partial<AudioSettings>,
): Promise<{ changed: AudioField[]; settings: PhoneUserSettings }> {
  const differing: Partial<AudioSettings> = {};
  for (const field of Object.keys(patch) as AudioField[]) {
    if (!isDeepStrictEqual(patch[field], target.settings[field]))
      Object.assign(differing, { [field]: patch[field] });
  }
  const changed = Object.keys(differing) as AudioField[];
  if (changed.length === 0) return { changed, settings: target.settings };
  return { changed, settings: await applySettings(tx, rec, target, action, differing) };
}

export type GreetingChoice = { kind: 'default' } | { kind: 'audio'; name: string };
export type HoldMusicChoice = { kind: 'default' } | { kind: 'none' } | { kind: 'audio'; name: string };

export type ChoiceResult = {
  card: PhoneUserCard;
  /** The library file chosen, if one was. */
  audio: AudioSummary | undefined;
  changed: AudioField[];
  settings: PhoneUserSettings;
};

/** `/phone greeting <user> default|<name>`: the voicemail greeting, for unanswered calls and closed hours. */
export async function chooseGreeting(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  choice: GreetingChoice,
): Promise<Result<ChoiceResult>> {
  return runSettingsChange(deps, actor, ref, 'greetings', 'greeting', async (tx, rec, target) => {
    const audio = choice.kind === 'audio' ? await findInLibrary(tx, target.card, choice.name) : undefined;
    const patch = greetingPatch(target.settings, audio?.id ?? null);
    return { card: target.card, audio, ...(await applyChanged(tx, rec, target, 'greeting.changed', patch)) };
  });
}

/** `/phone hold-music <user> default|none|<name>`. */
export async function chooseHoldMusic(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  choice: HoldMusicChoice,
): Promise<Result<ChoiceResult>> {
  return runSettingsChange(deps, actor, ref, 'hold music', 'hold-music', async (tx, rec, target) => {
    const audio = choice.kind === 'audio' ? await findInLibrary(tx, target.card, choice.name) : undefined;
    const holdMusic: AudioSettings['holdMusic'] = audio
      ? { kind: 'audio', audioId: audio.id }
      : { kind: choice.kind === 'none' ? 'none' : 'default' };
    return {
      card: target.card,
      audio,
      ...(await applyChanged(tx, rec, target, 'hold_music.changed', { holdMusic })),
    };
  });
}

async function findInLibrary(tx: Transaction, card: PhoneUserCard, input: string): Promise<AudioSummary> {
  const name = checkAudioName(input);
  if (!name.ok) return fail(name.error);
  const audio = await audioByName(tx, card.phoneUserId, name.value);
  if (audio) return audio;
  const known = (await libraryOf(tx, card.phoneUserId)).map((file) => file.name);
  return fail({ code: 'AUDIO_NOT_FOUND', user: personOf(card), name: name.value, known });
}

/** `/phone audio remove <user> <name>`: refused while any setting still plays the file, naming where. */
export async function removeAudio(
  deps: Deps,
  actor: Actor,
  ref: UserRef,
  name: string,
): Promise<Result<{ card: PhoneUserCard; audio: AudioSummary }>> {
  // The library holds greetings, messages and hold music alike, all self-service: greetings stands for it.
  return runSettingsChange(deps, actor, ref, 'greetings', 'audio remove', async (tx, rec, target) => {
    const audio = await findInLibrary(tx, target.card, name);
    const uses = await usesAcrossUsers(tx, audio.id);
    if (uses.length > 0) fail({ code: 'AUDIO_IN_USE', name: audio.name, uses });
    await deleteAudio(tx, audio.id);
    rec.audit({
      action: 'audio.removed',
      ...auditTarget(target.card),
      before: audioSnapshot(audio),
      after: null,
    });
    rec.emit({ kind: 'audio.removed', user: userRef(target.card), audioId: audio.id, name: audio.name });
    return { card: target.card, audio };
  });
}

async function usesAcrossUsers(tx: Executor, audioId: number): Promise<{ user: Person; use: AudioUse }[]> {
  const rows = await settingsUsingAudio(tx, audioId);
  const uses: { user: Person; use: AudioUse }[] = [];
  for (const row of rows) {
    const user = await personOfPhoneUser(tx, row.phoneUserId);
    for (const use of usesOf(row, audioId)) uses.push({ user, use });
  }
  return uses;
}

export type LibraryEntry = AudioSummary & { uses: { user: Person; use: AudioUse }[] };
export type Library = { card: PhoneUserCard; files: LibraryEntry[] };

/** `/phone audio <user>`: the library with sizes and where each file plays. The user or an admin may look. */
export async function audioLibrary(deps: Deps, actor: Actor, ref: UserRef): Promise<Result<Library>> {
  const found = await catchDomain(() => findPhoneUser(deps.db, ref));
  if (!found.ok) return found;
  const card = found.value;
  if (card.slackUserId !== actor.slackUserId) {
    const allowed = await requireAdmin(deps, actor, 'audio');
    if (!allowed.ok) return allowed;
  }
  const files = await libraryOf(deps.db, card.phoneUserId);
  const entries: LibraryEntry[] = [];
  for (const file of files) entries.push({ ...file, uses: await usesAcrossUsers(deps.db, file.id) });
  return ok({ card, files: entries });
}
