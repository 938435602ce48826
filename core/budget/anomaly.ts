// Spend anomalies: the current rate against a robust baseline (median and MAD) of comparable past windows.
import { addDays, civilMs, isoWeekday } from './calendar';
import type { TimeRange } from './period';
import { instantOfWall, localDate, wallMs } from './zone';

export interface AnomalyInput {
  /** Spend in the window being judged (e.g. the last hour). */
  current: number;
  /** Spend in comparable past windows of the same length (see `comparableWindows`). */
  history: readonly number[];
  /** The smallest rise over the baseline worth an alert, in the same unit (e.g. 100,000 tokens or $1 in nanos). */
  minIncrease: number;
  /** Below this many past windows the baseline is thin and only a much larger jump counts. Default 7. */
  minHistory?: number;
  /** current ÷ baseline must reach this. Default 2. */
  minRatio?: number;
  /** The robust z-score must reach this. Default 3.5 (Iglewicz and Hoaglin's cut-off for modified z-scores). */
  minScore?: number;
}

export type AnomalyVerdict = 'anomalous' | 'usual' | 'small-increase' | 'thin-history' | 'no-history';

export interface Anomaly {
  anomalous: boolean;
  verdict: AnomalyVerdict;
  /** current ÷ baseline (3.4 reads "3.4× usual"); Infinity when the baseline is zero. */
  ratio: number;
  /** Robust z-score: (current − baseline) ÷ spread. */
  score: number;
  /** Median of the history. */
  baseline: number;
  /** The spread the score divides by: 1.4826 × MAD, with floors for flat histories. */
  spread: number;
}

/** With fewer than `minHistory` past windows, the ratio needed is this many times `minRatio`. */
const THIN_HISTORY_FACTOR = 2.5;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Judges `current` against the median of `history`, scaled by the median absolute deviation (× 1.4826, which
 * matches the standard deviation for normal data). A mostly flat history has MAD 0, which would make every change
 * infinitely unusual: then 1.2533 × the mean absolute deviation stands in (Iglewicz and Hoaglin), and the spread
 * never falls below 10 % of the baseline or `minIncrease` ÷ `minScore`. Every alert also needs a rise of at least `minIncrease` and a ratio of at
 * least `minRatio`, so a tiny or quiet identity does not page anyone, while a large jump is never silenced by a
 * thin history, only held to a higher ratio.
 */
export function detectAnomaly(input: AnomalyInput): Anomaly {
  const { current, history, minIncrease } = input;
  const minHistory = input.minHistory ?? 7;
  const minRatio = input.minRatio ?? 2;
  const minScore = input.minScore ?? 3.5;
  if (history.length === 0)
    return { anomalous: false, verdict: 'no-history', ratio: Infinity, score: 0, baseline: 0, spread: 0 };

  const baseline = median(history);
  const mad = median(history.map((value) => Math.abs(value - baseline)));
  const meanDeviation = history.reduce((sum, value) => sum + Math.abs(value - baseline), 0) / history.length;
  const deviation = mad > 0 ? 1.4826 * mad : 1.2533 * meanDeviation;
  const spread = Math.max(deviation, 0.1 * baseline, minIncrease / minScore, Number.MIN_VALUE);
  const score = (current - baseline) / spread;
  const ratio = baseline > 0 ? current / baseline : current > 0 ? Infinity : 1;
  const result = (verdict: AnomalyVerdict): Anomaly => ({
    anomalous: verdict === 'anomalous',
    verdict,
    ratio,
    score,
    baseline,
    spread,
  });

  if (current - baseline < minIncrease) return result('small-increase');
  if (history.length < minHistory)
    return result(ratio >= minRatio * THIN_HISTORY_FACTOR ? 'anomalous' : 'thin-history');
  return result(ratio >= minRatio && score >= minScore ? 'anomalous' : 'usual');
}

