import { sql } from 'drizzle-orm';
import { check, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const sites = pgTable(
  'sites',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    siteCode: text('site_code'),
    /** First extension for auto-assignment; null means the account default (1000, or 100 with site codes). */
    firstExtension: text('first_extension'),
    /** ISO 3166 alpha-2: where a number typed without + is read for the site's people; null means DEFAULT_COUNTRY. */
    country: text('country'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sites_name_unique').on(sql`lower(${t.name})`),
    uniqueIndex('sites_site_code_unique').on(t.siteCode),
    check('sites_site_code_digits', sql`${t.siteCode} ~ '^[1-9][0-9]?$'`),
    check('sites_first_extension_digits', sql`${t.firstExtension} ~ '^[0-9]{2,6}$'`),
    check('sites_country_code', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export type SiteRow = typeof sites.$inferSelect;
