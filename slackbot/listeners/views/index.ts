import type { App } from '@slack/bolt';
import type { BotContext } from '../../context';
import { registerQuotaViews } from './quota';

export function registerViews(app: App, bot: BotContext): void {
  registerQuotaViews(app, bot);
}
