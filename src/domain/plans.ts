/** A calling plan may be named by its code, its short name or its long name, in any case. */
export type PlanNames = { code: number; shortName: string; longName: string };

const squash = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

export function matchPlan<T extends PlanNames>(input: string, catalog: readonly T[]): T | undefined {
  const wanted = squash(input);
  if (wanted === '') return undefined;
  return catalog.find(
    (plan) =>
      String(plan.code) === wanted || squash(plan.shortName) === wanted || squash(plan.longName) === wanted,
  );
}
