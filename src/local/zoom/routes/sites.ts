import { isZoomError, zoomErrors } from '../errors.ts';
import { paginate } from '../pagination.ts';
import { noContent, ok, type Route } from './route.ts';

/** Sites: the main one exists from the start; others are created and renamed through the API. */
export const siteRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/sites',
    handle: ({ account, params }) => {
      const name = typeof params.site_name === 'string' ? params.site_name.toLowerCase() : '';
      const all = [...account.sites.values()].filter((s) => s.name.toLowerCase().includes(name));
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, name);
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({
        ...rest,
        sites: items.map((s) => ({
          id: s.id,
          name: s.name,
          ...(s.siteCode === null ? {} : { site_code: s.siteCode }),
          country: { code: 'US', name: 'United States' },
          main_auto_receptionist: { id: s.autoReceptionistId, name: `${s.name} Auto Receptionist` },
        })),
      });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/sites',
    handle: ({ account, body }) => {
      const refused = account.checkNewSite(body.name, body.site_code);
      if (refused) return refused;
      const length = body.short_extension?.length;
      if (length !== undefined && !(Number.isInteger(length) && length >= 2 && length <= 6))
        return zoomErrors.invalidField('short_extension.length', 'The length must be from 2 to 6.');
      const site = account.addSite(
        { name: body.name, siteCode: body.site_code, shortExtensionLength: length },
        body.default_emergency_address,
      );
      return ok({ id: site.id, name: site.name }, 201);
    },
  },
  {
    doc: 'phone',
    method: 'PATCH',
    template: '/phone/sites/{siteId}',
    handle: ({ account, params, body }) => {
      const site = account.site(String(params.siteId));
      if (!site) return zoomErrors.sitePathNotFound(String(params.siteId));
      const refused = account.checkNewSite(body?.name ?? site.name, body?.site_code, site.id);
      if (refused) return refused;
      const length = body?.short_extension?.length;
      const lengthChanges = length !== undefined && length !== site.shortExtensionLength;
      const codeChanges = body?.site_code !== undefined && body.site_code !== site.siteCode;
      // Extensions are built from the code and the short length: changing either under existing users would
      // renumber them, which Zoom does not do through this call.
      if (
        (lengthChanges || codeChanges) &&
        [...account.phoneUsers.values()].some((p) => p.siteId === site.id)
      )
        return zoomErrors.siteLengthLocked();
      if (lengthChanges) site.shortExtensionLength = length;
      if (typeof body?.name === 'string') site.name = body.name;
      if (typeof body?.site_code === 'number') site.siteCode = body.site_code;
      return noContent();
    },
  },
];
