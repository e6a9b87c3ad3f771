import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AdoptionCounts } from '../../src/domain/adoption.ts';
import type { PhoneAccount } from '../../src/domain/phone-account.ts';

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
