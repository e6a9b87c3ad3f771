import { emailKey } from './email.ts';

/** How an admin names a person in a command: a chat mention, an email, or the extension of a phone user. */
export type UserRef =
  | { kind: 'slack'; id: string; raw: string }
  | { kind: 'email'; email: string; raw: string }
  | { kind: 'extension'; extension: string; raw: string }
  /** A directory entry by its id: what confirmation buttons carry, because an id never changes hands. */
  | { kind: 'directory'; id: number; raw: string };

/** What identifies the person a reference names: two references name the same person when their keys are equal. */
export function refKey(ref: UserRef): string {
  switch (ref.kind) {
    case 'slack':
      return `slack:${ref.id}`;
    case 'email':
      return `email:${emailKey(ref.email)}`;
    case 'extension':
      return `extension:${ref.extension}`;
    case 'directory':
      return `directory:${ref.id}`;
  }
}
