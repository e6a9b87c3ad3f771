/**
 * The Zoom Phone plan: what to send Zoom for one person, as data. The executor reads, for a person,
 * `GET /users/{email}` (404: no user), `GET /users/{userId}/settings`, `GET /phone/users/{userId}` (404: no line
 * yet), `GET /phone/users/{userId}/settings`, `GET /phone/users/{userId}/outbound_caller_id/customized_numbers`,
 * `GET /phone/emergency_addresses?user_id=` and `GET /phone/extension/{extensionId}/inbound_blocked/rules`; and
 * for the account, `GET /phone/sites`, `GET /phone/calling_plans`, `GET /phone/numbers` (the line's numbers and
 * caller ID), `GET /phone/users/{email}` per assistant, `GET /phone/devices` (the line's MACs) and
 * `GET /phone/emergency_addresses?site_id=` (the line's site). `readSnapshot` and `readContext` turn the answers
 * into the plan's input; `planReconcile` says what to send; the executor sends it in order.
 */
export type { SettingsBody, ZoomCall, ZoomCallLabel } from './calls.ts';
export { loggableCall, NUMBERS_PER_CALL } from './calls.ts';
export type { ZoomBusinessHours, ZoomDayHours } from './hours.ts';
export type { RefusalCode, WaitCode, ZoomPlan } from './outcome.ts';
export { MAX_NUMBERS_PER_USER, planReconcile } from './plan.ts';
export type { AccountReads, PersonReads } from './read-snapshot.ts';
export { readContext, readSnapshot } from './read-snapshot.ts';
export type {
  ZoomAccountNumber,
  ZoomAddress,
  ZoomBlockedRule,
  ZoomCallingPlan,
  ZoomContext,
  ZoomPhoneSettings,
  ZoomPhoneUser,
  ZoomSite,
  ZoomSnapshot,
} from './snapshot.ts';
