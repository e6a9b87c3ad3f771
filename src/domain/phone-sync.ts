import type { Change, PhoneUserRef } from './changes.ts';

/**
 * Whose line in the phone system a batch of changes may have altered. `people`: every person a change names (the
 * person changed, an assistant, a queue member, an operator), each once; a person deleted from the directory too,
 * so that their line is taken away. `sites`: sites whose code changed, which every member's line shows.
 * `everyone`: site codes were turned on or off, which renumbers every line. Other changes to sites and to the
 * account (numbers bought, plans counted, extensions reserved, a site's default address) alter no line.
 */
export type LinesTouched = { people: PhoneUserRef[]; sites: string[]; everyone: boolean };

export function linesTouched(changes: readonly Change[]): LinesTouched {
  const people = new Map<number, PhoneUserRef>();
  const sites = new Set<string>();
  let everyone = false;
  const add = (ref: PhoneUserRef | null | undefined) => {
    if (ref) people.set(ref.directoryUserId, ref);
  };
  for (const change of changes) {
    if ('user' in change) add(change.user);
    if ('assistant' in change) add(change.assistant);
    if ('operator' in change) add(change.operator);
    if (change.kind === 'site.changed') sites.add(change.site);
    if (change.kind === 'account.site_codes_changed') everyone = true;
  }
  return { people: [...people.values()], sites: [...sites], everyone };
}

export const touchesNoLine = (touched: LinesTouched) =>
  touched.people.length === 0 && touched.sites.length === 0 && !touched.everyone;

/** The longest pause before trying a phone system that could not be reached again. */
export const MAX_UNREACHABLE_PAUSE_MS = 5 * 60_000;
const FIRST_UNREACHABLE_PAUSE_MS = 1_000;

/** The pause after the `attempts`-th reconcile in a row that could not reach the phone system: doubling, capped. */
export function unreachablePauseMs(attempts: number): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(MAX_UNREACHABLE_PAUSE_MS, FIRST_UNREACHABLE_PAUSE_MS * 2 ** doublings);
}

/**
 * Changes that are no part of a person's line, which phone-system adapters do not send yet: what an admin is told
 * to do by hand in the phone system, by change kind prefix.
 */
const KEPT_HERE: readonly { prefix: string; what: string }[] = [
  { prefix: 'call_queue.', what: 'Call queues' },
  { prefix: 'auto_receptionist.', what: 'Auto receptionists' },
];

/** What of these changes stays in Switchboard only, named for the admin (empty when everything is sent). */
export function keptInSwitchboard(kinds: readonly string[]): string[] {
  return KEPT_HERE.filter(({ prefix }) => kinds.some((kind) => kind.startsWith(prefix))).map(
    ({ what }) => what,
  );
}
