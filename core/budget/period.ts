// Budget periods (day, ISO week, calendar month) and spend ranges in the organisation's time zone.
// Every period runs from the instant its first local day begins to the instant the next period's first day begins,
// so consecutive periods tile time exactly, whatever the DST rules (23- and 25-hour days, half-hour shifts).
import {
  addDays,
  addMonths,
  compareDates,
  dayNumber,
  formatDate,
  formatDay,
  formatMonth,
  isoWeek,
  isoWeekday,
  monthName,
  parseDate,
  parseMonth,
  type CivilDate,
} from './calendar';
import { BudgetError, localDate, startOfDay } from './zone';

export type PeriodKind = 'day' | 'week' | 'month';

export interface PeriodOptions {
  /** First day of the week as an ISO weekday, 1 = Monday (the default, ISO 8601) … 7 = Sunday. */
  weekStart?: number;
}

export interface Period {
  kind: PeriodKind;
  /** Inclusive. */
  start: Date;
  /** Exclusive: the next period's start. */
  end: Date;
  /** `2026-11-22` (day), `2026-W47` (ISO week), `week-of-2026-11-22` (other week starts), `2026-11` (month). */
  key: string;
  timeZone: string;
  weekStart: number;
}

export interface TimeRange {
  start: Date;
  end: Date;
}

export interface SpendRange extends TimeRange {
  label: string;
}

function checkWeekStart(weekStart: number): number {
  if (!Number.isInteger(weekStart) || weekStart < 1 || weekStart > 7) {
    throw new BudgetError(`weekStart must be an ISO weekday 1 (Monday) … 7 (Sunday), got ${weekStart}`);
  }
  return weekStart;
}

function firstDay(date: CivilDate, kind: PeriodKind, weekStart: number): CivilDate {
  if (kind === 'day') return date;
  if (kind === 'week') return addDays(date, -((isoWeekday(date) - weekStart + 7) % 7));
  return { year: date.year, month: date.month, day: 1 };
}

function shift(first: CivilDate, kind: PeriodKind, count: number): CivilDate {
  if (kind === 'day') return addDays(first, count);
  if (kind === 'week') return addDays(first, 7 * count);
  return addMonths(first, count);
}

