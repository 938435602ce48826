// Unusual spend per team and per person, hour by hour: the last complete local hour against the median and MAD of
// the same identity's same hour on comparable days (weekdays against weekdays, weekend days against weekend days)
// over the last four weeks, summed from the events' own times. The trailing hours of the same day are not part of
// the baseline: for people who work by day, the night before would make every working hour look unusual. The
// alert names the app and model that account for most of the rise, and the prompt when the events name prompts.
// Posted once per identity and hour. Every read is of roll-ups (hourly and daily), never of the raw events.
import type { webApi } from '@slack/bolt';
import {
  addExact,
  comparableWindows,
  detectAnomaly,
  explainDriver,
  lastCompleteHour,
  NANOS_PER_USD,
  type BreakdownRow,
} from '../../core';
import { anomalyBlocks, anomalyText, type AnomalyAlert } from '../blocks/alerts';
import type { BotContext } from '../context';
import { localDay } from '../ledger';
import type { HourlyRow } from '../store/store';
import { alertChannels, postAlert } from './channels';
import type { AlertSubjects } from './subjects';

const HISTORY_DAYS = 28;
/** The smallest rise over a usual hour worth an alert. */
export const MIN_INCREASE_NANOS = NANOS_PER_USD;

const DIMENSIONS = ['team', 'user'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** The app and model (each only when the events name it) of a row, in the order the alert names them. */
const driverLabels = (row: HourlyRow): Record<string, string> => ({
  ...(row.app ? { app: row.app } : {}),
  model: row.model,
});

/** What accounts for most of the rise: this hour's spend per app and model against its mean over the history. */
function driverOf(current: readonly HourlyRow[], history: readonly HourlyRow[], windows: number): string | undefined {
  const now: BreakdownRow[] = current.map((row) => ({ labels: driverLabels(row), amount: row.costNanos }));
  const usual: BreakdownRow[] = history.map((row) => ({
    labels: driverLabels(row),
    amount: row.costNanos / Math.max(1, windows),
  }));
  return explainDriver(now, usual)?.text;
}

/** The prompt id whose spend rose most this hour against its mean over the history; events naming none are left out. */
function promptOf(current: readonly HourlyRow[], history: readonly HourlyRow[], windows: number): string | undefined {
  const named = (rows: readonly HourlyRow[], scale: number): BreakdownRow[] =>
    rows
      .filter((row) => row.prompt !== '')
      .map((row) => ({ labels: { prompt: row.prompt }, amount: row.costNanos * scale }));
  return explainDriver(named(current, 1), named(history, 1 / Math.max(1, windows)))?.labels.prompt;
}

export async function anomalyAlerts(
  bot: BotContext,
  client: webApi.WebClient,
  subjects?: AlertSubjects,
): Promise<number> {
  const hour = lastCompleteHour(bot.now(), bot.timeZone);
  // New usage changes nothing here unless some of it falls in the hour judged (most of it is in the current hour).
  if (subjects && (subjects.latest < hour.start.getTime() || subjects.earliest >= hour.end.getTime())) return 0;
  const current = hour.start.getTime();
  const thisHour = await bot.store.hourlySpend([current]);
  const keyOf = (dimension: Dimension, row: HourlyRow) => (dimension === 'team' ? row.team : row.user);
  const candidates = DIMENSIONS.flatMap((dimension) => {
    const spend = new Map<string, number>();
    for (const row of thisHour)
      spend.set(keyOf(dimension, row), addExact(spend.get(keyOf(dimension, row)) ?? 0, row.costNanos));
    const asked = dimension === 'team' ? subjects?.teams : subjects?.users;
    return [...spend]
      .filter(([key, amount]) => key !== '' && amount >= MIN_INCREASE_NANOS && (!asked || asked.has(key)))
      .map(([key, amount]) => ({ dimension, key, amount }));
  });
  // The usual hours are read only when some identity spent enough this hour to be worth judging.
  if (candidates.length === 0) return 0;
  // The usual hours start at the judged hour's local start time on earlier days of its kind: the ends of the windows
  // that end at that time (so the 23:00 hour is compared by the day it starts on, not the day it ends on).
  const windows = comparableWindows(hour.start, bot.timeZone, { days: HISTORY_DAYS }).map((window) =>
    window.end.getTime(),
  );
  const history = await bot.store.hourlySpend(windows);
  const today = localDay(current, bot.timeZone);
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const dayKind = weekday === 0 || weekday === 6 ? 'weekend day' : 'weekday';
  // Days before the identity's first spend are not its usual: a new team has no history, not a zero one.
  const firstSpend = new Map<string, string>();
  for (const dimension of DIMENSIONS) {
    const keys = candidates.filter((candidate) => candidate.dimension === dimension).map((candidate) => candidate.key);
    if (keys.length === 0) continue;
    const days = await bot.store.spend({
      fromDay: localDay(windows.at(-1) ?? current, bot.timeZone),
      toDay: today,
      by: dimension,
      filter: { dimension, values: keys },
    });
    // Rows come in day order.
    for (const row of days)
      if (row.costNanos > 0 && !firstSpend.has(`${dimension}:${row.key}`))
        firstSpend.set(`${dimension}:${row.key}`, row.day);
  }
  let sent = 0;
  for (const { dimension, key, amount } of candidates) {
    const own = (rows: readonly HourlyRow[]) => rows.filter((row) => keyOf(dimension, row) === key);
    const usual = windows.filter(
      (start) => localDay(start, bot.timeZone) >= (firstSpend.get(`${dimension}:${key}`) ?? today),
    );
    const kept = new Set(usual);
    const usualRows = own(history).filter((row) => kept.has(row.hour));
    const amounts = usual.map((start) =>
      usualRows.reduce((sum, row) => (row.hour === start ? addExact(sum, row.costNanos) : sum), 0),
    );
    const verdict = detectAnomaly({ current: amount, history: amounts, minIncrease: MIN_INCREASE_NANOS });
    if (!verdict.anomalous) continue;
    const channels = alertChannels(bot, dimension, key);
    const claim = `anomaly:${dimension}:${encodeURIComponent(key)}:${hour.start.toISOString()}`;
    if (channels.length === 0 || !(await bot.store.claimAlert(claim, bot.now()))) continue;
    const alert: AnomalyAlert = {
      dimension,
      key,
      day: today,
      hour: hour.hour,
      current: amount,
      baseline: verdict.baseline,
      ratio: verdict.ratio,
      driver: driverOf(own(thisHour), usualRows, usual.length),
      prompt: promptOf(own(thisHour), usualRows, usual.length),
      dayKind,
    };
    if (await postAlert(bot, client, [claim], channels, anomalyText(alert), anomalyBlocks(alert))) sent++;
  }
  return sent;
}
