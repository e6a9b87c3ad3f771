import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/**
 * ANALYZE of the tables that hold phone users, after a bulk write. Best effort: statistics only steer the query
 * planner, so a failure here is no reason to report a committed import as failed.
 */
export async function refreshUserStatistics(db: Executor): Promise<void> {
  try {
    await db.execute(
      sql`analyze directory_users, phone_users, phone_user_plans, phone_numbers, phone_user_settings, emergency_addresses, desk_phones`,
    );
  } catch {
    // The next autovacuum run (on a server) does the same.
  }
}
