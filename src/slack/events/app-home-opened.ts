import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeContent } from '../../services/dashboard.ts';
import { homeView } from '../blocks/home.ts';
import type { Runtime } from '../runtime.ts';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** Each time someone opens the app's Home tab, it is drawn afresh for them. */
export function registerAppHomeOpened(app: App, runtime: Runtime): void {
  app.event('app_home_opened', async ({ event, client, logger }: Args) => {
    if (event.tab !== 'home') return;
    const deps = runtime.deps();
    if (!deps) return;
    try {
      const content = await homeContent(deps, { slackUserId: event.user });
      if (!content.ok) return;
      await client.views.publish({ user_id: event.user, view: homeView(content.value) });
    } catch (error) {
      logger.error('Home tab failed', error);
    }
  });
}
