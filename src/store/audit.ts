import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import { insertRecords } from '../../db/bulk.ts';
import type { Executor } from '../../db/client.ts';
import { auditLog, changeOutbox } from '../../db/schema/index.ts';
import type { Change } from '../domain/changes.ts';

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  before: unknown;
  after: unknown;
};

export type AuditRecord = typeof auditLog.$inferSelect;

export async function insertAudit(
  tx: Executor,
  requestId: string,
  actor: string,
  at: Date,
  entries: AuditEntry[],
) {
  // Chunked so one statement's JSON stays a few megabytes however many users an import touches.
  for (let start = 0; start < entries.length; start += CHUNK) {
    await insertRecords(
      tx,
      auditLog,
      entries.slice(start, start + CHUNK).map((entry) => ({
        requestId,
        actor,
        at,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        targetLabel: entry.targetLabel,
        before: entry.before ?? null,
        after: entry.after ?? null,
      })),
    );
  }
}

const CHUNK = 5000;

export async function insertChanges(tx: Executor, requestId: string, at: Date, changes: Change[]) {
  for (let start = 0; start < changes.length; start += CHUNK) {
    await insertRecords(
      tx,
      changeOutbox,
      changes
        .slice(start, start + CHUNK)
        .map((change) => ({ requestId, at, kind: change.kind, payload: change })),
    );
  }
}

/** What was done to a target, newest first; `beforeId` pages back past the rows already shown. */
export async function auditForTarget(
  db: Executor,
  targetType: string,
  targetId: string,
  limit: number,
  beforeId?: number,
) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, targetType),
        eq(auditLog.targetId, targetId),
        beforeId === undefined ? undefined : lt(auditLog.id, beforeId),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** What was done to a target after a moment, oldest first. */
export async function auditSince(db: Executor, targetType: string, targetId: string, after: Date) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, targetId), gt(auditLog.at, after)))
    .orderBy(asc(auditLog.id));
}

export async function recentAudit(db: Executor, limit: number, beforeId?: number) {
  return db
    .select()
    .from(auditLog)
    .where(beforeId === undefined ? undefined : lt(auditLog.id, beforeId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}
