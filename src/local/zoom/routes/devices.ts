import type { ZoomAccount } from '../account.ts';
import { isZoomError, type ZoomError, zoomErrors } from '../errors.ts';
import type { Device, PhoneUser } from '../model.ts';
import { paginate } from '../pagination.ts';
import { noContent, ok, type Route } from './route.ts';

/** Zoom lets one person use at most three desk phones. */
const MAX_DEVICES_PER_USER = 3;

const normalMac = (mac: string) => mac.replace(/[:-]/g, '').toUpperCase();

function item(account: ZoomAccount, d: Device) {
  const assignees = d.assignees.flatMap((id) => {
    const user = account.users.get(id);
    const phoneUser = account.phoneUsers.get(id);
    if (!user || !phoneUser) return [];
    return [
      {
        id,
        name: `${user.firstName} ${user.lastName}`.trim(),
        extension_number: Number(phoneUser.extensionNumber),
        extension_id: phoneUser.extensionId,
        extension_type: 'user' as const,
      },
    ];
  });
  const [first] = assignees;
  return {
    id: d.id,
    display_name: d.displayName,
    mac_address: d.mac,
    device_type: d.model ? `${d.brand} ${d.model}` : d.brand,
    status: 'offline',
    site: { id: d.siteId, name: account.site(d.siteId)?.name ?? '' },
    ...(first
      ? {
          assignee: {
            id: first.id,
            name: first.name,
            extension_number: first.extension_number,
            extension_type: first.extension_type,
          },
          assignees,
        }
      : {}),
  };
}

export const devicesOf = (account: ZoomAccount, p: PhoneUser) =>
  [...account.devices.values()]
    .filter((d) => d.assignees.includes(p.userId))
    .map((d) => ({
      id: d.id,
      display_name: d.displayName,
      device_type: d.brand,
      mac_address: d.mac,
      status: 'offline' as const,
      policy: { call_control: { status: 'off' as const }, hot_desking: { status: 'off' as const } },
    }));

function assigneesFor(account: ZoomAccount, body: Record<string, unknown>): PhoneUser[] | ZoomError {
  const refs: { ref: string; byExtension: boolean }[] = [];
  if (typeof body.assigned_to === 'string') refs.push({ ref: body.assigned_to, byExtension: false });
  for (const id of (body.assignee_extension_ids as string[] | undefined) ?? [])
    refs.push({ ref: id, byExtension: true });
  const users: PhoneUser[] = [];
  for (const { ref, byExtension } of refs) {
    const p = byExtension ? account.findByExtensionId(ref) : account.findPhoneUser(ref);
    if (!p) return byExtension ? zoomErrors.extensionNotFound(ref) : zoomErrors.phoneUserNotFound(ref);
    const held = [...account.devices.values()].filter((d) => d.assignees.includes(p.userId)).length;
    if (held >= MAX_DEVICES_PER_USER) return zoomErrors.tooManyDevices(MAX_DEVICES_PER_USER);
    if (!users.includes(p)) users.push(p);
  }
  return users;
}

/** Desk phones: added by MAC address, optionally for a person, and removed. */
export const deviceRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/devices',
    handle: ({ account, params }) => {
      account.settle();
      const assigned = params.type === 'assigned';
      const all = [...account.devices.values()].filter(
        (d) =>
          d.assignees.length > 0 === assigned &&
          (params.site_id === undefined || d.siteId === params.site_id) &&
          (typeof params.keyword !== 'string' ||
            `${d.displayName} ${d.mac}`.toLowerCase().includes(params.keyword.toLowerCase())),
      );
      const query = JSON.stringify([params.type, params.site_id, params.keyword]);
      const page = paginate(all, Number(params.page_size ?? 30), params.next_page_token, query);
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({ ...rest, devices: items.map((d) => item(account, d)) });
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/devices',
    handle: ({ account, body }) => {
      const mac = normalMac(body.mac_address);
      if ([...account.devices.values()].some((d) => d.mac === mac))
        return zoomErrors.macTaken(body.mac_address);
      const siteId = typeof body.site_id === 'string' ? body.site_id : account.mainSiteId;
      if (!account.site(siteId)) return zoomErrors.siteNotFound(siteId);
      const assignees = assigneesFor(account, body);
      if (isZoomError(assignees)) return assignees;
      const device: Device = {
        id: account.newId('dv'),
        displayName: body.display_name,
        mac,
        brand: body.type,
        model: body.model ?? '',
        siteId,
        assignees: assignees.map((p) => p.userId),
      };
      account.devices.set(device.id, device);
      return ok({ id: device.id, display_name: device.displayName }, 201);
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/devices/{deviceId}',
    handle: ({ account, params }) => {
      const id = String(params.deviceId);
      if (!account.devices.delete(id)) return zoomErrors.deviceNotFound(id);
      return noContent();
    },
  },
  {
    doc: 'phone',
    method: 'POST',
    template: '/phone/devices/{deviceId}/extensions',
    handle: ({ account, params, body }) => {
      const device = account.devices.get(String(params.deviceId));
      if (!device) return zoomErrors.deviceNotFound(String(params.deviceId));
      const assignees = assigneesFor(account, { assignee_extension_ids: body.assignee_extension_ids });
      if (isZoomError(assignees)) return assignees;
      for (const p of assignees) if (!device.assignees.includes(p.userId)) device.assignees.push(p.userId);
      return ok({}, 201);
    },
  },
  {
    doc: 'phone',
    method: 'DELETE',
    template: '/phone/devices/{deviceId}/extensions/{extensionId}',
    handle: ({ account, params }) => {
      const device = account.devices.get(String(params.deviceId));
      if (!device) return zoomErrors.deviceNotFound(String(params.deviceId));
      const p = account.findByExtensionId(String(params.extensionId));
      if (!p || !device.assignees.includes(p.userId))
        return zoomErrors.extensionNotFound(String(params.extensionId));
      device.assignees = device.assignees.filter((id) => id !== p.userId);
      return noContent();
    },
  },
];
