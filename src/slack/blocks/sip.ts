import { macWithColons } from '../../domain/mac.ts';
import type { SipPasswordSet } from '../../services/sip-credentials.ts';
import { code, who } from '../format.ts';
import { personOfCard } from './card.ts';
import { context, type Message, plain, section } from './message.ts';

/** The password, for the person alone: what to type into their phone, and that it is shown this once. */
export function sipPasswordMessage(result: SipPasswordSet): Message {
  const lines = [
    `:key: ${result.reset ? 'A new SIP password' : 'A SIP password'} for ${device(result)}${result.forOther ? ', set by a phone admin' : ''}:`,
    `Username: ${code(result.username)}`,
    `Password: ${code(result.password)}`,
    `Realm (domain): ${code(result.realm)}`,
  ];
  const again = result.deskPhone
    ? `/phone sip password <you> ${result.deskPhone}`
    : '/phone sip password <you>';
  const note = `Shown once: Switchboard keeps only a hash of it.${result.reset ? ' The old password no longer works.' : ''} Run ${code(again)} again for a new one.`;
  const text = lines.join('\n');
  return { text: plain(text), blocks: [section(text), context(note)] };
}

/** "your phone line `1000`" or "your desk phone `00:1A:2B:3C:4D:5E`". */
function device(result: SipPasswordSet): string {
  return result.deskPhone
    ? `your desk phone ${code(macWithColons(result.deskPhone))}`
    : `your phone line ${code(result.card.extension)}`;
}

/** What the admin reads when the password went to the person. */
export function sipPasswordSentMessage(result: SipPasswordSet): Message {
  const what = result.deskPhone ? `the desk phone ${code(macWithColons(result.deskPhone))} of` : '';
  const text = `${result.reset ? 'A new SIP password' : 'A SIP password'} for ${what}${what ? ' ' : ''}${who(personOfCard(result.card))} (${code(result.username)}) was sent to them in a direct message; it is not shown to you.${result.reset ? ' The old one no longer works.' : ''}`;
  return { text: plain(text), blocks: [section(text)] };
}
