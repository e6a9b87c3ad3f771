import { parseEmail } from '../../domain/email.ts';
import { refKey } from '../../domain/user-ref.ts';
import { showInput } from '../format.ts';
import { identityErrorText } from '../replies-identity.ts';
import type { WordToken } from './tokenize.ts';

/**
 * How a command names a person. `raw` is what to quote back in a message: Slack's mention markup (which renders
 * as the mention) or the email or extension as typed. `email` is the address as `parseEmail` reads it (full-width
 * letters made ASCII, case kept); services compare addresses case-insensitively.
 */
export type UserRef =
  | { kind: 'slack'; id: string; raw: string }
  | { kind: 'email'; email: string; raw: string }
  | { kind: 'extension'; extension: string; raw: string };

export type UserRefResult = { ok: true; ref: UserRef } | { ok: false; message: string };

const extensionPattern = /^\d{2,7}$/;
const howToName = 'Mention the person (@ada), or type their email or extension.';

/** An email typed in a command, read by the one email rule; a refusal is worded as on every other surface. */
export function readEmail(text: string): { ok: true; email: string } | { ok: false; message: string } {
  const parsed = parseEmail(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    message: identityErrorText({ code: 'EMAIL_INVALID', input: text, problem: parsed.problem }),
  };
}

/** Phone numbers are kept as typed and normalised later; this only tells one apart from a name or a mention. */
export function looksLikePhoneNumber(text: string): boolean {
  return /^\+?[\d\s().\u2010-\u2014-]+$/.test(text) && (text.match(/\d/g)?.length ?? 0) >= 3;
}

export function toUserRef(token: WordToken): UserRefResult {
  const entity = token.entity;
  switch (entity?.kind) {
    case 'user':
      return { ok: true, ref: { kind: 'slack', id: entity.id, raw: token.raw } };
    case 'channel':
      return refuse(`<#${entity.id}> is a channel, not a person. ${howToName}`);
    case 'special':
      return refuse(
        `${showInput(entity.name)} is a group, not a person. Mention each person, or type their emails.`,
      );
    case 'malformed':
      return refuse(`${showWord(token)} is not a mention Switchboard can read. ${howToName}`);
    case 'tel':
      return refuse(`${showWord(token)} is a phone number, not a person. ${howToName}`);
    default:
      return fromText(token);
  }
}

function fromText(token: WordToken): UserRefResult {
  const text = token.text;
  // Quoting the word back is only for a refusal: a lookup by extension, the common case, never needs it.
  if (extensionPattern.test(text))
    return { ok: true, ref: { kind: 'extension', extension: text, raw: text } };
  const shown = showWord(token);
  if (text.startsWith('@')) {
    return refuse(
      `${shown} is not a mention Slack recognised. Pick the person from the list that opens as you type @, or type their email or extension.`,
    );
  }
  if (text.normalize('NFKC').includes('@')) {
    const read = readEmail(text);
    return read.ok
      ? { ok: true, ref: { kind: 'email', email: read.email, raw: text } }
      : refuse(read.message);
  }
  if (/^\d+$/.test(text)) return refuse(`${shown} is not an extension: extensions have 2 to 7 digits.`);
  if (looksLikePhoneNumber(text)) return refuse(`${shown} is a phone number, not a person. ${howToName}`);
  return refuse(`${shown} is not a person Switchboard can look up. ${howToName}`);
}

/** Whether a word names a person or a number: such a word ends an unquoted multi-word option value. */
export function looksLikeUserOrNumber(token: WordToken): boolean {
  if (token.entity !== undefined && token.entity.kind !== 'link') return true;
  return token.text.includes('@') || /^\d+$/.test(token.text) || /^\+\d/.test(token.text);
}

/** Keeps the first of each person named twice: the same Slack id, email (in any case) or extension. */
export function dedupeUserRefs(refs: readonly UserRef[]): UserRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = refKey(ref);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A word quoted back in a message: a mention or channel as Slack markup (it renders), anything else as text. */
export function showWord(token: WordToken): string {
  switch (token.entity?.kind) {
    case 'user':
      return `<@${token.entity.id}>`;
    case 'channel':
      return `<#${token.entity.id}>`;
    default:
      return showInput(token.text);
  }
}

function refuse(message: string): UserRefResult {
  return { ok: false, message };
}
