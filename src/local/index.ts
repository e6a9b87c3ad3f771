export { validateMessageBlocks, validateView } from './block-kit-validator.ts';
export { type Clock, ManualClock, systemClock } from './clock.ts';
export { slackSignature } from './driver.ts';
export { startFakeSlack } from './fake-slack.ts';
export type * from './types.ts';