export interface BreakdownRow {
  /** What the amount belongs to, in the order to name it, e.g. `{ app: 'triage', model: 'gpt-4o' }`. */
  labels: Record<string, string>;
  amount: number;
}

export interface Driver {
  labels: Record<string, string>;
  /** `app triage on model gpt-4o`. */
  text: string;
  increase: number;
  /** The driver's part of the total increase, 0–1. */
  share: number;
}

/**
 * Names the breakdown row whose amount rose most from `baseline` to `now` (both over windows of the same
 * length), so an alert can say what drove it. Undefined when nothing rose.
 */
export function explainDriver(now: readonly BreakdownRow[], baseline: readonly BreakdownRow[]): Driver | undefined {
  const rows = new Map<string, { labels: Record<string, string>; increase: number }>();
  const add = (row: BreakdownRow, sign: number) => {
    const key = JSON.stringify(Object.entries(row.labels));
    const entry = rows.get(key) ?? { labels: row.labels, increase: 0 };
    entry.increase += sign * row.amount;
    rows.set(key, entry);
  };
  now.forEach((row) => add(row, 1));
  baseline.forEach((row) => add(row, -1));
  const entries = [...rows.values()];
  const top = entries.reduce<(typeof entries)[number] | undefined>(
    (best, entry) => (entry.increase > (best?.increase ?? 0) ? entry : best),
    undefined,
  );
  if (!top) return undefined;
  const total = entries.reduce((sum, entry) => sum + entry.increase, 0);
  const text = Object.entries(top.labels)
    .map(([name, value]) => `${name} ${value}`)
    .join(' on ');
  return { labels: top.labels, text, increase: top.increase, share: total > 0 ? Math.min(1, top.increase / total) : 1 };
}

/**
 * The last complete hour before `at`: the hour of real time that ends at the latest local o'clock at or before `at`.
 * Local, not UTC, so zones with half- and quarter-hour offsets get their own hours; always 60 minutes long, so across
 * a DST change no hour is skipped, judged twice or stretched. `hour` is the local hour of day (0–23) it starts at.
 */
export function lastCompleteHour(at: Date, timeZone: string): TimeRange & { hour: number } {
  const instant = at.getTime();
  const wall = wallMs(instant, timeZone);
  // Clocks change on an o'clock, so the time since the last local o'clock reads the same on the wall as it passes.
  const end = instant - (wall - Math.floor(wall / 3_600_000) * 3_600_000);
  const start = end - 3_600_000;
  return { start: new Date(start), end: new Date(end), hour: new Date(wallMs(start, timeZone)).getUTCHours() };
}

export interface ComparableOptions {
  /** How many days back to look. Default 28. */
  days?: number;
  /** Window length. Default one hour. */
  spanMs?: number;
}

/**
 * The windows to compare the one ending at `at` with: the same length, ending at the same local time of day on
 * earlier days of the same kind (weekday or weekend), most recent first. A time skipped by a DST change that day
 * has no window.
 */
export function comparableWindows(at: Date, timeZone: string, options: ComparableOptions = {}): TimeRange[] {
  const days = options.days ?? 28;
  const spanMs = options.spanMs ?? 3_600_000;
  const time = at.getTime();
  const wall = wallMs(time, timeZone) + (time % 1000);
  const today = localDate(time, timeZone);
  const timeOfDay = wall - civilMs(today);
  const weekend = (weekday: number) => weekday >= 6;
  const windows: TimeRange[] = [];
  for (let back = 1; back <= days; back++) {
    const date = addDays(today, -back);
    if (weekend(isoWeekday(date)) !== weekend(isoWeekday(today))) continue;
    const target = civilMs(date) + timeOfDay;
    const end = instantOfWall(target, timeZone);
    if (wallMs(end, timeZone) + (end % 1000) !== target) continue;
    windows.push({ start: new Date(end - spanMs), end: new Date(end) });
  }
  return windows;
}
