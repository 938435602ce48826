// `/tokens spend`: acknowledged at once, answered through response_url once the numbers are in.
import type { RespondFn } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { AmountOverflowError, BudgetError } from '../../../core';
import { helpBlocks } from '../../blocks/help';
import { spendBlocks, spendText } from '../../blocks/spend';
import { spendContext, type BotContext } from '../../context';
import { ArgumentError, parseSpendArgs, type SpendArgs } from '../../spend/args';
import { spendReport } from '../../spend/report';
import type { Subcommand } from './tokens';

export const spend: Subcommand = async ({ args, ack, respond, client, bot, userId }) => {
  let parsed: SpendArgs;
  try {
    parsed = parseSpendArgs(args);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    await ack({ response_type: 'ephemeral', text: error.message, blocks: helpBlocks(error.message) });
    return;
  }
  await ack();
  await answer(parsed, respond, client, bot, userId);
};

async function answer(
  args: SpendArgs,
  respond: RespondFn,
  client: webApi.WebClient,
  bot: BotContext,
  userId: string,
): Promise<void> {
  try {
    const report = await spendReport(args, spendContext(bot, client));
    await respond({
      response_type: args.public ? 'in_channel' : 'ephemeral',
      text: spendText(report),
      blocks: spendBlocks(report),
    });
  } catch (error) {
    // A range core rejects (e.g. 2026-13) is the user's to fix; anything else is ours, and logged.
    const theirs = error instanceof BudgetError;
    if (!theirs) bot.log.error('spend failed', { user: userId, error });
    const message = theirs
      ? error.message
      : error instanceof AmountOverflowError
        ? `I can't show this exactly: ${error.message}.`
        : 'Something went wrong on my side; it has been logged.';
    await respond({ response_type: 'ephemeral', text: message, blocks: helpBlocks(message) });
  }
}
