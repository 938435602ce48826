// Runs each configured provider pull now and then every PULL_INTERVAL_MINUTES, never two of one source at once.
import type { BotContext } from '../context';
import { pullAnthropic } from './anthropic';
import { DEFAULT_RETRY } from '../outbound';
import { pullOpenAI } from './openai';

const pulls = { openai: pullOpenAI, anthropic: pullAnthropic } as const;

export function startPulls(bot: BotContext): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const [source, pull] of Object.entries(pulls)) {
    if (!bot.config.pulls[source as keyof typeof pulls]) continue;
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        const stored = await pull(bot, DEFAULT_RETRY);
        bot.log.info('usage pulled', { source, stored });
      } catch (error) {
        bot.log.error('usage pull failed; the next run resumes from the cursor', { source, error });
      } finally {
        running = false;
      }
    };
    void run();
    timers.push(setInterval(run, bot.config.pulls.intervalMinutes * 60_000));
  }
  return { stop: () => timers.forEach(clearInterval) };
}
