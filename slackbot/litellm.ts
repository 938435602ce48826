// Optional: keeps a LiteLLM proxy's team budgets in step with the approved ones. With LITELLM_URL and LITELLM_KEY
// set, a team's dollar budget in force (base quota plus the grants in force) goes to `POST /team/update` as
// `max_budget` (USD) with a `budget_duration` matching the budget's period. LiteLLM has no token budgets, so
// token budgets are not synced. The update sets values, so retrying it is safe.
import { effectiveQuota, NANOS_PER_USD, type PeriodKind } from '../core';
import type { BotContext } from './context';
import { createClient, postWithRetry, type RetryOptions } from './outbound';
import { budgetsInForce } from './quota/budgets';

/** LiteLLM's budget_duration values ("1d", "7d", "1mo"); LiteLLM resets on its own clock from the update. */
export const BUDGET_DURATION: Record<PeriodKind, string> = { day: '1d', week: '7d', month: '1mo' };

export const LITELLM_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export interface TeamUpdate {
  team_id: string;
  max_budget: number;
  budget_duration: string;
}

/** The update the team's dollar budget in force calls for, or undefined when the team has none. */
export async function teamUpdate(bot: BotContext, team: string): Promise<TeamUpdate | undefined> {
  const budget = (await budgetsInForce(bot.policy, bot.store)).find(
    (b) => b.scope === 'team' && b.subject === team && b.unit === 'usd',
  );
  if (!budget) return undefined;
  const now = bot.now();
  const grants = await bot.store.grantsInForce(now, { scope: 'team', subject: team, unit: 'usd' });
  // Dollars to the cent LiteLLM shows, from integer nano-dollars.
  const maxBudget = Math.round(effectiveQuota(budget, grants, now) / (NANOS_PER_USD / 100)) / 100;
  return { team_id: team, max_budget: maxBudget, budget_duration: BUDGET_DURATION[budget.period] };
}

const lastSynced = new WeakMap<BotContext, Map<string, string>>();

/**
 * Sends the team's budget in force to LiteLLM, when configured and changed since the last successful sync from
 * this process (`force` sends it anyway). `syncBudgetSoon` calls it after a budget is set or a request decided; the
 * alerts job also calls it for every team on each full run, which carries temporary increases' expiry over by itself.
 */
export async function syncBudget(
  bot: BotContext,
  team: string,
  options: { force?: boolean; retry?: RetryOptions } = {},
): Promise<'synced' | 'unchanged' | 'skipped'> {
  const litellm = bot.config.litellm;
  if (!litellm) return 'skipped';
  const update = await teamUpdate(bot, team);
  if (!update) return 'skipped';
  const sent = lastSynced.get(bot) ?? new Map<string, string>();
  lastSynced.set(bot, sent);
  const fingerprint = JSON.stringify(update);
  if (!options.force && sent.get(team) === fingerprint) return 'unchanged';
  await postWithRetry(
    createClient(litellm.url, { authorization: `Bearer ${litellm.key}` }),
    '/team/update',
    update,
    options.retry ?? LITELLM_RETRY,
  );
  sent.set(team, fingerprint);
  bot.log.info('LiteLLM team budget synced', {
    team,
    maxBudget: update.max_budget,
    budgetDuration: update.budget_duration,
  });
  return 'synced';
}

/** Syncs the team's budget without waiting for it (after a decision or a budget change); a failure is logged. */
export function syncBudgetSoon(bot: BotContext, team: string): void {
  syncBudget(bot, team).catch((error: unknown) =>
    bot.log.error('LiteLLM team budget sync failed; retried on the next alert run', { team, error }),
  );
}

/** Syncs every team with a dollar budget; a failure is logged and retried on the next run. */
export async function syncAllBudgets(bot: BotContext, retry?: RetryOptions): Promise<void> {
  if (!bot.config.litellm) return;
  const teams = new Set(
    (await budgetsInForce(bot.policy, bot.store))
      .filter((b) => b.scope === 'team' && b.unit === 'usd')
      .map((b) => b.subject),
  );
  for (const team of teams) {
    try {
      await syncBudget(bot, team, { retry });
    } catch (error) {
      bot.log.error('LiteLLM team budget sync failed; retried on the next run', { team, error });
    }
  }
}