function periodKey(first: CivilDate, kind: PeriodKind, weekStart: number): string {
  if (kind === 'day') return formatDate(first);
  if (kind === 'month') return formatMonth(first);
  if (weekStart !== 1) return `week-of-${formatDate(first)}`;
  const { year, week } = isoWeek(first);
  return `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

function periodFrom(first: CivilDate, kind: PeriodKind, timeZone: string, weekStart: number): Period {
  return {
    kind,
    start: new Date(startOfDay(first, timeZone)),
    end: new Date(startOfDay(shift(first, kind, 1), timeZone)),
    key: periodKey(first, kind, weekStart),
    timeZone,
    weekStart,
  };
}

/** The period of `kind` that contains `instant` in `timeZone`. */
export function periodContaining(
  instant: Date,
  kind: PeriodKind,
  timeZone: string,
  options: PeriodOptions = {},
): Period {
  const weekStart = checkWeekStart(options.weekStart ?? 1);
  const at = instant.getTime();
  if (!Number.isFinite(at)) throw new BudgetError('Invalid date');
  let first = firstDay(localDate(at, timeZone), kind, weekStart);
  let period = periodFrom(first, kind, timeZone, weekStart);
  // Only where clocks go back over midnight can the local date disagree with the boundaries; step once to fix.
  while (at < period.start.getTime() || at >= period.end.getTime()) {
    first = shift(first, kind, at < period.start.getTime() ? -1 : 1);
    period = periodFrom(first, kind, timeZone, weekStart);
  }
  return period;
}

export function previousPeriod(period: Period): Period {
  return periodContaining(new Date(period.start.getTime() - 1), period.kind, period.timeZone, period);
}

export function nextPeriod(period: Period): Period {
  return periodContaining(period.end, period.kind, period.timeZone, period);
}

/** The local dates (`YYYY-MM-DD`) whose day begins within `range`, in order. */
export function daysIn(range: TimeRange, timeZone: string): string[] {
  const days: string[] = [];
  let date = localDate(range.start.getTime(), timeZone);
  if (startOfDay(date, timeZone) < range.start.getTime()) date = addDays(date, 1);
  while (startOfDay(date, timeZone) < range.end.getTime()) {
    days.push(formatDate(date));
    date = addDays(date, 1);
  }
  return days;
}

const RANGE_FORMS =
  'today, yesterday, Nd (e.g. 7d, 30d), week, last-week, month, last-month, YYYY-MM, YYYY-MM-DD or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)';
const MAX_DAYS = 3660;

export interface RangeContext extends PeriodOptions {
  now: Date;
  timeZone: string;
}

/**
 * Parses a spend range (`today | yesterday | 7d | 30d | week | last-week | month | last-month | YYYY-MM |
 * YYYY-MM-DD | FROM..TO`) into instants in the organisation's time zone. Ranges cover whole local days: `7d` is
 * today and the six days before it, `month` the whole current month, `FROM..TO` includes both ends.
 */
export function parseRange(text: string, context: RangeContext): SpendRange {
  const { timeZone } = context;
  const weekStart = checkWeekStart(context.weekStart ?? 1);
  const input = text.trim().toLowerCase();
  const today = localDate(context.now.getTime(), timeZone);
  const span = (from: CivilDate, to: CivilDate) =>
    compareDates(from, to) === 0 ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  const days = (from: CivilDate, to: CivilDate, label: string): SpendRange => ({
    start: new Date(startOfDay(from, timeZone)),
    end: new Date(startOfDay(addDays(to, 1), timeZone)),
    label,
  });
  const week = (first: CivilDate, name: string) =>
    days(first, addDays(first, 6), `${name} (${span(first, addDays(first, 6))})`);
  const month = (first: CivilDate) =>
    days(first, addDays(addMonths(first, 1), -1), `${monthName(first.month)} ${first.year}`);

  if (input === 'today') return days(today, today, `Today (${formatDay(today)})`);
  if (input === 'yesterday') {
    const yesterday = addDays(today, -1);
    return days(yesterday, yesterday, `Yesterday (${formatDay(yesterday)})`);
  }
  if (input === 'week') return week(firstDay(today, 'week', weekStart), 'This week');
  if (input === 'last-week') return week(addDays(firstDay(today, 'week', weekStart), -7), 'Last week');
  if (input === 'month') return month(firstDay(today, 'month', weekStart));
  if (input === 'last-month') return month(addMonths(today, -1));
  const lastDays = /^(\d+)d$/.exec(input);
  if (lastDays) {
    const count = Number(lastDays[1]);
    if (count < 1 || count > MAX_DAYS)
      throw new BudgetError(`Range "${text}": the number of days must be 1 … ${MAX_DAYS}`);
    const from = addDays(today, 1 - count);
    return days(from, today, `Last ${count} day${count === 1 ? '' : 's'} (${span(from, today)})`);
  }
  if (/^\d{4}-\d{2}$/.test(input)) {
    const first = parseMonth(input);
    if (!first) throw new BudgetError(`Range "${text}": the month must be 01 … 12`);
    return month(first);
  }
  const [fromText, toText = fromText, ...rest] = input.split('..');
  if (rest.length === 0 && /^\d{4}-\d{2}-\d{2}$/.test(fromText) && /^\d{4}-\d{2}-\d{2}$/.test(toText)) {
    const from = parseDate(fromText);
    const to = parseDate(toText);
    if (!from || !to) throw new BudgetError(`Range "${text}": ${!from ? fromText : toText} is not a calendar date`);
    if (compareDates(from, to) > 0) throw new BudgetError(`Range "${text}": FROM must not be after TO`);
    if (dayNumber(to) - dayNumber(from) >= MAX_DAYS) throw new BudgetError(`Range "${text}": at most ${MAX_DAYS} days`);
    return days(from, to, span(from, to));
  }
  throw new BudgetError(`Unknown range "${text}": use ${RANGE_FORMS}`);
}

/** The instant local day `day` (`YYYY-MM-DD`) ends in `timeZone`: a grant "until 30 Nov" lasts through 30 Nov. */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const date = parseDate(day);
  if (!date) throw new BudgetError(`"${day}" is not a calendar date written YYYY-MM-DD`);
  return new Date(startOfDay(addDays(date, 1), timeZone));
}
