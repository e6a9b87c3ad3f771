import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Difference } from '../../src/domain/drift.ts';
import type { AccountSettings } from '../../src/domain/phone-account.ts';

/**
 * Drift checks: each comparison of the phone system's account with Switchboard's, scheduled or asked for with
 * `/phone drift`. `running` while one instance reads the phone system; `done` with every difference found, or
 * `failed` with the reason the phone system could not be read. The latest is what the Home tab shows.
 */
export const driftChecks = pgTable(
  'drift_checks',
  {
    id: serial('id').primaryKey(),
    state: text('state', { enum: ['running', 'done', 'failed'] }).notNull(),
    /** The admin who asked; `null` for a scheduled check. */
    requestedBy: text('requested_by'),
    system: text('system').notNull(),
    differences: jsonb('differences').$type<Difference[]>().notNull().default(sql`'[]'::jsonb`),
    /** Whether people's settings were read and compared too (an admin's check), or their lines alone. */
    settingsCompared: boolean('settings_compared').notNull().default(false),
    /**
     * The phone system's settings of each person whose settings differ, by email, for *Take the phone system's*.
     * They hold voicemail PINs: never shown, never exported.
     */
    phoneSettings: jsonb('phone_settings').$type<Record<string, AccountSettings>>(),
    /** How many people the phone system holds a line for, as read. */
    linesRead: integer('lines_read').notNull().default(0),
    failure: text('failure'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('drift_checks_started_idx').on(t.startedAt),
    check('drift_checks_state', sql`${t.state} in ('running', 'done', 'failed')`),
  ],
);

export type DriftCheckRow = typeof driftChecks.$inferSelect;
