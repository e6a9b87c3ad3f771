import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PhoneAccount } from '../../src/domain/phone-account.ts';

export type AdoptionCounts = {
  lines: number;
  create: number;
  update: number;
  unchanged: number;
  conflict: number;
  invalid: number;
  sites: number;
  plans: number;
  numbers: number;
  /** Call queues created or given members (absent in adoptions recorded before queues were adopted). */
  queues?: number;
  /** Auto receptionists created or given their operator (absent before they were adopted). */
  receptionists?: number;
  /** People whose settings were taken, and people whose settings stay in the phone system (absent before). */
  settings?: number;
  settingsKept?: number;
};

/**
 * `/phone adopt`: the phone system's account as read, kept from the preview to the click that adopts it (checked
 * again then against Switchboard as it is). `previewed` until an admin adopts (`applied`) or cancels it, or a newer
 * preview of the same admin replaces it (`cancelled`); the account read is dropped once it is closed.
 */
export const adoptions = pgTable(
  'adoptions',
  {
    id: serial('id').primaryKey(),
    status: text('status', { enum: ['previewed', 'applied', 'cancelled'] }).notNull(),
    requestedBy: text('requested_by').notNull(),
    system: text('system').notNull(),
    account: jsonb('account').$type<PhoneAccount>(),
    counts: jsonb('counts').$type<AdoptionCounts>().notNull(),
    requestId: uuid('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('adoptions_requested_by_idx').on(t.requestedBy, t.status),
    check('adoptions_status', sql`${t.status} in ('previewed', 'applied', 'cancelled')`),
  ],
);

export type AdoptionRow = typeof adoptions.$inferSelect;
