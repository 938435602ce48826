// An alert's "View spend" button: answers the clicker, ephemerally, with the `/tokens spend` report its value names.
import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { ALERT_ACTIONS } from '../../blocks/alerts';
import { spendBlocks, spendText } from '../../blocks/spend';
import { spendContext, type BotContext } from '../../context';
import { ArgumentError, parseSpendArgs } from '../../spend/args';
import { spendReport } from '../../spend/report';

const valueSchema = z.array(z.string().max(256)).max(8);

export function registerAlertActions(app: App, bot: BotContext): void {
  app.action<BlockButtonAction>(ALERT_ACTIONS.viewSpend, async ({ ack, action, body, respond, client }) => {
    await ack();
    let args;
    try {
      args = parseSpendArgs(valueSchema.parse(JSON.parse(action.value ?? '')));
    } catch (error) {
      // Only a payload we did not build gets here; it changes nothing.
      if (!(error instanceof SyntaxError || error instanceof z.ZodError || error instanceof ArgumentError)) throw error;
      bot.log.warn('view spend: unreadable button value', { user: body.user.id });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That button is out of date; try `/tokens spend`.',
      });
      return;
    }
    const report = await spendReport(args, spendContext(bot, client));
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: spendText(report),
      blocks: spendBlocks(report),
    });
  });
}
