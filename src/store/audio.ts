import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { audioFiles, phoneUserSettings } from '../../db/schema/index.ts';
import type { AudioFormat, AudioSettings } from '../domain/audio.ts';

/** An audio file as lists and audit rows show it: everything but the bytes. */
export type AudioSummary = {
  id: number;
  name: string;
  format: AudioFormat;
  bytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
};

export type NewAudio = {
  name: string;
  format: AudioFormat;
  content: Buffer;
  sha256: string;
  uploadedBy: string;
  at: Date;
};

const summaryColumns = {
  id: audioFiles.id,
  name: audioFiles.name,
  format: audioFiles.format,
  bytes: audioFiles.bytes,
  sha256: audioFiles.sha256,
  uploadedBy: audioFiles.uploadedBy,
  createdAt: audioFiles.createdAt,
};

/** One phone user's library, by name. */
export async function libraryOf(db: Executor, phoneUserId: number): Promise<AudioSummary[]> {
  return db
    .select(summaryColumns)
    .from(audioFiles)
    .where(eq(audioFiles.phoneUserId, phoneUserId))
    .orderBy(asc(sql`lower(${audioFiles.name})`), asc(audioFiles.id));
}

/** Names are unique per owner regardless of case: "Welcome" and "welcome" are the same file. */
export async function audioByName(
  db: Executor,
  phoneUserId: number,
  name: string,
): Promise<AudioSummary | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(audioFiles)
    .where(and(eq(audioFiles.phoneUserId, phoneUserId), sql`lower(${audioFiles.name}) = lower(${name})`))
    .orderBy(asc(audioFiles.id))
    .limit(1);
  return row;
}

export async function insertAudio(tx: Executor, phoneUserId: number, audio: NewAudio): Promise<AudioSummary> {
  const [row] = await tx
    .insert(audioFiles)
    .values({
      phoneUserId,
      name: audio.name,
      format: audio.format,
      bytes: audio.content.length,
      sha256: audio.sha256,
      content: audio.content,
      uploadedBy: audio.uploadedBy,
      createdAt: audio.at,
    })
    .returning(summaryColumns);
  if (!row) throw new Error('insert into audio_files returned no row');
  return row;
}

/** New content under the same id, so every setting that plays this file plays the new recording. */
export async function replaceAudio(tx: Executor, id: number, audio: NewAudio): Promise<AudioSummary> {
  const [row] = await tx
    .update(audioFiles)
    .set({
      name: audio.name,
      format: audio.format,
      bytes: audio.content.length,
      sha256: audio.sha256,
      content: audio.content,
      uploadedBy: audio.uploadedBy,
      createdAt: audio.at,
    })
    .where(eq(audioFiles.id, id))
    .returning(summaryColumns);
  if (!row) throw new Error(`audio file ${id} vanished inside the transaction`);
  return row;
}

export async function deleteAudio(tx: Executor, id: number): Promise<void> {
  await tx.delete(audioFiles).where(eq(audioFiles.id, id));
}

/**
 * The settings of everyone who plays this file (normally only its owner, but settings copied from one user to
 * another keep pointing at the same file). Compared as text, so a setting without an id never fails a cast.
 */
export async function settingsUsingAudio(
  db: Executor,
  audioId: number,
): Promise<(AudioSettings & { phoneUserId: number })[]> {
  const id = String(audioId);
  return db
    .select({
      phoneUserId: phoneUserSettings.phoneUserId,
      unanswered: phoneUserSettings.unanswered,
      closedHours: phoneUserSettings.closedHours,
      holdMusic: phoneUserSettings.holdMusic,
    })
    .from(phoneUserSettings)
    .where(
      or(
        sql`${phoneUserSettings.unanswered}->>'greetingId' = ${id}`,
        sql`${phoneUserSettings.closedHours}->>'greetingId' = ${id}`,
        sql`${phoneUserSettings.closedHours}->>'audioId' = ${id}`,
        sql`${phoneUserSettings.holdMusic}->>'audioId' = ${id}`,
      ),
    )
    .orderBy(asc(phoneUserSettings.phoneUserId));
}

/**
 * Before a phone user's license goes (their files go with it): files that other people's settings still play,
 * which happens after settings were copied from this user, move to the account's library instead of vanishing.
 */
export async function keepSharedAudio(tx: Executor, phoneUserId: number): Promise<AudioSummary[]> {
  const kept: AudioSummary[] = [];
  for (const file of await libraryOf(tx, phoneUserId)) {
    const players = await settingsUsingAudio(tx, file.id);
    if (!players.some((row) => row.phoneUserId !== phoneUserId)) continue;
    await tx.update(audioFiles).set({ phoneUserId: null }).where(eq(audioFiles.id, file.id));
    kept.push(file);
  }
  return kept;
}
