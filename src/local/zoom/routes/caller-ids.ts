import type { ZoomAccount } from '../account.ts';
import { isZoomError, zoomErrors } from '../errors.ts';
import type { PhoneNumber } from '../model.ts';
import { paginate } from '../pagination.ts';
import { ok, phoneUserOf, type Route } from './route.ts';

function item(account: ZoomAccount, n: PhoneNumber) {
  const site = account.site(n.autoReceptionistOf ?? n.siteId);
  return {
    customize_id: `cn${n.id}`,
    phone_number_id: n.id,
    phone_number: n.number,
    display_name: '',
    incoming: true,
    outgoing: true,
    extension_id: site?.autoReceptionistId ?? '',
    extension_type: 'autoReceptionist',
    extension_name: `${site?.name ?? ''} Auto Receptionist`,
    site: { id: site?.id ?? '', name: site?.name ?? '' },
  };
}

/** The company numbers a person may pick as caller ID: their list, and additions to it. */
export const callerIdRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/users/{userId}/outbound_caller_id/customized_numbers',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const { account, params } = ctx;
      // `selected=false` lists the company numbers still to pick; otherwise the person's list.
      const company = [...account.numbers.values()].filter((n) => n.autoReceptionistOf !== null);
      const picked = params.selected === false;
      const all = company.filter((n) => p.customizedNumberIds.includes(n.id) !== picked);
      const page = paginate(
        all,
        Number(params.page_size ?? 30),
        params.next_page_token,
        String(params.selected),
      );
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({ ...rest, customize_numbers: items.map((n) => item(account, n)) });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/users/{userId}/outbound_caller_id/customized_numbers',
    handle: (ctx) => {
      const p = phoneUserOf(ctx);
      if (isZoomError(p)) return p;
      const ids: string[] = ctx.body?.phone_number_ids ?? [];
      for (const id of ids) {
        const number = ctx.account.numbers.get(id);
        if (!number || number.autoReceptionistOf === null) return zoomErrors.notCompanyNumber(id);
      }
      for (const id of ids) if (!p.customizedNumberIds.includes(id)) p.customizedNumberIds.push(id);
      return { status: 201 };
    },
  },
];
