import type { ZoomCall } from './calls.ts';

/**
 * What a plan says to do for one person.
 * - `calls`: run these in order (none: Zoom already holds the line). `complete` is false when the calls are only a
 *   first step whose result the next steps need (Zoom creating the line, or an address id): read and plan again
 *   after them. `notes` name what Switchboard wants but this plan cannot apply, in words for an admin.
 * - `wait`: nothing to do yet; Zoom is still making something the line needs. Read and plan again later.
 * - `refuse`: Zoom cannot hold this line as it is; an admin must change the line or the Zoom account first.
 */
export type ZoomPlan =
  | { kind: 'calls'; calls: ZoomCall[]; complete: boolean; notes: string[] }
  | { kind: 'wait'; code: WaitCode; reason: string }
  | { kind: 'refuse'; code: RefusalCode; reason: string };

export type WaitCode = 'PHONE_USER_NOT_CREATED' | 'NUMBER_HELD_ELSEWHERE';

export type RefusalCode =
  | 'ZOOM_USER_MISSING'
  | 'ZOOM_USER_NOT_ACTIVE'
  | 'SITE_UNKNOWN'
  | 'SITE_CODE_DIFFERS'
  | 'PLAN_UNKNOWN'
  | 'PLAN_NONE_LEFT'
  | 'NUMBER_UNKNOWN'
  | 'TOO_MANY_NUMBERS';

export type Refusal = Extract<ZoomPlan, { kind: 'refuse' }>;
export type Wait = Extract<ZoomPlan, { kind: 'wait' }>;

export const refuse = (code: RefusalCode, reason: string): Refusal => ({ kind: 'refuse', code, reason });
export const wait = (code: WaitCode, reason: string): Wait => ({ kind: 'wait', code, reason });
