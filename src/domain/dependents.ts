import type { Person } from './errors.ts';

/**
 * Something outside a phone user's own line that points at them: a call queue they answer, an auto receptionist
 * whose operator they are, a colleague they delegate to or answer for. None of it can outlive their license, so
 * removing the license ends each one (named first, then audited and recorded one by one), and undoing the import
 * that created them leaves them alone while any exists.
 *
 * What is their own (plans, numbers, settings, forward numbers and routes, blocked list, personal emergency address,
 * desk phones, audio nobody else plays) goes with the license and is recorded with it.
 */
export type Dependent =
  | { kind: 'queue_member'; queueId: number; queue: string; manager: boolean }
  | { kind: 'operator'; receptionistId: number; receptionist: string }
  /** `person` answers this user's calls: this user is the boss. */
  | { kind: 'assistant'; phoneUserId: number; directoryUserId: number; person: Person }
  /** This user answers the calls of `person`: this user is the assistant. */
  | { kind: 'assisting'; phoneUserId: number; directoryUserId: number; person: Person };

/** An audio file of theirs that other people's settings play: it stays, moved to the account's library. */
export type SharedAudio = { audioId: number; name: string; players: Person[] };

/** A stable name for one link, the same however and whenever it is read. */
export function dependentKey(dependent: Dependent): string {
  switch (dependent.kind) {
    case 'queue_member':
      return `q${dependent.queueId}${dependent.manager ? 'm' : ''}`;
    case 'operator':
      return `r${dependent.receptionistId}`;
    case 'assistant':
      return `a${dependent.phoneUserId}`;
    case 'assisting':
      return `b${dependent.phoneUserId}`;
  }
}

/** The links as one canonical string: equal exactly when the same links exist. */
export const dependentsKey = (dependents: readonly Dependent[]): string =>
  dependents.map(dependentKey).sort().join(' ');

export type DependentCounts = { queues: number; managed: number; operator: number; delegations: number };

export function countDependents(dependents: readonly Dependent[]): DependentCounts {
  const counts: DependentCounts = { queues: 0, managed: 0, operator: 0, delegations: 0 };
  for (const dependent of dependents) {
    if (dependent.kind === 'queue_member') {
      counts.queues += 1;
      if (dependent.manager) counts.managed += 1;
    } else if (dependent.kind === 'operator') counts.operator += 1;
    else counts.delegations += 1;
  }
  return counts;
}

/**
 * What a removal of several people ends in all: a delegation between two of them is one link, though each of
 * them lists it.
 */
export function totalDependents(
  people: readonly { phoneUserId: number; dependents: readonly Dependent[] }[],
): DependentCounts {
  const pairs = new Set<string>();
  const unique: Dependent[] = [];
  for (const { phoneUserId, dependents } of people) {
    for (const dependent of dependents) {
      if (dependent.kind === 'assistant' || dependent.kind === 'assisting') {
        const [owner, assistant] =
          dependent.kind === 'assistant'
            ? [phoneUserId, dependent.phoneUserId]
            : [dependent.phoneUserId, phoneUserId];
        if (pairs.has(`${owner}>${assistant}`)) continue;
        pairs.add(`${owner}>${assistant}`);
      }
      unique.push(dependent);
    }
  }
  return countDependents(unique);
}
