import type { ZoomAccount } from '../account.ts';
import { isZoomError, zoomErrors } from '../errors.ts';
import { addressFields, type EmergencyAddress } from '../model.ts';
import { paginate } from '../pagination.ts';
import { ok, type Route } from './route.ts';

/** Zoom's levels: 0 for a site's address, 1 for a person's own. */
const levelOf = (a: EmergencyAddress) => (a.userId === null ? 0 : 1);
const VERIFIED = 1;

function owner(account: ZoomAccount, a: EmergencyAddress) {
  if (a.userId === null) return undefined;
  const phoneUser = account.phoneUsers.get(a.userId);
  const user = account.users.get(a.userId);
  if (!phoneUser || !user) return undefined;
  return {
    id: user.id,
    name: `${user.firstName} ${user.lastName}`.trim(),
    extension: phoneUser.extensionNumber,
  };
}

function siteOf(account: ZoomAccount, a: EmergencyAddress) {
  const siteId = a.siteId ?? (a.userId ? account.phoneUsers.get(a.userId)?.siteId : undefined);
  const site = siteId ? account.site(siteId) : undefined;
  return site ? { site: { id: site.id, name: site.name } } : {};
}

/** Emergency addresses: each site's default and the personal ones added for a phone user. */
export const emergencyAddressRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/emergency_addresses',
    handle: ({ account, params }) => {
      const all = [...account.addresses.values()].filter(
        (a) =>
          (params.user_id === undefined || a.userId === account.findUser(String(params.user_id))?.id) &&
          (params.site_id === undefined || a.siteId === params.site_id) &&
          (params.level === undefined || levelOf(a) === params.level),
      );
      const query = JSON.stringify([params.user_id, params.site_id, params.level]);
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, query);
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({
        ...rest,
        emergency_addresses: items.map((a) => {
          const who = owner(account, a);
          return {
            id: a.id,
            ...addressFields(a),
            is_default: a.isDefault,
            level: levelOf(a),
            status: VERIFIED,
            ...siteOf(account, a),
            ...(who
              ? { owner: { id: who.id, name: who.name, extension_number: Number(who.extension) } }
              : {}),
          };
        }),
      });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/emergency_addresses',
    handle: ({ account, body }) => {
      let userId: string | null = null;
      if (typeof body.user_id === 'string') {
        const phoneUser = account.findPhoneUser(body.user_id);
        if (!phoneUser) return zoomErrors.phoneUserNotFound(body.user_id);
        userId = phoneUser.userId;
      }
      const siteId = typeof body.site_id === 'string' ? body.site_id : null;
      if (siteId !== null && !account.site(siteId)) return zoomErrors.siteNotFound(siteId);
      if (userId === null && siteId === null)
        return zoomErrors.invalidField('site_id', 'site_id or user_id is required.');
      const created = account.addAddress({
        ...addressFields(body),
        id: account.newId('ea'),
        siteId: userId === null ? siteId : null,
        userId,
        isDefault: false,
      });
      const who = owner(account, created);
      return ok(
        {
          id: created.id,
          ...addressFields(created),
          is_default: false,
          level: levelOf(created),
          status: VERIFIED,
          ...siteOf(account, created),
          ...(who ? { owner: { id: who.id, name: who.name, extension_number: who.extension } } : {}),
        },
        201,
      );
    },
  },
];
