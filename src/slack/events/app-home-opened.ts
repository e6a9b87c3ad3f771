import type { App } from '@slack/bolt';
import { homeContent } from '../../services/dashboard.ts';
import { homeView } from '../blocks/home.ts';
import { onEvent } from '../listener.ts';
import type { Runtime } from '../runtime.ts';

/** Each time someone opens the app's Home tab, it is drawn afresh for them. */
export function registerAppHomeOpened(app: App, runtime: Runtime): void {
  onEvent(app, runtime, 'app_home_opened', {
    name: 'Home tab',
    run: async (deps, { event, client }) => {
      if (event.tab !== 'home') return;
      const content = await homeContent(deps, { slackUserId: event.user });
      if (!content.ok) return;
      await client.views.publish({ user_id: event.user, view: homeView(content.value) });
    },
  });
}
