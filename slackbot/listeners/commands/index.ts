import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { tokens } from './tokens';

export function registerCommands(app: App, bot: BotContext): void {
  app.command('/tokens', async ({ command, ack, respond, client }) => tokens({ command, ack, respond, client, bot }));
}
