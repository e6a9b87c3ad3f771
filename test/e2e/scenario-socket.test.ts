import { afterEach, describe, expect, it } from 'vitest';
import { adminScenario } from '../support/admin-scenario.ts';
import { ADMIN_ID, CHANNEL, useSwitchboard } from '../support/e2e.ts';

/** The same admin scenario with the app in Socket Mode: everything arrives as envelopes on its WebSocket. */
const sb = useSwitchboard({ transport: 'socket' });

afterEach(() => {
  expect(sb.slack.violations()).toEqual([]);
});

adminScenario(sb);

describe('Socket Mode', () => {
  it('connects with the app-level token and receives everything over the socket', async () => {
    expect(sb.slack.socketConnections()).toBe(1);
    const ack = await sb.slack.slash({ user: ADMIN_ID, channel: CHANNEL, text: 'help' });
    expect(ack.status).toBe(200);
    await sb.slack.waitFor(() => sb.slack.ephemerals(ADMIN_ID, CHANNEL)[0]);
  });
});
