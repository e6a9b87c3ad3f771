import type { ZoomAccount } from '../account.ts';
import { isZoomError, zoomErrors } from '../errors.ts';
import type { PhoneNumber } from '../model.ts';
import { paginate } from '../pagination.ts';
import { noContent, ok, phoneUserOf, type Route } from './route.ts';

function item(account: ZoomAccount, n: PhoneNumber) {
  const assignee = n.assignee ? account.phoneUsers.get(n.assignee) : undefined;
  const user = n.assignee ? account.users.get(n.assignee) : undefined;
  return {
    id: n.id,
    number: n.number,
    display_name: '',
    number_type: 'toll',
    source: 'internal',
    status: 'available',
    capability: ['incoming', 'outgoing'],
    site: { id: n.siteId, name: account.site(n.siteId)?.name ?? '' },
    ...(n.autoReceptionistOf === null ? {} : { assignee: receptionist(account, n.autoReceptionistOf) }),
    ...(assignee && user
      ? {
          assignee: {
            id: user.id,
            name: `${user.firstName} ${user.lastName}`.trim(),
            extension_number: Number(assignee.extensionNumber),
            type: 'user',
          },
        }
      : {}),
  };
}

function receptionist(account: ZoomAccount, siteId: string) {
  const site = account.site(siteId);
  return {
    id: site?.autoReceptionistId ?? '',
    name: `${site?.name ?? ''} Auto Receptionist`,
    type: 'autoReceptionist',
  };
}

function matches(n: PhoneNumber, params: Record<string, unknown>): boolean {
  const type = params.type ?? 'all';
  const held = n.assignee !== null || n.autoReceptionistOf !== null;
  if (type === 'assigned' && !held) return false;
  if (type === 'unassigned' && held) return false;
  if (type === 'byoc') return false;
  if (params.extension_type === 'user' && n.assignee === null) return false;
  if (params.extension_type === 'autoReceptionist' && n.autoReceptionistOf === null) return false;
  if (
    params.extension_type !== undefined &&
    !['user', 'autoReceptionist'].includes(String(params.extension_type))
  )
    return false;
  if (params.number_type === 'tollfree') return false;
  if (params.site_id !== undefined && n.siteId !== params.site_id) return false;
  if (typeof params.phone_number === 'string' && !n.number.includes(params.phone_number)) return false;
  return true;
}

/** Direct numbers: the account's list, and a phone user's own ones. */
export const numberRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/numbers',
    handle: ({ account, params }) => {
      account.settle();
      const all = [...account.numbers.values()].filter((n) => matches(n, params));
      const query = JSON.stringify([
        params.type,
        params.extension_type,
        params.number_type,
        params.site_id,
        params.phone_number,
      ]);
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, query);
      if (isZoomError(page)) return page;
      const { items, total_records, next_page_token, page_size } = page;
      return ok({
        next_page_token,
        page_size,
        total_records,
        phone_numbers: items.map((n) => item(account, n)),
      });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/users/{userId}/phone_numbers',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const wanted: { id?: string; number?: string }[] = ctx.body?.phone_numbers ?? [];
      const refs: string[] = [];
      for (const [i, w] of wanted.entries()) {
        const ref = w.id ?? w.number;
        if (!ref) return zoomErrors.invalidField(`phone_numbers[${i}]`, 'id or number is required.');
        refs.push(ref);
      }
      const assigned = ctx.account.assignNumbers(p, refs);
      if (isZoomError(assigned)) return assigned;
      return ok({ phone_numbers: assigned.map((n) => ({ id: n.id, number: n.number })) });
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/users/{userId}/phone_numbers/{phoneNumberId}',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      return ctx.account.unassignNumber(p, String(ctx.params.phoneNumberId)) ?? noContent();
    },
  },
];
