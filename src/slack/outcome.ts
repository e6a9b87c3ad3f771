import type { types } from '@slack/bolt';
import type { Message } from './blocks/message.ts';
import type { SpooledFile } from './spool.ts';

/**
 * What a handler wants shown: a reply only the caller sees, a message for the channel (successful changes,
 * naming who made them: see `confirmedTo` for who reads it), or a modal to open. The people whose line changed
 * hear of it from the notice worker (services/notices.ts), whatever surface made the change.
 */
export type Outcome = {
  ephemeral?: Message;
  channel?: Message;
  /** The requests of the change that marked people for the phone system: the channel message follows their sync. */
  syncRequests?: string[];
  /**
   * A message for one person alone, in the app's DM with them (a secret an admin made for them). The ephemeral
   * reply follows only once it is there; where it could not go, the requester is told instead.
   */
  direct?: { to: string; message: Message; what: string };
  /** Replace the message the button was on (interactions only). */
  replace?: Message;
  modal?: types.ModalView;
  /**
   * A file to post: in the channel the command came from (a sample), or, with `to: 'requester'`, in the app's DM
   * with the person who asked, wherever they asked (an export: it holds every email, number and address).
   */
  file?: {
    filename: string;
    content: Buffer | SpooledFile;
    title: string;
    comment: string;
    to?: 'channel' | 'requester';
  };
};

export const ephemeral = (message: Message): Outcome => ({ ephemeral: message });

/**
 * The outcome as its audience may read it: unchanged for the channel (an admin's change); for the requester (a
 * phone user's change to their own line), the channel message becomes part of the reply only they see.
 */
export function confirmedTo(audience: 'channel' | 'requester', outcome: Outcome): Outcome {
  if (audience === 'channel' || !outcome.channel) return outcome;
  const { channel, ephemeral, ...rest } = outcome;
  const reply = ephemeral
    ? { text: `${ephemeral.text}\n${channel.text}`, blocks: [...ephemeral.blocks, ...channel.blocks] }
    : channel;
  return { ...rest, ephemeral: reply };
}
