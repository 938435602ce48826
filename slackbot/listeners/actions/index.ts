import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { publishHome } from '../events/home';
import { registerAlertActions } from './alerts';
import { registerBreakerActions } from './breaker';
import { registerQuotaActions } from './quota';

export function registerActions(app: App, bot: BotContext): void {
  app.action('home_refresh', async ({ ack, body, client }) => {
    await ack();
    await publishHome(client, body.user.id, bot);
  });
  registerQuotaActions(app, bot);
  registerAlertActions(app, bot);
  registerBreakerActions(app, bot);
}
