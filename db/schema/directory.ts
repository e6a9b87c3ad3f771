import { sql } from 'drizzle-orm';
import { pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The people of the account. Email is unique without regard to case. */
export const directoryUsers = pgTable(
  'directory_users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    timezone: text('timezone'),
    slackUserId: text('slack_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('directory_users_email_unique').on(sql`lower(${t.email})`),
    uniqueIndex('directory_users_slack_user_id_unique').on(t.slackUserId),
  ],
);

export type DirectoryUserRow = typeof directoryUsers.$inferSelect;
