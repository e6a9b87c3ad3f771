import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { callingPlans, phoneUserPlans } from '../../db/schema/index.ts';

export type CallingPlan = typeof callingPlans.$inferSelect;
export type PlanUsage = CallingPlan & { used: number };

export async function planCatalog(db: Executor): Promise<CallingPlan[]> {
  return db.select().from(callingPlans).orderBy(asc(callingPlans.code));
}

/** The catalog (or the named plans) with how many of each plan are held. */
export async function planUsage(db: Executor, codes?: number[]): Promise<PlanUsage[]> {
  const plans = codes
    ? await db
        .select()
        .from(callingPlans)
        .where(inArray(callingPlans.code, codes))
        .orderBy(asc(callingPlans.code))
    : await planCatalog(db);
  const used = await db
    .select({ code: phoneUserPlans.planCode, n: count() })
    .from(phoneUserPlans)
    .groupBy(phoneUserPlans.planCode);
  return plans.map((plan) => ({ ...plan, used: used.find((row) => row.code === plan.code)?.n ?? 0 }));
}

export async function setPlanInventory(tx: Executor, code: number, inventory: number) {
  await tx.update(callingPlans).set({ inventory }).where(eq(callingPlans.code, code));
}

export async function addUserPlans(
  tx: Executor,
  rows: { phoneUserId: number; planCode: number; at: Date }[],
) {
  if (rows.length === 0) return;
  await tx.insert(phoneUserPlans).values(rows.map(({ at, ...row }) => ({ ...row, createdAt: at })));
}

export async function removeUserPlans(tx: Executor, phoneUserId: number, codes: number[]) {
  if (codes.length === 0) return;
  await tx
    .delete(phoneUserPlans)
    .where(and(eq(phoneUserPlans.phoneUserId, phoneUserId), inArray(phoneUserPlans.planCode, codes)));
}
