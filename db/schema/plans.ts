import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** The calling-plan catalog; `inventory` is how many of each plan the account owns. */
export const callingPlans = pgTable(
  'calling_plans',
  {
    code: integer('code').primaryKey(),
    shortName: text('short_name').notNull(),
    longName: text('long_name').notNull(),
    inventory: integer('inventory').notNull().default(0),
  },
  (t) => [
    uniqueIndex('calling_plans_short_name_unique').on(sql`lower(${t.shortName})`),
    uniqueIndex('calling_plans_long_name_unique').on(sql`lower(${t.longName})`),
    check('calling_plans_inventory_nonnegative', sql`${t.inventory} >= 0`),
  ],
);

export type CallingPlanRow = typeof callingPlans.$inferSelect;
