import { type AudioPurpose, MAX_AUDIO_INSTRUCTION_LENGTH } from '../../domain/audio.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { tokenize, type WordToken } from '../commands/tokenize.ts';
import { toUserRef } from '../commands/user-ref.ts';

/**
 * What the message sent with a file asks for: `greeting`, `hold music` or `message`, optionally `for <user>`.
 * `none`: the message is not an instruction (the file may be for something else, or for nobody).
 * `invalid`: it starts like one but cannot be read; `message` is mrkdwn saying what to send instead.
 */
export type UploadInstruction =
  | { kind: 'instruction'; purpose: AudioPurpose; owner: UserRef | undefined }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

const PURPOSES: ReadonlyMap<string, AudioPurpose> = new Map<string, AudioPurpose>([
  ['greeting', 'greeting'],
  ['voicemail greeting', 'greeting'],
  ['hold music', 'hold music'],
  ['hold-music', 'hold music'],
  ['message', 'message'],
  ['closed-hours message', 'message'],
  ['closed hours message', 'message'],
]);

/**
 * Reads the instruction from the text of a file_share message (Slack's escaped text: mentions arrive as
 * `<@U…>`). A leading mention of the app itself, as people write in channels, is skipped.
 */
export function parseUploadInstruction(text: string, botUserId: string | undefined): UploadInstruction {
  if (text.length > MAX_AUDIO_INSTRUCTION_LENGTH) return { kind: 'none' };
  const tokenized = tokenize(text);
  if (!tokenized.ok) return { kind: 'none' };
  const words: WordToken[] = [];
  for (const token of tokenized.tokens) {
    if (token.kind !== 'word') return { kind: 'none' };
    words.push(token);
  }
  const [first] = words;
  if (first?.entity?.kind === 'user' && first.entity.id === botUserId) words.shift();
  const forAt = words.findIndex((word) => !word.quoted && word.text.toLowerCase() === 'for');
  const what = withoutFinalStops(
    (forAt === -1 ? words : words.slice(0, forAt)).map((word) => word.text.toLowerCase()).join(' '),
  );
  const purpose = PURPOSES.get(what);
  if (!purpose) return { kind: 'none' };
  if (forAt === -1) return { kind: 'instruction', purpose, owner: undefined };
  const whose = words.slice(forAt + 1);
  const [userWord, extra] = whose;
  if (!userWord || extra) {
    return {
      kind: 'invalid',
      message: `After \`for\`, name ${extra ? 'only one person' : 'one person'}: a mention, an email or an extension, e.g. \`${what} for @ada\`.`,
    };
  }
  const ref = toUserRef(userWord);
  if (!ref.ok) return { kind: 'invalid', message: ref.message };
  return { kind: 'instruction', purpose, owner: ref.ref };
}

/**
 * `greeting.` and `hold music!` are instructions too. A loop rather than `/[.!]+$/`, which would rescan a long run
 * of stops from each of its characters.
 */
function withoutFinalStops(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === '!')) end -= 1;
  return text.slice(0, end);
}
