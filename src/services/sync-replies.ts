import { keptInSwitchboard } from '../domain/phone-sync.ts';
import type { Result } from '../domain/result.ts';
import { retryFailedSync } from '../store/phone-sync.ts';
import {
  changeKindsOf,
  closeRepliesAt,
  insertSyncReply,
  type NewSyncReply,
  openSyncReplies,
  peopleOfRequests,
  recordShown,
  syncOfPeople,
  syncReplyById,
} from '../store/sync-replies.ts';
import { type Actor, type Deps, runChange } from './context.ts';
import { auditRetry } from './phone-sync.ts';

/**
 * How the phone system took the people a change marked, for the status line under the change's message. A person
 * changed again since counts as applied once the phone system holds their newer line, which includes this change.
 */
export type ReplyStatus =
  | { kind: 'applying'; waiting: number; refused: number; total: number; reason: string | null }
  /** `notApplied`: what the phone system has no way to take, said once each. */
  | { kind: 'applied'; total: number; notApplied: string[] }
  | { kind: 'refused'; failures: Refusal[]; total: number };

/** A person the phone system refused: why in plain words, and its own code and message. */
export type Refusal = { email: string; reason: string; code: string | null; message: string | null };

type PersonSync = {
  email: string;
  state: string;
  reason: string | null;
  failureCode?: string | null;
  failureMessage?: string | null;
};

export function statusOf(people: readonly PersonSync[]): ReplyStatus {
  const waiting = people.filter((p) => p.state === 'pending');
  if (waiting.length > 0) {
    const reason = waiting.find((p) => p.reason)?.reason ?? null;
    const refused = people.filter((p) => p.state === 'failed').length;
    return { kind: 'applying', waiting: waiting.length, refused, total: people.length, reason };
  }
  const failures = people
    .filter((p) => p.state === 'failed')
    .map((p) => ({
      email: p.email,
      reason: p.reason ?? 'no reason given',
      code: p.failureCode ?? null,
      message: p.failureMessage ?? null,
    }));
  if (failures.length > 0) return { kind: 'refused', failures, total: people.length };
  const notApplied = [...new Set(people.flatMap((p) => (p.reason ? [p.reason] : [])))];
  return { kind: 'applied', total: people.length, notApplied };
}

/** Whether a status is the last word: a refusal stays open, since a retry can still bring it in sync. */
export const isFinal = (status: ReplyStatus) => status.kind === 'applied';

/** The people the committed requests marked, for a reply to follow. */
export async function peopleMarkedBy(deps: Deps, requestIds: readonly string[]): Promise<number[]> {
  return peopleOfRequests(deps.db, requestIds);
}

export async function replyStatus(deps: Deps, people: readonly number[]): Promise<ReplyStatus> {
  return statusOf(await syncOfPeople(deps.db, people));
}

export async function recordSyncReply(deps: Deps, reply: Omit<NewSyncReply, 'at'>): Promise<number> {
  return insertSyncReply(deps.db, { ...reply, at: deps.clock.now() });
}

/** The replies whose people may have moved on, each with its status now: one read for all their people. */
export async function openReplies(deps: Deps, limit = 200) {
  const replies = await openSyncReplies(deps.db, limit);
  const rows = await syncOfPeople(deps.db, [...new Set(replies.flatMap((reply) => reply.people))]);
  const byPerson = new Map(rows.map((row) => [row.directoryUserId, row]));
  return replies.map((reply) => {
    const people = reply.people.flatMap((id) => byPerson.get(id) ?? []);
    people.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    return { reply, status: statusOf(people) };
  });
}

export async function noteShown(
  deps: Deps,
  id: number,
  before: string,
  shown: string,
  final: boolean,
): Promise<boolean> {
  return recordShown(deps.db, id, before, shown, !final, deps.clock.now());
}

/** An admin's retry of the people a reply shows as refused. Audited as a retry of each. */
export async function retryReply(
  deps: Deps,
  actor: Actor,
  replyId: number,
): Promise<Result<{ retried: number }>> {
  return runChange(deps, actor, 'sync', async (tx, rec) => {
    // A reply id that names nothing (a forged button) has nobody to retry.
    const reply = await syncReplyById(tx, replyId);
    if (!reply) return { retried: 0 };
    const failed = (await syncOfPeople(tx, reply.people)).filter((p) => p.state === 'failed');
    const retried = [];
    for (const person of failed) retried.push(...(await retryFailedSync(tx, rec.at, person.directoryUserId)));
    auditRetry(rec, retried);
    return { retried: retried.length };
  });
}

export async function stopFollowing(
  deps: Deps,
  where: { channelId: string; messageTs: string },
): Promise<void> {
  await closeRepliesAt(deps.db, where.channelId, where.messageTs, deps.clock.now());
}

/** What the requests changed that no adapter sends to the phone system yet, for a note under the change. */
export async function notSentBy(deps: Deps, requestIds: readonly string[]): Promise<string[]> {
  return keptInSwitchboard(await changeKindsOf(deps.db, requestIds));
}
