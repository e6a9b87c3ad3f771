import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { directoryUsers } from './directory.ts';
import { callingPlans } from './plans.ts';
import { sites } from './sites.ts';

/**
 * A directory user who holds a phone license. `extension` is the full number dialled inside the account
 * (site code + short extension when site codes are on) and is unique across the account.
 */
export const phoneUsers = pgTable(
  'phone_users',
  {
    id: serial('id').primaryKey(),
    directoryUserId: integer('directory_user_id')
      .notNull()
      .references(() => directoryUsers.id),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    extension: text('extension').notNull(),
    shortExtension: text('short_extension').notNull(),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    /**
     * The person's line was adopted from the phone system, whose settings (hours, PIN, address, desk phones,
     * assistants, blocked numbers...) Switchboard has not taken: the adapter leaves them as the phone system holds
     * them, and Switchboard refuses to change them, until they are taken.
     */
    settingsInPhoneSystem: boolean('settings_in_phone_system').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('phone_users_directory_user_unique').on(t.directoryUserId),
    uniqueIndex('phone_users_extension_unique').on(t.extension),
    index('phone_users_site_idx').on(t.siteId),
    check('phone_users_extension_digits', sql`${t.extension} ~ '^[0-9]{2,7}$'`),
    check('phone_users_status', sql`${t.status} in ('active', 'inactive')`),
  ],
);

export const phoneUserPlans = pgTable(
  'phone_user_plans',
  {
    phoneUserId: integer('phone_user_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    planCode: integer('plan_code')
      .notNull()
      .references(() => callingPlans.code),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.phoneUserId, t.planCode] }),
    index('phone_user_plans_plan_idx').on(t.planCode),
  ],
);

export type PhoneUserRow = typeof phoneUsers.$inferSelect;
