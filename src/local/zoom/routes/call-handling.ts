import type { ZoomAccount } from '../account.ts';
import { isZoomError, type ZoomError, zoomErrors } from '../errors.ts';
import type { CallHandling, PhoneUser } from '../model.ts';
import { noContent, ok, phoneUserOf, type Route } from './route.ts';

type Settings = Record<string, unknown>;
const ACTION_SETTINGS = ['busy_on_another_call_action_setting', 'call_not_answer_action_setting'];

/** A forward to an extension must name one that exists. */
function checkTargets(account: ZoomAccount, handling: Settings | undefined): ZoomError | undefined {
  for (const key of ACTION_SETTINGS) {
    const target = (handling?.[key] as { forward_to_extension?: { extension_id?: string } } | undefined)
      ?.forward_to_extension?.extension_id;
    if (target !== undefined && !account.findByExtensionId(target))
      return zoomErrors.extensionNotFound(target);
  }
  return undefined;
}

function patch(account: ZoomAccount, p: PhoneUser, hourType: string, body: Settings): ZoomError | undefined {
  // Holidays and break hours are not kept by the stand-in, so none can be named.
  if (hourType === 'holiday_hours') return zoomErrors.holidayNotFound();
  if (hourType === 'break_hours') return zoomErrors.breakHourNotFound();
  if (Array.isArray(body.call_forward_settings) && body.call_forward_settings.length > 0)
    return zoomErrors.callForwardNotFound();
  const handling = body.call_handling_setting as Settings | undefined;
  const refused = checkTargets(account, handling);
  if (refused) return refused;
  const current: CallHandling = p.callHandling[hourType as 'business_hours' | 'closed_hours'];
  const distribution = body.call_distribution_setting as Settings | undefined;
  if (distribution)
    current.call_distribution_setting = { ...current.call_distribution_setting, ...distribution };
  if (handling) current.call_handling_setting = { ...current.call_handling_setting, ...handling };
  return undefined;
}

/** Per-user call handling: ring mode and the busy and no-answer actions, for business and closed hours. */
export const callHandlingRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/users/{userId}/call_handling/settings',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const hourType = ctx.params.hour_type ?? 'business_hours';
      if (hourType === 'holiday_hours' || hourType === 'break_hours')
        return ok({ call_forward_settings: [] });
      const current = p.callHandling[hourType as 'business_hours' | 'closed_hours'];
      return ok({ call_forward_settings: [], ...structuredClone(current) });
    },
  },
  {
    doc: 'phone',
    method: 'PATCH',
    template: '/phone/users/{userId}/call_handling/settings/{hourType}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return patch(ctx.account, p, String(ctx.params.hourType), ctx.body ?? {}) ?? noContent();
    },
  },
];
