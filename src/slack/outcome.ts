import type { types } from '@slack/bolt';
import type { Message } from './blocks/message.ts';
import type { SpooledFile } from './spool.ts';

/**
 * What a handler wants shown: a reply only the caller sees, a message for the channel (successful changes,
 * naming who made them), direct messages to the people affected, or a modal to open.
 */
export type Outcome = {
  ephemeral?: Message;
  channel?: Message;
  /** Replace the message the button was on (interactions only). */
  replace?: Message;
  dms?: { slackUserId: string; message: Message }[];
  modal?: types.ModalView;
  /** A file to post in the channel the command came from (samples, exports). */
  file?: { filename: string; content: Buffer | SpooledFile; title: string; comment: string };
};

export const ephemeral = (message: Message): Outcome => ({ ephemeral: message });
