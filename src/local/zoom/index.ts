/**
 * The local Zoom Phone: `startZoomStandIn()` serves Server-to-Server OAuth (`oauthUrl`) and the Phone and Users
 * operations Switchboard calls (`apiUrl`, like https://api.zoom.us/v2) for one in-memory account. Seed it with
 * `seedUsers`, `seedNumbers`, `seedPlans` and `seedSite`; read it with `snapshot()`. Requests and answers are
 * checked against vendor/zoom; `violations()` lists what the documents forbid. Faults: `failNext`, `hangNext`,
 * `throttle`, `outage`, `expireTokens`, `setCreationDelay`.
 */

export type * from './types.ts';
export { startZoomStandIn } from './zoom-stand-in.ts';
