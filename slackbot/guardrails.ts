// Keeps the guardrail tables small: every minute, rate counters of past minutes and breaker calls older than the
// longest breaker window go. Any instance may prune; deleting what no window reaches is the same done twice.
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
