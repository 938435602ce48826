// Runs the alert checks now and then every ALERT_INTERVAL_MINUTES, never two runs at once: budget thresholds,
// projected overruns and unusual spend, then the LiteLLM budget sync when configured.
import type { webApi } from '@slack/bolt';
import { spendContext, type BotContext } from '../context';
import { syncAllBudgets } from '../litellm';
import { anomalyAlerts } from './anomalies';
import { currentStatuses, forecastAlerts, thresholdAlerts } from './budgets';

export interface AlertRun {
  thresholds: number;
  forecasts: number;
  anomalies: number;
}

export async function runAlerts(bot: BotContext, client: webApi.WebClient): Promise<AlertRun> {
  const { identities } = spendContext(bot, client);
  const statuses = await currentStatuses(bot, identities);
  const run = {
    thresholds: await thresholdAlerts(bot, client, statuses),
    forecasts: await forecastAlerts(bot, client, statuses, identities),
    anomalies: await anomalyAlerts(bot, client),
  };
  await syncAllBudgets(bot);
  return run;
}

export function startAlerts(bot: BotContext, client: webApi.WebClient): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const sent = await runAlerts(bot, client);
      if (sent.thresholds + sent.forecasts + sent.anomalies > 0) bot.log.info('alerts posted', { ...sent });
    } catch (error) {
      bot.log.error('alert run failed; the next run tries again', { error });
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, bot.config.alertIntervalMinutes * 60_000);
  return { stop: () => clearInterval(timer) };
}
