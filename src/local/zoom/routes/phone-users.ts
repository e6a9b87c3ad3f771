import type { ZoomAccount } from '../account.ts';
import { isZoomError, type ZoomError, zoomErrors } from '../errors.ts';
import { addressFields, type PhoneUser } from '../model.ts';
import { paginate } from '../pagination.ts';
import { noContent, ok, phoneUserOf, type Route } from './route.ts';

const activation = (p: PhoneUser) => (p.status === 'activate' ? 'activated' : 'ready to activate');

function listItem(account: ZoomAccount, p: PhoneUser) {
  const user = account.users.get(p.userId);
  const site = account.site(p.siteId);
  return {
    id: p.userId,
    phone_user_id: p.phoneUserId,
    email: user?.email ?? '',
    name: `${user?.firstName ?? ''} ${user?.lastName ?? ''}`.trim(),
    extension_id: p.extensionId,
    extension_number: Number(p.extensionNumber),
    site: { id: p.siteId, name: site?.name ?? '' },
    calling_plans: p.plans.map((type) => ({ type, name: account.planName(type) })),
    phone_numbers: numbersOf(account, p),
    status: p.status,
    activation_status: activation(p),
    department: '',
    cost_center: '',
  };
}

export const numbersOf = (account: ZoomAccount, p: PhoneUser) =>
  p.numberIds.flatMap((id) => {
    const n = account.numbers.get(id);
    return n ? [{ id: n.id, number: n.number }] : [];
  });

function profile(account: ZoomAccount, p: PhoneUser) {
  const address = p.emergencyAddressId ? account.addresses.get(p.emergencyAddressId) : undefined;
  return {
    id: p.userId,
    phone_user_id: p.phoneUserId,
    email: account.users.get(p.userId)?.email ?? '',
    extension_id: p.extensionId,
    extension_number: Number(p.extensionNumber),
    site_id: p.siteId,
    site_admin: false,
    status: p.status,
    calling_plans: p.plans.map((type) => ({ type })),
    phone_numbers: numbersOf(account, p),
    ...(address ? { emergency_address: { id: address.id, ...addressFields(address) } } : {}),
    policy: {},
    department: '',
    cost_center: '',
  };
}

function matches(account: ZoomAccount, p: PhoneUser, params: Record<string, unknown>): boolean {
  if (params.site_id !== undefined && p.siteId !== params.site_id) return false;
  if (params.status !== undefined && p.status !== params.status) return false;
  if (typeof params.keyword === 'string' && params.keyword !== '') {
    const user = account.users.get(p.userId);
    const keyword = params.keyword.toLowerCase();
    const haystack = [
      user?.firstName,
      user?.lastName,
      user?.email,
      p.extensionNumber,
      ...numbersOf(account, p).map((n) => n.number),
    ];
    if (!haystack.some((text) => text?.toLowerCase().includes(keyword))) return false;
  }
  return true;
}

function update(account: ZoomAccount, p: PhoneUser, body: Record<string, unknown>): ZoomError | undefined {
  const siteId = typeof body.site_id === 'string' ? body.site_id : p.siteId;
  const site = account.site(siteId);
  if (!site) return zoomErrors.siteNotFound(siteId);
  const extension =
    typeof body.extension_number === 'string'
      ? body.extension_number
      : siteId === p.siteId
        ? p.extensionNumber
        : account.extensionInSite(p, site);
  const refused = account.checkExtension(extension, site, p);
  if (refused) return refused;
  const addressId = body.emergency_address_id;
  if (typeof addressId === 'string' && !account.addresses.has(addressId))
    return zoomErrors.addressNotFound(addressId);
  p.extensionNumber = extension;
  if (siteId !== p.siteId) {
    // Numbers belong to a site: Zoom unassigns those of the old one when a user moves.
    for (const id of p.numberIds) {
      const number = account.numbers.get(id);
      if (number && number.siteId !== siteId) number.assignee = null;
    }
    p.numberIds = p.numberIds.filter((id) => account.numbers.get(id)?.assignee === p.userId);
    const kept = p.numberIds.map((id) => account.numbers.get(id)?.number);
    if (!kept.includes(p.settings.outboundCallerId)) p.settings.outboundCallerId = '';
    p.siteId = siteId;
  }
  if (typeof addressId === 'string') p.emergencyAddressId = addressId;
  return undefined;
}

function batch(account: ZoomAccount, body: Record<string, unknown>): ZoomError | undefined {
  const type = body.batch_type;
  if (type === undefined) return zoomErrors.invalidField('batch_type', 'batch_type is required.');
  const refs = Array.isArray(body.user_ids) ? (body.user_ids as string[]) : [];
  if (refs.length === 0) return zoomErrors.invalidField('user_ids', 'user_ids is required.');
  const users: PhoneUser[] = [];
  for (const ref of refs) {
    const p = account.findPhoneUser(ref);
    if (!p) return zoomErrors.phoneUserNotFound(ref);
    users.push(p);
  }
  if (type === 'activate') {
    const status = body.activation_status;
    if (status !== 'activate' && status !== 'deactivate')
      return zoomErrors.invalidField('activation_status', 'activation_status is required.');
    for (const p of users) p.status = status;
    return undefined;
  }
  if (type === 'move_site') {
    if (typeof body.site_id !== 'string') return zoomErrors.invalidField('site_id', 'site_id is required.');
    const site = account.site(body.site_id);
    if (!site) return zoomErrors.siteNotFound(body.site_id);
    // All or nothing: every user is checked before the first one moves.
    for (const p of users) {
      const refused = account.checkExtension(account.extensionInSite(p, site), site, p);
      if (refused) return refused;
    }
    for (const p of users) update(account, p, { site_id: body.site_id });
    return undefined;
  }
  return zoomErrors.unsupportedBatchType(String(type));
}

/** Phone users: created by the Users API switch, read and changed here. */
export const phoneUserRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/users',
    handle: ({ account, params }) => {
      account.settle();
      const all = [...account.phoneUsers.values()].filter((p) => matches(account, p, params));
      const query = JSON.stringify([params.site_id, params.status, params.keyword]);
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, query);
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({ ...rest, users: items.map((p) => listItem(account, p)) });
    },
  },
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/users/{userId}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      return isZoomError(p) ? p : ok(profile(ctx.account, p));
    },
  },
  {
    doc: 'phone',
    method: 'PATCH',
    template: '/phone/users/{userId}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return update(ctx.account, p, ctx.body ?? {}) ?? noContent();
    },
  },
  {
    doc: 'phone',
    method: 'PUT',
    template: '/phone/users/batch',
    handle: ({ account, body }) => batch(account, body ?? {}) ?? noContent(),
  },
];
