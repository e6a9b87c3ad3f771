import type { ZoomAccount } from './account.ts';
import type { ZoomSnapshot } from './types.ts';

/** The account as plain objects for tests and the demo to read; a copy, so nothing read can change it. */
export function snapshotOf(account: ZoomAccount): ZoomSnapshot {
  account.settle();
  const numberOf = (id: string) => account.numbers.get(id)?.number ?? id;
  return structuredClone({
    users: [...account.users.values()].map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      zoomPhone: u.zoomPhone,
      phoneUserPending: u.phoneDueAt !== null,
    })),
    phoneUsers: [...account.phoneUsers.values()].map((p) => ({
      userId: p.userId,
      email: account.users.get(p.userId)?.email ?? '',
      phoneUserId: p.phoneUserId,
      extensionId: p.extensionId,
      extensionNumber: p.extensionNumber,
      siteId: p.siteId,
      siteName: account.site(p.siteId)?.name ?? '',
      plans: p.plans,
      numbers: p.numberIds.map(numberOf),
      callerIdNumbers: p.customizedNumberIds.map(numberOf),
      status: p.status,
      emergencyAddressId: p.emergencyAddressId,
      settings: p.settings,
      blockedRules: p.blockedRules,
      callHandling: p.callHandling,
    })),
    numbers: [...account.numbers.values()],
    plans: [...account.plans.values()].map((p) => ({ ...p, available: p.subscribed - p.assigned })),
    devices: [...account.devices.values()],
    sites: [...account.sites.values()].map((s) => ({
      id: s.id,
      name: s.name,
      siteCode: s.siteCode,
      shortExtensionLength: s.shortExtensionLength,
      main: s.main,
      emergencyAddressId: s.emergencyAddressId,
    })),
  });
}
