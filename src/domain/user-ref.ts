import { emailKey } from './email.ts';

/** How an admin names a person in a command: a chat mention, an email, or the extension of a phone user. */
export type UserRef =
  | { kind: 'slack'; id: string; raw: string }
  | { kind: 'email'; email: string; raw: string }
  | { kind: 'extension'; extension: string; raw: string }
  /** A directory entry by its id: what confirmation buttons carry, because an id never changes hands. */
  | { kind: 'directory'; id: number; raw: string };

export function sameRef(a: UserRef, b: UserRef): boolean {
  if (a.kind === 'slack' && b.kind === 'slack') return a.id === b.id;
  if (a.kind === 'email' && b.kind === 'email') return emailKey(a.email) === emailKey(b.email);
  if (a.kind === 'extension' && b.kind === 'extension') return a.extension === b.extension;
  if (a.kind === 'directory' && b.kind === 'directory') return a.id === b.id;
  return false;
}
