import type { AudioPurpose } from '../../domain/audio.ts';
import type { DomainError, Person } from '../../domain/errors.ts';
import type { ChoiceResult, Library, LibraryEntry, UploadResult } from '../../services/audio.ts';
import type { AudioSummary } from '../../store/audio.ts';
import { sizeText, useText } from '../audio-text.ts';
import { unescapeSlack } from '../commands/tokenize.ts';
import { adminNames, code, escapeText, listing, plural, showInput, who } from '../format.ts';
import { errorText } from '../replies.ts';
import { personOfCard } from './card.ts';
import { linesMessage, type Message, textMessage } from './message.ts';
import { changeLine } from './results.ts';

const HOW_TO_UPLOAD =
  'To add or replace a file, send a WAV or MP3 file (at most 10 MB) to Switchboard in a direct message, with `greeting`, `hold music` or `message` (played in closed hours) as the message; admins add `for @person`. A file with the name of an existing one replaces it.';

const fileLabel = (audio: AudioSummary) =>
  `${code(escapeText(audio.name))} (${audio.format.toUpperCase()}, ${sizeText(audio.bytes)})`;

function usesLine(entry: LibraryEntry, owner: Person): string {
  if (entry.uses.length === 0) return 'not in use';
  return entry.uses
    .map(({ user, use }) => (user.email === owner.email ? useText(use) : `${useText(use)} of ${who(user)}`))
    .join(', ');
}

/** `/phone audio <user>`: every file with its format, size and where it plays. */
export function libraryMessage(library: Library): Message {
  const owner = personOfCard(library.card);
  const total = library.files.reduce((sum, file) => sum + file.bytes, 0);
  const summary =
    library.files.length === 0
      ? `${who(owner)} has no audio files yet; greetings and hold music are the defaults.`
      : `*Audio library of ${who(owner)}*: ${plural(library.files.length, 'file')}, ${sizeText(total)}`;
  const lines = library.files.map(
    (file) =>
      `• ${code(escapeText(file.name))} · ${file.format.toUpperCase()} · ${sizeText(file.bytes)} · ${usesLine(file, owner)}`,
  );
  return linesMessage(summary, lines, HOW_TO_UPLOAD);
}

function greetingTarget(result: ChoiceResult | UploadResult): string {
  return result.changed.includes('closedHours') && result.settings.closedHours.action === 'voicemail'
    ? 'voicemail greeting (for closed hours too)'
    : 'voicemail greeting';
}

/** A change, for the channel; or a note that nothing changed, for the caller alone. */
export type ChoiceMessage = { changed: boolean; message: Message };

/** `/phone greeting`: a line for the channel, or a quiet note when nothing changed. */
export function greetingOutcomeMessage(actor: string, result: ChoiceResult): ChoiceMessage {
  const person = who(personOfCard(result.card));
  const chosen = result.audio ? fileLabel(result.audio) : 'the default greeting';
  if (result.changed.length === 0) {
    return {
      changed: false,
      message: textMessage(`The voicemail greeting of ${person} is already ${chosen}; nothing changed.`),
    };
  }
  return {
    changed: true,
    message: changeLine(actor, `set the ${greetingTarget(result)} of ${person} to ${chosen}.`),
  };
}

/** `/phone hold-music`: a line for the channel, or a quiet note when nothing changed. */
export function holdMusicOutcomeMessage(actor: string, result: ChoiceResult): ChoiceMessage {
  const person = who(personOfCard(result.card));
  const music = result.settings.holdMusic;
  const chosen = result.audio
    ? fileLabel(result.audio)
    : music.kind === 'none'
      ? 'none (callers on hold hear silence)'
      : 'the default music';
  if (result.changed.length === 0) {
    return {
      changed: false,
      message: textMessage(`The hold music of ${person} is already ${chosen}; nothing changed.`),
    };
  }
  return { changed: true, message: changeLine(actor, `set the hold music of ${person} to ${chosen}.`) };
}

export function audioRemovedMessage(
  actor: string,
  result: { card: UploadResult['card']; audio: AudioSummary },
) {
  return changeLine(
    actor,
    `removed ${fileLabel(result.audio)} from the audio library of ${who(personOfCard(result.card))}.`,
  );
}

const PURPOSE_TEXT: Record<AudioPurpose, string> = {
  greeting: 'voicemail greeting',
  message: 'closed-hours message (callers outside business hours hear it, then the call ends)',
  'hold music': 'hold music',
};

function purposeText(result: UploadResult): string {
  return result.purpose === 'greeting' ? greetingTarget(result) : PURPOSE_TEXT[result.purpose];
}

/** The reply in the thread of an uploaded file: what was stored, and what it now plays as. */
export function uploadReply(uploader: string, result: UploadResult): Message {
  const own = result.card.slackUserId === uploader;
  const library = own ? 'your audio library' : `the audio library of ${who(personOfCard(result.card))}`;
  const whose = own ? 'your' : 'their';
  const file = fileLabel(result.audio);
  const set = `${whose} ${purposeText(result)}`;
  if (result.stored === 'unchanged') {
    return textMessage(
      result.changed.length === 0
        ? `${file} is already in ${library} with exactly this content, and it is already ${set}; nothing changed.`
        : `${file} was already in ${library} with exactly this content; it is now ${set}.`,
    );
  }
  const stored =
    result.stored === 'added'
      ? `Stored ${file} in ${library}`
      : `Replaced ${code(escapeText(result.audio.name))} in ${library} with this recording (${result.audio.format.toUpperCase()}, ${sizeText(result.audio.bytes)}); every setting that played it plays the new one`;
  const setting = result.changed.length > 0 ? ` and set it as ${set}.` : `. It was already ${set}.`;
  return textMessage(`${stored}${setting}`);
}

/** A refused upload, in the words of the person who sent the file. */
export function uploadRefusal(error: DomainError, forSomeoneElse: boolean): Message {
  if (error.code === 'NOT_ADMIN' || error.code === 'NOT_OWN_SETTINGS') {
    return textMessage(
      ':warning: Only phone admins can add audio to someone else’s library. Send the file again without `for …` to put it in your own.',
    );
  }
  if (error.code === 'NOT_A_PHONE_USER' && !forSomeoneElse) {
    return textMessage(
      `:warning: You have no phone line yet, so there is nothing to play this on. Ask ${adminNames(error.admins)} for a phone license.`,
    );
  }
  return textMessage(`:warning: ${errorText(error)}`);
}

/** What a direct message with an audio file but no instruction gets back. */
export function uploadHelp(text: string): Message {
  const unclear =
    text.trim() === ''
      ? 'This file came without a word about what it is for.'
      : `I did not understand ${showInput(unescapeSlack(text.trim()))}.`;
  return textMessage(
    `${unclear} Send the file again with one of these as the message: ${listing(['`greeting`', '`hold music`', '`message`'])} (the closed-hours message), e.g. \`greeting\` or \`hold music for @ada\`.`,
  );
}

export const uploadProblem = (text: string): Message => textMessage(`:warning: ${text}`);
