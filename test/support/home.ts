import { expect } from 'vitest';
import { type useSwitchboard, visibleText } from './e2e.ts';

/** Opens the app's Home tab as `user`, as Slack does (an app_home_opened event), and returns what it shows. */
export async function openHome(sb: ReturnType<typeof useSwitchboard>, user: string): Promise<string> {
  const ack = await sb.slack.deliverEvent({
    type: 'app_home_opened',
    user,
    channel: sb.slack.dmChannel(user),
    tab: 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  });
  expect(ack.status).toBe(200);
  const view = await sb.slack.waitFor(() => sb.slack.homeView(user));
  return visibleText({ text: '', blocks: view.blocks as unknown[] });
}
