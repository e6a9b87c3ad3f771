import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { phoneUsers } from './phone-users.ts';
import { sites } from './sites.ts';

/**
 * The account's direct-number inventory, in E.164. A number with a phone user is assigned; without, free. A main
 * number is one callers see as the company's (a caller ID any user may show); it is never a user's direct number.
 */
export const phoneNumbers = pgTable(
  'phone_numbers',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    siteId: integer('site_id').references(() => sites.id),
    phoneUserId: integer('phone_user_id').references(() => phoneUsers.id),
    isMain: boolean('is_main').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('phone_numbers_number_unique').on(t.number),
    index('phone_numbers_phone_user_idx').on(t.phoneUserId),
    index('phone_numbers_site_idx').on(t.siteId),
    check('phone_numbers_main_unassigned', sql`not ${t.isMain} or ${t.phoneUserId} is null`),
  ],
);

export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;
