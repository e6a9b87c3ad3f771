import type { ZoomAccount } from '../account.ts';
import { PLAN_NAMES, PLAN_SHORT_NAMES } from '../catalog.ts';
import { type ZoomError, zoomErrors } from '../errors.ts';
import type { PhoneNumber, Site, ZoomUser } from '../model.ts';
import { ok, type Route } from './route.ts';

type BatchUser = {
  email: string;
  extension_number: string;
  calling_plans: string[];
  site_code?: string;
  site_name?: string;
  phone_numbers?: string[];
  activation_status?: 'activate' | 'deactivate';
  outbound_caller_id?: string;
};

type Planned = {
  user: ZoomUser;
  site: Site;
  extension: string;
  plans: number[];
  numbers: PhoneNumber[];
  row: BatchUser;
};

/** Batch add takes plan names, short (`US/CA Unlimited`) or long (`United States/Canada Unlimited Calling Plan`). */
function planType(account: ZoomAccount, name: string): number | undefined {
  const wanted = name.toLowerCase();
  for (const plan of account.plans.values()) {
    const names = [plan.name, PLAN_NAMES[plan.type], PLAN_SHORT_NAMES[plan.type]];
    if (names.some((n) => n?.toLowerCase() === wanted)) return plan.type;
  }
  return undefined;
}

function siteFor(account: ZoomAccount, row: BatchUser): Site | ZoomError {
  if (row.site_code !== undefined) {
    const site = [...account.sites.values()].find((s) => String(s.siteCode) === row.site_code);
    return site ?? zoomErrors.siteNotFound(row.site_code);
  }
  if (row.site_name !== undefined) {
    const name = row.site_name.toLowerCase();
    const site = [...account.sites.values()].find((s) => s.name.toLowerCase() === name);
    return site ?? zoomErrors.siteNotFound(row.site_name);
  }
  return account.mainSite();
}

/** Checks every row against the account and the rows before it; nothing changes unless all pass. */
function plan(account: ZoomAccount, rows: BatchUser[]): Planned[] | ZoomError {
  const planned: Planned[] = [];
  const planNeeds = new Map<number, number>();
  for (const row of rows) {
    const user = account.findUser(row.email);
    if (!user) return zoomErrors.userNotFound(row.email);
    if (user.zoomPhone || planned.some((p) => p.user === user)) return zoomErrors.alreadyPhoneUser(row.email);
    const site = siteFor(account, row);
    if ('code' in site) return site;
    const extension =
      site.siteCode === null ? row.extension_number : `${site.siteCode}${row.extension_number}`;
    const refused = account.checkExtension(extension, site);
    if (refused) return refused;
    if (planned.some((p) => p.extension === extension)) return zoomErrors.extensionTaken(extension);
    const plans: number[] = [];
    for (const name of row.calling_plans) {
      const type = planType(account, name);
      if (type === undefined) return zoomErrors.planNameUnknown(name);
      if (plans.includes(type)) return zoomErrors.planAlreadyAssigned(type);
      const plan = account.plans.get(type);
      const need = (planNeeds.get(type) ?? 0) + 1;
      if (!plan || plan.subscribed - plan.assigned < need) return zoomErrors.planExhausted(type);
      planNeeds.set(type, need);
      plans.push(type);
    }
    const numbers: PhoneNumber[] = [];
    for (const ref of row.phone_numbers ?? []) {
      const number = account.findNumber(ref);
      if (!number) return zoomErrors.numberNotFound(ref);
      const claimed = planned.some((p) => p.numbers.includes(number)) || numbers.includes(number);
      if (number.assignee !== null || number.autoReceptionistOf !== null || claimed)
        return zoomErrors.numberTaken(number.number);
      if (number.siteId !== site.id) return zoomErrors.numberOtherSite(number.number);
      numbers.push(number);
    }
    const callerId = row.outbound_caller_id;
    if (callerId && !numbers.some((n) => n.number === callerId))
      return zoomErrors.invalidField(
        'outbound_caller_id',
        'The caller ID must be one of the user’s numbers.',
      );
    planned.push({ user, site, extension, plans, numbers, row });
  }
  return planned;
}

/** Batch add: up to ten existing Zoom users get Zoom Phone at once, created at once with their plans and numbers. */
export const batchAddRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/users/batch',
    handle: ({ account, body }) => {
      const rows: BatchUser[] = body?.users ?? [];
      if (rows.length === 0) return zoomErrors.invalidField('users', 'users is required.');
      const planned = plan(account, rows);
      if ('code' in planned) return planned;
      for (const { user, site, extension, plans, numbers, row } of planned) {
        user.zoomPhone = true;
        user.phoneDueAt = null;
        const phoneUser = account.createPhoneUser(user, extension, site.id);
        account.assignPlans(phoneUser, plans);
        account.assignNumbers(
          phoneUser,
          numbers.map((n) => n.id),
        );
        phoneUser.status = row.activation_status ?? 'activate';
        if (row.outbound_caller_id) phoneUser.settings.outboundCallerId = row.outbound_caller_id;
      }
      return ok(
        planned.map(({ user }) => ({ email: user.email, id: user.id })),
        201,
      );
    },
  },
];
