// `/tokens budget` lists the budgets in force; `/tokens budget set …` (admins only) sets one, replacing the policy
// file's for the same team, user or organisation and unit.
import { budgetInputSchema, formatAmount } from '../../../core';
import { budgetSetText, periodWord, scopeLabel } from '../../blocks/quota';
import { BUDGET_USAGE, parseBudgetArgs } from '../../quota/args';
import { syncBudgetSoon } from '../../litellm';
import { budgetsInForce } from '../../quota/budgets';
import { ArgumentError } from '../../spend/args';
import type { Subcommand } from './tokens';

export const budget: Subcommand = async ({ args, ack, bot, userId }) => {
  if (args.length === 0 || args[0]!.toLowerCase() === 'list') {
    const budgets = await budgetsInForce(bot.policy, bot.store);
    const lines = budgets.map(
      (b) =>
        `• ${scopeLabel(b)}: ${formatAmount({ unit: b.unit, amount: b.limit })} ${periodWord(b.period)}, alerts at ${b.thresholds.join(', ')}%${b.hardCapPercent === null ? '' : `, hard cap ${b.hardCapPercent}%`}`,
    );
    await ack({
      response_type: 'ephemeral',
      text: lines.length ? `*Budgets*\n${lines.join('\n')}` : `No budgets yet. Admins set one with ${BUDGET_USAGE}.`,
    });
    return;
  }
  if (!bot.config.admins.includes(userId)) {
    await ack({
      response_type: 'ephemeral',
      text: ':no_entry: Only admins can set budgets (TOKENWISE_ADMINS). Ask for more quota with `/tokens quota request`.',
    });
    return;
  }
  let input;
  try {
    input = parseBudgetArgs(args);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    await ack({ response_type: 'ephemeral', text: error.message });
    return;
  }
  const parsed = budgetInputSchema.safeParse({
    ...input,
    thresholds: input.thresholds ?? bot.policy.alerts.thresholds,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `• *${issue.path.join('.') || 'amount'}*: ${issue.message}`);
    await ack({ response_type: 'ephemeral', text: `Budget not set:\n${lines.join('\n')}\nUsage: ${BUDGET_USAGE}` });
    return;
  }
  await bot.store.setBudget(parsed.data, userId, bot.now());
  bot.log.info('budget set', {
    by: userId,
    scope: parsed.data.scope,
    subject: parsed.data.subject,
    unit: parsed.data.unit,
    limit: parsed.data.limit,
  });
  if (parsed.data.scope === 'team') syncBudgetSoon(bot, parsed.data.subject);
  await ack({ response_type: 'ephemeral', text: budgetSetText(parsed.data) });
};
