import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row: the account's switches and purchased license total. Locked FOR UPDATE by every license change. */
export const accountSettings = pgTable(
  'account_settings',
  {
    id: integer('id').primaryKey().default(1),
    siteCodesEnabled: boolean('site_codes_enabled').notNull().default(false),
    licensesTotal: integer('licenses_total').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('account_settings_singleton', sql`${t.id} = 1`),
    check('account_settings_licenses_nonnegative', sql`${t.licensesTotal} >= 0`),
  ],
);

export const reservedExtensions = pgTable(
  'reserved_extensions',
  {
    extension: text('extension').primaryKey(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('reserved_extensions_digits', sql`${t.extension} ~ '^[0-9]{2,6}$'`)],
);

export const admins = pgTable('admins', {
  slackUserId: text('slack_user_id').primaryKey(),
  addedBy: text('added_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AccountSettingsRow = typeof accountSettings.$inferSelect;
