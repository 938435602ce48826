import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { publishHome } from './home';

export function registerEvents(app: App, bot: BotContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab === 'home') await publishHome(client, event.user, bot);
  });
}
