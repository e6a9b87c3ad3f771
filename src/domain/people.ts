export const MAX_USERS_PER_REQUEST = 100;

const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

export const isValidEmail = (input: string): boolean => input.length <= 254 && EMAIL.test(input);

/** Names are shown on cards and in DMs: printable, at most 64 characters. */
export const isValidName = (input: string): boolean =>
  input.trim().length > 0 && input.length <= 64 && !/[\p{Cc}<>]/u.test(input);

/** Splits a Slack real name into first and last name the way an address book would. */
export function splitRealName(realName: string): { firstName: string; lastName: string } {
  const parts = realName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: '', lastName: '' };
  if (parts.length === 1) return { firstName: parts[0] ?? '', lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1) ?? '' };
}
