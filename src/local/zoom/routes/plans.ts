import { isZoomError } from '../errors.ts';
import { noContent, ok, phoneUserOf, type Route } from './route.ts';

/** The account's calling plans with their inventory, and a phone user's share of it. */
export const planRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/calling_plans',
    handle: ({ account }) =>
      ok({
        calling_plans: [...account.plans.values()].map((p) => ({
          type: p.type,
          name: p.name,
          subscribed: p.subscribed,
          assigned: p.assigned,
          available: p.subscribed - p.assigned,
        })),
      }),
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/users/{userId}/calling_plans',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const plans: { type?: number }[] = ctx.body?.calling_plans ?? [];
      const types = plans.flatMap((plan) => (typeof plan.type === 'number' ? [plan.type] : []));
      return ctx.account.assignPlans(p, types) ?? { status: 200 };
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/users/{userId}/calling_plans/{planType}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return ctx.account.unassignPlan(p, String(ctx.params.planType)) ?? noContent();
    },
  },
];
