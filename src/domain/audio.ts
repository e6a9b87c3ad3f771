import type { DomainError } from './errors.ts';
import { err, ok, type Result } from './result.ts';
import {
  type ClosedHoursAction,
  type HoldMusic,
  MAX_AUDIO_BYTES,
  type UnansweredAction,
} from './settings.ts';

/** The parts of a phone user's settings that may name an audio file. */
export type AudioSettings = {
  unanswered: UnansweredAction;
  closedHours: ClosedHoursAction;
  holdMusic: HoldMusic;
};

/**
 * The audio library: greetings, closed-hours messages and hold music a person uploads. What a file is comes from
 * its bytes, never from its name: a text file named `welcome.mp3` is text.
 */
export const AUDIO_FORMATS = ['wav', 'mp3'] as const;
export type AudioFormat = (typeof AUDIO_FORMATS)[number];

export const MAX_AUDIO_NAME_LENGTH = 64;

/** What an upload is for, as the person says it: the instruction sent with the file. */
export type AudioPurpose = 'greeting' | 'message' | 'hold music';

/**
 * The longest message read as the instruction sent with a file. The longest instruction is a mention of the app
 * (105 characters with its label), `closed-hours message for`, and the owner as an email of up to 254 characters,
 * which Slack sends twice (`<mailto:…|…>`: 518): about 650. A longer message is about something else, and is not
 * read word by word.
 */
export const MAX_AUDIO_INSTRUCTION_LENGTH = 1_000;

/** Where a stored file is in use in someone's settings. */
export type AudioUse = 'greeting' | 'closed-hours greeting' | 'closed-hours message' | 'hold music';

/** What a content sniffer says about some bytes: a recognised type, or nothing it knows. */
export type DetectedType = { ext: string; mime: string } | undefined;

/** The library name of an uploaded file: its file name without the extension, trimmed. */
export function audioNameFromFile(filename: string): Result<string> {
  const base = filename.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return checkAudioName(base);
}

/** A name as typed in a command or derived from a file name: 1 to 64 printable characters. */
export function checkAudioName(input: string): Result<string> {
  const name = input.replace(/\s+/g, ' ').trim();
  if (name === '' || hasControlCharacters(name)) {
    return err({ code: 'AUDIO_NAME_INVALID', input, max: MAX_AUDIO_NAME_LENGTH });
  }
  if (Array.from(name).length > MAX_AUDIO_NAME_LENGTH) {
    return err({ code: 'AUDIO_NAME_INVALID', input, max: MAX_AUDIO_NAME_LENGTH });
  }
  return ok(name);
}

/** An empty file, or one over the 10 MB cap, is refused before anyone looks at its content. */
export function checkAudioSize(name: string, bytes: number): DomainError | undefined {
  if (bytes <= 0) return { code: 'AUDIO_EMPTY', name };
  if (bytes > MAX_AUDIO_BYTES) return { code: 'AUDIO_TOO_LARGE', name, bytes, max: MAX_AUDIO_BYTES };
  return undefined;
}

/**
 * WAV or MP3, decided from what the sniffer found in the bytes. Anything else is refused with what it looks like,
 * so the person knows why: "it looks like text", "it looks like a PNG image".
 */
export function classifyAudio(
  name: string,
  detected: DetectedType,
  content: Uint8Array,
): Result<AudioFormat> {
  if (detected?.ext === 'wav') return ok('wav');
  if (detected?.ext === 'mp3') return ok('mp3');
  return err({ code: 'AUDIO_NOT_AUDIO', name, detected: describeDetected(detected, content) });
}

function describeDetected(detected: DetectedType, content: Uint8Array): string {
  if (detected) return `${detected.ext.toUpperCase()} (${detected.mime})`;
  return looksLikeText(content) ? 'text' : 'data of an unknown kind';
}

/** UTF-8 without control characters other than tabs and line breaks: a text file, HTML, CSV, JSON... */
export function looksLikeText(content: Uint8Array): boolean {
  const sample = content.subarray(0, 4096);
  let text: string;
  try {
    // A multi-byte character cut at the end of the sample is not a reason to call the file binary.
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, trimPartialCharacter(sample)));
  } catch {
    return false;
  }
  return !Array.from(text).some((char) => isControl(char) && !TEXT_WHITESPACE.has(char));
}

function trimPartialCharacter(bytes: Uint8Array): number {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  return end;
}

/** Tab, line feed, vertical tab, form feed, carriage return: control characters that text files hold. */
const TEXT_WHITESPACE = new Set(['\t', '\n', '\v', '\f', '\r']);

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

const hasControlCharacters = (text: string) => Array.from(text).some(isControl);

/** Where in one user's settings an audio file is in use, in the order a card shows them. */
export function usesOf(settings: AudioSettings, audioId: number): AudioUse[] {
  const uses: AudioUse[] = [];
  if (settings.unanswered.action === 'voicemail' && settings.unanswered.greetingId === audioId) {
    uses.push('greeting');
  }
  const closed = settings.closedHours;
  if (closed.action === 'voicemail' && closed.greetingId === audioId) uses.push('closed-hours greeting');
  if (closed.action === 'message' && closed.audioId === audioId) uses.push('closed-hours message');
  if (settings.holdMusic.kind === 'audio' && settings.holdMusic.audioId === audioId) uses.push('hold music');
  return uses;
}

/**
 * The settings an upload or a choice changes. A greeting is what voicemail plays when a call is not answered, so
 * choosing one turns voicemail on for unanswered calls; closed hours answered by voicemail get the same greeting.
 * `greetingId: null` is the system's default greeting.
 */
export function greetingPatch(
  settings: AudioSettings,
  greetingId: number | null,
): Pick<AudioSettings, 'unanswered' | 'closedHours'> {
  const unanswered =
    greetingId === null && settings.unanswered.action === 'disconnect'
      ? settings.unanswered
      : { action: 'voicemail' as const, greetingId };
  const closedHours =
    settings.closedHours.action === 'voicemail'
      ? { action: 'voicemail' as const, greetingId }
      : settings.closedHours;
  return { unanswered, closedHours };
}
