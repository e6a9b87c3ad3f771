import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { type AudioFormat, audioNameFromFile, checkAudioSize, classifyAudio } from '../domain/audio.ts';
import { err, ok, type Result } from '../domain/result.ts';

/** An upload that passed the content check: what to store, and under which name. */
export type CheckedAudio = { name: string; format: AudioFormat; content: Buffer; sha256: string };

/**
 * The content check of an upload: not empty, at most 10 MB, named by its file name without the extension, and
 * WAV or MP3 by its magic numbers (file-type reads them; the file name and Slack's idea of the type are ignored).
 */
export async function checkAudioFile(filename: string, content: Uint8Array): Promise<Result<CheckedAudio>> {
  const sizeProblem = checkAudioSize(filename, content.length);
  if (sizeProblem) return err(sizeProblem);
  const name = audioNameFromFile(filename);
  if (!name.ok) return name;
  const detected = await fileTypeFromBuffer(content);
  const format = classifyAudio(
    filename,
    detected ? { ext: detected.ext, mime: detected.mime } : undefined,
    content,
  );
  if (!format.ok) return format;
  return ok({
    name: name.value,
    format: format.value,
    content: Buffer.from(content),
    sha256: createHash('sha256').update(content).digest('hex'),
  });
}
