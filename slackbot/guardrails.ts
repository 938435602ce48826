// Keeps the store's tables small: every minute, rate counters of past minutes and breaker calls older than the
// longest breaker window go; every hour, raw events past RETENTION_DAYS. Any instance may prune; deleting what no
// window reaches is the same done twice.
import type { BotContext } from './context';

const MINUTE_MS = 60_000;

export function startGuardrailPruning(bot: BotContext): NodeJS.Timeout {
  const longest = Math.max(0, ...bot.policy.guardrails.breakers.map((rule) => rule.windowMinutes));
  const timer = setInterval(() => {
    const now = bot.now().getTime();
    bot.store
      .pruneGuardrails(new Date(now - 2 * MINUTE_MS), new Date(now - (longest + 1) * MINUTE_MS))
      .catch((error) => bot.log.error('guardrail pruning failed; the next run tries again', { error }));
  }, MINUTE_MS);
  timer.unref();
  return timer;
}

const HOUR_MS = 3_600_000;

/**
 * The raw events' lifecycle, at start and hourly: PostgreSQL's coming monthly partitions, and with RETENTION_DAYS
 * the removal of events past it (roll-ups are kept). Any instance may run it; a second run finds nothing to do.
 */
export function startLifecycle(bot: BotContext): NodeJS.Timeout {
  const run = () => {
    const now = bot.now();
    const days = bot.config.retentionDays;
    bot.store
      .maintain(now, days === undefined ? undefined : now.getTime() - days * 86_400_000)
      .catch((error) => bot.log.error('event retention failed; the next run tries again', { error }));
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return timer;
}
