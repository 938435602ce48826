// Budget alerts: thresholds crossed (each posted once per budget, period and threshold) and a projected overrun
// before the period ends (once per budget and period). The store's claimAlert is the dedupe, so a restart or a
// second instance never posts the same alert twice; a claim is made only where there is a channel to post to, and
// given back when no channel took the post.
import type { webApi } from '@slack/bolt';
import { daysIn, forecastPeriod, type Budget, type ThresholdCrossing } from '../../core';
import { forecastBlocks, forecastText, thresholdBlocks, thresholdText } from '../blocks/alerts';
import type { BotContext } from '../context';
import { budgetsInForce, budgetStatuses, type BudgetStatus } from '../quota/budgets';
import { tokensOf } from '../spend/report';
import { alertChannels, postAlert } from './channels';
import { concerns, type AlertSubjects, type Identities } from './subjects';

const DAY_MS = 86_400_000;
/** Complete days before the period that inform the forecast's rate on its first days (as /tokens spend does). */
const RATE_DAYS = 14;

const subjectKey = (budget: Budget) => `${budget.scope}:${encodeURIComponent(budget.subject)}:${budget.unit}`;

export async function thresholdAlerts(
  bot: BotContext,
  client: webApi.WebClient,
  statuses: readonly BudgetStatus[],
): Promise<number> {
  let sent = 0;
  const now = bot.now();
  for (const status of statuses) {
    const channels = alertChannels(bot, status.budget.scope, status.budget.subject);
    if (status.crossed.length === 0 || channels.length === 0) continue;
    const claimed: ThresholdCrossing[] = [];
    for (const crossing of status.crossed) if (await bot.store.claimAlert(crossing.key, now)) claimed.push(crossing);
    // After downtime several thresholds may be new at once: one message names the highest.
    if (claimed.length === 0) continue;
    const alert = {
      budget: status.budget,
      threshold: Math.max(...claimed.map((crossing) => crossing.threshold)),
      periodKey: status.period.key,
      limit: status.limit,
      used: status.used,
      overHardCap: status.overHardCap,
    };
    if (
      await postAlert(
        bot,
        client,
        claimed.map((crossing) => crossing.key),
        channels,
        thresholdText(alert),
        thresholdBlocks(alert),
      )
    )
      sent++;
  }
  return sent;
}

export async function forecastAlerts(
  bot: BotContext,
  client: webApi.WebClient,
  statuses: readonly BudgetStatus[],
  identities: Identities,
): Promise<number> {
  let sent = 0;
  const now = bot.now();
  for (const status of statuses) {
    const { budget, period } = status;
    const channels = alertChannels(bot, budget.scope, budget.subject);
    if (channels.length === 0 || status.used >= status.limit) continue;
    const days = daysIn(
      { start: new Date(period.start.getTime() - RATE_DAYS * DAY_MS), end: period.end },
      bot.timeZone,
    );
    const filter =
      budget.scope === 'organization'
        ? undefined
        : {
            dimension: budget.scope,
            values: budget.scope === 'user' ? await identities(budget.subject) : [budget.subject],
          };
    const rows = await bot.store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by: 'team', filter });
    const series = rows.map((row) => ({ day: row.day, amount: budget.unit === 'usd' ? row.costNanos : tokensOf(row) }));
    const forecast = forecastPeriod({ series, period, now, limit: status.limit });
    if (!forecast.projectedOverrunAt || forecast.overLimit) continue;
    const claim = `forecast:${subjectKey(budget)}:${period.key}`;
    if (!(await bot.store.claimAlert(claim, now))) continue;
    const alert = {
      budget,
      periodKey: period.key,
      periodEnd: period.end,
      limit: status.limit,
      used: forecast.actual,
      projectedTotal: forecast.projectedTotal,
      overrunAt: forecast.projectedOverrunAt,
      timeZone: bot.timeZone,
    };
    if (await postAlert(bot, client, [claim], channels, forecastText(alert), forecastBlocks(alert))) sent++;
  }
  return sent;
}

/** Every budget in force with its status now; with `subjects`, only those their new usage concerns. */
export async function currentStatuses(
  bot: BotContext,
  identities: Identities,
  subjects?: AlertSubjects,
): Promise<BudgetStatus[]> {
  const budgets: Budget[] = [];
  for (const budget of await budgetsInForce(bot.policy, bot.store))
    if (!subjects || (await concerns(budget, subjects, identities))) budgets.push(budget);
  return budgetStatuses(budgets, identities, { store: bot.store, timeZone: bot.timeZone, now: bot.now() });
}
