import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { phoneUsers } from './phone-users.ts';
import { deskPhones } from './settings.ts';

/**
 * What a SIP device signs in with: the person's apps (no desk phone) or one of their desk phones. Only the digest
 * hashes are kept, as the SIP server's authentication reads them: `ha1` = md5(username:realm:password) and `ha1b` =
 * md5(username@realm:realm:password), for devices that send the user with the realm. The password itself is shown
 * once and never stored. Removing the person or the desk phone removes its credentials.
 */
export const sipCredentials = pgTable(
  'sip_credentials',
  {
    id: serial('id').primaryKey(),
    phoneUserId: integer('phone_user_id')
      .notNull()
      .references(() => phoneUsers.id, { onDelete: 'cascade' }),
    deskPhoneId: integer('desk_phone_id').references(() => deskPhones.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    realm: text('realm').notNull(),
    ha1: text('ha1').notNull(),
    ha1b: text('ha1b').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sip_credentials_username_unique').on(t.username),
    uniqueIndex('sip_credentials_apps_unique').on(t.phoneUserId).where(sql`${t.deskPhoneId} is null`),
    uniqueIndex('sip_credentials_desk_phone_unique').on(t.deskPhoneId),
    index('sip_credentials_phone_user_idx').on(t.phoneUserId),
    check('sip_credentials_ha1', sql`${t.ha1} ~ '^[0-9a-f]{32}$' and ${t.ha1b} ~ '^[0-9a-f]{32}$'`),
  ],
);

export type SipCredentialRow = typeof sipCredentials.$inferSelect;
