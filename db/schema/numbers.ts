import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { phoneUsers } from './phone-users.ts';
import { sites } from './sites.ts';

/** The account's direct-number inventory, in E.164. A number with a phone user is assigned; without, free. */
export const phoneNumbers = pgTable(
  'phone_numbers',
  {
    id: serial('id').primaryKey(),
    number: text('number').notNull(),
    siteId: integer('site_id').references(() => sites.id),
    phoneUserId: integer('phone_user_id').references(() => phoneUsers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('phone_numbers_number_unique').on(t.number),
    index('phone_numbers_phone_user_idx').on(t.phoneUserId),
    index('phone_numbers_site_idx').on(t.siteId),
  ],
);

export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;
