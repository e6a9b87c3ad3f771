import type { Result } from '../../domain/result.ts';
import type { Route } from '../../domain/settings.ts';
import type { UserRef } from '../../domain/user-ref.ts';
import { type PhoneUserCard, personOf } from '../../store/phone-users.ts';
import { type PhoneUserSettings, readSettings, type SettingsPatch } from '../../store/settings.ts';
import { type Actor, type Deps, fail, runChange } from '../context.ts';
import { findPhoneUser } from '../find-phone-user.ts';
import { auditTarget } from '../snapshots.ts';
import { applySettings } from './core.ts';

export const MAX_COPY_TARGETS = 100;

/** The basic settings one user's copy gives another, as the settings row names them. */
export const COPIED_FIELDS = [
  'businessHours',
  'closedHours',
  'ringMode',
  'routes',
  'forwardNumbers',
  'unanswered',
  'holdMusic',
  'language',
  'areaCode',
] as const satisfies readonly (keyof SettingsPatch)[];

export type SettingsCopied = { from: PhoneUserCard; to: PhoneUserCard[] };

/**
 * The routes a copy gives: the source's apps and forward routes, in its order, then the target's own desk-phone
 * routes as they were (a desk phone belongs to one person, so its route is never copied).
 */
export function copiedRoutes(source: readonly Route[], target: readonly Route[]): Route[] {
  return [
    ...source.filter((route) => route.kind !== 'desk_phone'),
    ...target.filter((route) => route.kind === 'desk_phone'),
  ];
}

export function copiedPatch(source: PhoneUserSettings, target: PhoneUserSettings): SettingsPatch {
  return {
    businessHours: source.businessHours,
    closedHours: source.closedHours,
    ringMode: source.ringMode,
    routes: copiedRoutes(source.routes, target.routes),
    forwardNumbers: source.forwardNumbers,
    unanswered: source.unanswered,
    holdMusic: source.holdMusic,
    language: source.language,
    areaCode: source.areaCode,
  };
}

/**
 * Copies one phone user's basic settings (hours, closed hours, ring mode and routes, forward numbers, unanswered
 * action and greeting, hold music, language, area code) to 1 to 100 others, in one transaction: all of them or
 * none. Each target is audited before and after; the source's history notes whom it was copied to. Greetings and
 * hold music are shared, not duplicated: the targets play the same audio files (and when the source loses their
 * license, files that others still play move to the account library: see keepSharedAudio).
 */
export async function copySettings(
  deps: Deps,
  actor: Actor,
  fromRef: UserRef,
  userRefs: readonly UserRef[],
): Promise<Result<SettingsCopied>> {
  return runChange(deps, actor, 'copy', async (tx, rec) => {
    if (userRefs.length === 0) fail({ code: 'NO_USERS' });
    if (userRefs.length > MAX_COPY_TARGETS) {
      fail({ code: 'TOO_MANY_USERS', requested: userRefs.length, max: MAX_COPY_TARGETS });
    }
    const from = await findPhoneUser(tx, fromRef);
    const targets = new Map<number, PhoneUserCard>();
    for (const ref of userRefs) {
      const card = await findPhoneUser(tx, ref);
      if (card.phoneUserId === from.phoneUserId) fail({ code: 'COPY_TO_SELF', user: personOf(from) });
      targets.set(card.phoneUserId, card);
    }
    const source = await readSettings(tx, from.phoneUserId);
    for (const card of targets.values()) {
      const settings = await readSettings(tx, card.phoneUserId);
      await applySettings(
        tx,
        rec,
        { card, settings, byAdmin: true },
        'settings.copied',
        copiedPatch(source, settings),
      );
    }
    const to = [...targets.values()];
    rec.audit({
      action: 'settings.copied_to',
      ...auditTarget(from),
      before: null,
      after: { to: to.map((card) => card.email), fields: [...COPIED_FIELDS] },
    });
    return { from, to };
  });
}
