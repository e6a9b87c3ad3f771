import type { UploadResult } from '../../services/audio.ts';
import { sizeText } from '../audio-text.ts';
import { code, escapeText, who } from '../format.ts';
import { personOfCard } from './card.ts';
import type { Message } from './message.ts';
import { changeLine } from './results.ts';

const PURPOSES: Record<UploadResult['purpose'], string> = {
  greeting: 'voicemail greeting',
  'hold music': 'hold music',
  message: 'closed-hours message',
};

/** "@ada uploaded `welcome` (MP3, 1.2 MB) for @bob and set it as their voicemail greeting." */
export function uploadChangedMessage(actor: string, result: UploadResult): Message {
  const own = result.card.slackUserId === actor;
  const file = `${code(escapeText(result.audio.name))} (${result.audio.format.toUpperCase()}, ${sizeText(result.audio.bytes)})`;
  const whose = own ? 'their own' : `the audio library of ${who(personOfCard(result.card))}`;
  return changeLine(
    actor,
    `uploaded ${file} to ${own ? `${whose} audio library` : whose} and set it as their ${PURPOSES[result.purpose]}.`,
  );
}
