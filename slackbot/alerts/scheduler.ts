// Runs the alert checks on start, every ALERT_INTERVAL_MINUTES, and as soon as new usage is stored (an ingest
// batch, a pull): budget thresholds, projected overruns and unusual spend, then on the full runs the LiteLLM budget
// sync when configured. Never two runs at once: whatever is asked for during a run is done in one run after it.
import type { webApi } from '@slack/bolt';
import { spendContext, type BotContext } from '../context';
import { syncAllBudgets } from '../litellm';
import { anomalyAlerts } from './anomalies';
import { currentStatuses, forecastAlerts, thresholdAlerts } from './budgets';
import type { AlertSubjects, Identities } from './subjects';

export interface AlertRun {
  thresholds: number;
  forecasts: number;
  anomalies: number;
}

/** One check: of every budget and identity, or with `subjects` only of those the new usage concerns. */
export async function runAlerts(
  bot: BotContext,
  client: webApi.WebClient,
  subjects?: AlertSubjects,
): Promise<AlertRun> {
  const { identities } = spendContext(bot, client);
  // A user's identities are looked up once per run, however many of their budgets are checked.
  const looked = new Map<string, Promise<string[]>>();
  const once: Identities = (userId) => looked.get(userId) ?? looked.set(userId, identities(userId)).get(userId)!;
  const statuses = await currentStatuses(bot, once, subjects);
  const run = {
    thresholds: await thresholdAlerts(bot, client, statuses),
    forecasts: await forecastAlerts(bot, client, statuses, once),
    anomalies: await anomalyAlerts(bot, client, subjects),
  };
  if (!subjects) await syncAllBudgets(bot);
  return run;
}

export interface AlertQueue {
  /** Asks for a check, of everything without `subjects`; returns at once. */
  check(subjects?: AlertSubjects): void;
  /** Resolves when no check is running or waiting. */
  idle(): Promise<void>;
}

function merge(a: AlertSubjects | 'all' | undefined, b: AlertSubjects | 'all'): AlertSubjects | 'all' {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return {
    teams: new Set([...a.teams, ...b.teams]),
    users: new Set([...a.users, ...b.users]),
    earliest: Math.min(a.earliest, b.earliest),
    latest: Math.max(a.latest, b.latest),
  };
}

/**
 * Coalesces checks: one runs at a time, and every check asked for meanwhile is merged into the single run that
 * follows it, so a burst of ingest batches costs at most two runs. With `settleMs`, a check after new usage also
 * waits until no more usage has come for that long (at most five times that), so a backfill's batches are checked
 * once, off their own path. A failed run is logged; the next one tries again.
 */
export function alertQueue(
  run: (subjects?: AlertSubjects) => Promise<void>,
  log: BotContext['log'],
  settleMs = 0,
): AlertQueue {
  let waiting: AlertSubjects | 'all' | undefined;
  let running: Promise<void> | undefined;
  let lastAsked = 0;
  let wake: (() => void) | undefined;
  const settle = async () => {
    const began = Date.now();
    for (;;) {
      const quiet = settleMs - (Date.now() - lastAsked);
      const left = 5 * settleMs - (Date.now() - began);
      if (waiting === 'all' || quiet <= 0 || left <= 0) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(quiet, left)).unref();
      });
    }
  };
  const drain = async () => {
    // Start on a later turn of the event loop: the caller (an ingest response) goes out first.
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting !== undefined) {
      await settle();
      const subjects = waiting;
      waiting = undefined;
      try {
        await run(subjects === 'all' ? undefined : subjects);
      } catch (error) {
        log.error('alert run failed; the next run tries again', { error });
      }
    }
    running = undefined;
  };
  return {
    check(subjects) {
      waiting = merge(waiting, subjects ?? 'all');
      if (subjects) lastAsked = Date.now();
      // A full check (the timer's, the start's) does not wait.
      else wake?.();
      running ??= drain();
    },
    idle: async () => {
      await running;
    },
  };
}

/** How long new usage settles before the alert check it asks for runs. */
const SETTLE_MS = 1_000;

export function startAlerts(bot: BotContext, client: webApi.WebClient): AlertQueue & { stop(): Promise<void> } {
  let stopped = false;
  const queue = alertQueue(
    async (subjects) => {
      if (stopped) return;
      const sent = await runAlerts(bot, client, subjects);
      if (sent.thresholds + sent.forecasts + sent.anomalies > 0) bot.log.info('alerts posted', { ...sent });
    },
    bot.log,
    SETTLE_MS,
  );
  queue.check();
  const timer = setInterval(() => queue.check(), bot.config.alertIntervalMinutes * 60_000);
  return {
    ...queue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A full check runs at once (and, stopped, does nothing), ending any wait for usage to settle.
      queue.check();
      await queue.idle();
    },
  };
}
