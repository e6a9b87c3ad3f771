import type {
  BusinessHours,
  ClosedHoursAction,
  ForwardNumber,
  HoldMusic,
  RingMode,
  Route,
  UnansweredAction,
} from './settings.ts';

/**
 * The basic settings: what copying one phone user's settings to another gives (`/phone copy`, the `Copy Settings
 * From` column, `copy:` on an upload). Everything else is the person's own and never copied: forward numbers,
 * desk phones, delegations, the blocked list, the voicemail PIN, caller ID and the emergency address.
 */
export const BASIC_SETTINGS = [
  'businessHours',
  'closedHours',
  'unanswered',
  'ringMode',
  'routes',
  'holdMusic',
  'language',
  'areaCode',
] as const;
export type BasicSettingKey = (typeof BASIC_SETTINGS)[number];

export type BasicSettings = {
  businessHours: BusinessHours;
  /** The closed-hours action, with its greeting or message when it has one. */
  closedHours: ClosedHoursAction;
  /** The unanswered action, with its voicemail greeting. */
  unanswered: UnansweredAction;
  ringMode: RingMode;
  routes: Route[];
  holdMusic: HoldMusic;
  language: string;
  areaCode: string | null;
};

/** What the copy needs to know of the person copied to: what rings for them and where they forward. */
export type CopyTarget = { routes: readonly Route[]; forwardNumbers: readonly ForwardNumber[] };

/** A setting a target kept as it was, and why: the source's value would need something the target lacks. */
export type KeptSetting = { setting: 'closedHours'; reason: 'no_forward_numbers' };

/** The settings to write (a kept one is left out) and the ones the target kept. */
export type CopiedSettings = { settings: Partial<BasicSettings>; kept: KeptSetting[] };

/**
 * The basic settings `source` gives `target`, with whatever the target must keep:
 * - routes: only the routes that exist for the target. The apps route takes the source's ring time and on/off;
 *   the target's desk-phone and forward routes (their own devices and numbers) stay as they were, in their order.
 *   The source's desk phones and forward numbers are not the target's, so their routes are not copied. If that
 *   would leave nothing ringing, the apps route stays on.
 * - closed hours that forward calls go to the target's own forward numbers; a target with none keeps their own
 *   closed hours (forwarding to nowhere would drop every call out of hours).
 */
export function copyBasicSettings(source: BasicSettings, target: CopyTarget): CopiedSettings {
  const settings: Partial<BasicSettings> = {
    businessHours: source.businessHours,
    closedHours: source.closedHours,
    unanswered: source.unanswered,
    ringMode: source.ringMode,
    routes: copiedRoutes(source.routes, target.routes),
    holdMusic: source.holdMusic,
    language: source.language,
    areaCode: source.areaCode,
  };
  const kept: KeptSetting[] = [];
  if (source.closedHours.action === 'forward' && target.forwardNumbers.length === 0) {
    delete settings.closedHours;
    kept.push({ setting: 'closedHours', reason: 'no_forward_numbers' });
  }
  return { settings, kept };
}

/** The target's routes with the source's apps route (ring time, on or off); nothing left ringing keeps apps on. */
export function copiedRoutes(source: readonly Route[], target: readonly Route[]): Route[] {
  const apps = source.find((route) => route.kind === 'apps');
  const routes = target.map((route) =>
    route.kind === 'apps' && apps
      ? { ...route, enabled: apps.enabled, ringSeconds: apps.ringSeconds }
      : route,
  );
  if (routes.some((route) => route.enabled)) return routes;
  return routes.map((route) => (route.kind === 'apps' ? { ...route, enabled: true } : route));
}
