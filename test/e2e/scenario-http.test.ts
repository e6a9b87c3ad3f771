import { afterEach, expect } from 'vitest';
import { adminScenario } from '../support/admin-scenario.ts';
import { useSwitchboard } from '../support/e2e.ts';

/** The admin scenario over signed HTTP requests to /slack/events. */
const sb = useSwitchboard({ transport: 'http' });

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
  expect(sb.slack.socketConnections()).toBe(0);
});

adminScenario(sb);
