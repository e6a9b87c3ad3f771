import type { PhoneUserCard } from '../store/phone-users.ts';

/** The before/after values the audit log keeps for a phone user. No secrets live on a card. */
export function phoneUserSnapshot(card: PhoneUserCard) {
  return {
    site: card.site,
    extension: card.extension,
    status: card.status,
    plans: card.plans.map((plan) => plan.shortName),
    numbers: card.numbers,
  };
}

export const userRef = (card: { directoryUserId: number; email: string }) => ({
  directoryUserId: card.directoryUserId,
  email: card.email,
});

export const auditTarget = (card: { directoryUserId: number; email: string }) => ({
  targetType: 'user',
  targetId: String(card.directoryUserId),
  targetLabel: card.email,
});
