import type { ZoomSnapshot } from './types.ts';

/**
 * What the local workspace's page shows of the local Zoom Phone: who has a line, the plans and the numbers. Every
 * field is picked by name, so nothing secret (the voicemail PIN, the account's credentials) can slip in when the
 * snapshot grows.
 */
export type PhoneSystemView = {
  phoneUsers: {
    name: string;
    email: string;
    /** Empty while Zoom is still creating the line. */
    extension: string;
    site: string;
    plans: string[];
    numbers: string[];
    status: 'active' | 'inactive' | 'creating';
  }[];
  plans: { name: string; subscribed: number; assigned: number; available: number }[];
  numbers: { number: string; site: string; assignedTo: string | null; autoReceptionist: boolean }[];
  /** Zoom users without Zoom Phone: the people a license would give a line to. */
  withoutPhone: { name: string; email: string }[];
};

export function phoneSystemViewOf(snapshot: ZoomSnapshot): PhoneSystemView {
  const people = new Map(snapshot.users.map((u) => [u.id, u]));
  const nameOf = (userId: string) => {
    const user = people.get(userId);
    return user ? `${user.firstName} ${user.lastName}`.trim() || user.email : userId;
  };
  const planName = new Map(snapshot.plans.map((p) => [p.type, p.name]));
  const siteName = new Map(snapshot.sites.map((s) => [s.id, s.name]));
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

  const lines = snapshot.phoneUsers.map((p) => ({
    name: nameOf(p.userId),
    email: p.email,
    extension: p.extensionNumber,
    site: p.siteName,
    plans: p.plans.map((type) => planName.get(type) ?? `plan ${type}`),
    numbers: [...p.numbers],
    status: p.status === 'activate' ? ('active' as const) : ('inactive' as const),
  }));
  const creating = snapshot.users
    .filter((u) => u.phoneUserPending)
    .map((u) => ({
      name: nameOf(u.id),
      email: u.email,
      extension: '',
      site: '',
      plans: [],
      numbers: [],
      status: 'creating' as const,
    }));

  return {
    phoneUsers: [...lines, ...creating].sort(byName),
    plans: snapshot.plans.map((p) => ({
      name: p.name,
      subscribed: p.subscribed,
      assigned: p.assigned,
      available: p.available,
    })),
    numbers: snapshot.numbers
      .map((n) => ({
        number: n.number,
        site: siteName.get(n.siteId) ?? '',
        assignedTo: n.assignee === null ? null : nameOf(n.assignee),
        autoReceptionist: n.autoReceptionistOf !== null,
      }))
      .sort((a, b) => a.number.localeCompare(b.number)),
    withoutPhone: snapshot.users
      .filter((u) => !u.zoomPhone)
      .map((u) => ({ name: nameOf(u.id), email: u.email }))
      .sort(byName),
  };
}
