// Every listener folder registers its own handlers; a new folder (views, …) adds one line here.
import type { App } from '@slack/bolt';
import type { BotContext } from '../context';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerViews } from './views';

export function registerListeners(app: App, bot: BotContext): void {
  registerCommands(app, bot);
  registerActions(app, bot);
  registerEvents(app, bot);
  registerViews(app, bot);
}
