import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every change to the account: who, when, what, before and after. Rows of one request share `requestId`. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    targetLabel: text('target_label').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.id),
    index('audit_log_request_idx').on(t.requestId),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * The typed changes a phone-system adapter will apply, written in the same transaction as the audit rows.
 * `appliedAt` stays null until an adapter has pushed the change to the phone system.
 */
export const changeOutbox = pgTable(
  'change_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
  },
  (t) => [index('change_outbox_pending_idx').on(t.id).where(sql`${t.appliedAt} is null`)],
);

export type AuditRow = typeof auditLog.$inferSelect;
