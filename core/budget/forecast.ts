// Spend forecast to the end of a budget period, from daily totals in the organisation's time zone.
import { dayNumber, fromDayNumber, parseDate, type CivilDate } from './calendar';
import type { Period } from './period';
import { BudgetError, localDate, startOfDay } from './zone';

export interface DailyAmount {
  /** Local date `YYYY-MM-DD` in the period's time zone. */
  day: string;
  /** Tokens or nano-dollars spent that day. */
  amount: number;
}

/**
 * - `recent-days`: to-date spend plus a recency-weighted daily rate over the complete days before today.
 * - `today-so-far`: no complete day yet, so today's spend is scaled to a full day (once 6 hours have passed).
 * - `insufficient-data`: too little to project; the projection is the spend to date.
 * - `period-ended`: `now` is at or past the period's end; the projection is the final total.
 */
export type ForecastMethod = 'recent-days' | 'today-so-far' | 'insufficient-data' | 'period-ended';

export interface ForecastInput {
  /**
   * Daily totals for the period to date (days with no spend may be left out). Days before the period, if given,
   * inform the rate only, which helps on the first days of a period.
   */
  series: readonly DailyAmount[];
  period: Period;
  now: Date;
  /** The quota to forecast against; omit for a projection only. */
  limit?: number;
}

export interface Forecast {
  /** Spend from the period's start to `now`. */
  actual: number;
  /** Projected spend for the whole period, rounded to a whole unit. */
  projectedTotal: number;
  /** The projected spend per local day from now on, rounded to a whole unit. */
  dailyRate: number;
  /** When spend is projected to reach `limit`, if that is still ahead and before the period ends. */
  projectedOverrunAt?: Date;
  /** Spend to date has already reached `limit`. */
  overLimit: boolean;
  method: ForecastMethod;
  /** How many complete days the rate rests on. */
  basisDays: number;
}

/** Complete days the rate looks back over, and the age (days) at which a day's weight halves. */
const WINDOW_DAYS = 14;
const HALF_LIFE_DAYS = 3;
const TODAY_MIN_ELAPSED = 0.25;

function dateOf(day: string): CivilDate {
  const date = parseDate(day);
  if (!date) throw new BudgetError(`Forecast series: "${day}" is not a date written YYYY-MM-DD`);
  return date;
}

/**
 * Projects spend to the period's end as: spend to date + daily rate × the local days left (today's remainder
 * counted as the fraction of today still to come). The daily rate is a weighted mean over up to 14 complete days
 * before today, each weighted 2^(−age / 3 days), so a recent rise or fall shows within days while one odd day
 * does not dominate. Today's partial spend counts towards the total but not the rate, because spend within a day
 * is uneven (a morning is not a quarter of a day's spend).
 */
export function forecastPeriod({ series, period, now, limit }: ForecastInput): Forecast {
  const tz = period.timeZone;
  const amounts = new Map<number, number>();
  for (const { day, amount } of series) {
    const key = dayNumber(dateOf(day));
    amounts.set(key, (amounts.get(key) ?? 0) + amount);
  }
  const first = dayNumber(localDate(period.start.getTime(), tz));
  const last = dayNumber(localDate(period.end.getTime() - 1, tz));
  const at = Math.min(Math.max(now.getTime(), period.start.getTime()), period.end.getTime());
  const ended = at >= period.end.getTime();
  const today = ended ? last + 1 : dayNumber(localDate(at, tz));

  let actual = 0;
  for (const [day, amount] of amounts) if (day >= first && day <= Math.min(today, last)) actual += amount;
  const result = (method: ForecastMethod, dailyRate: number, basisDays: number): Forecast => {
    const forecast = project(actual, dailyRate, at, today, last, tz, limit);
    return {
      actual,
      dailyRate: Math.round(dailyRate),
      basisDays,
      method,
      overLimit: limit !== undefined && actual >= limit,
      ...forecast,
    };
  };
  if (ended) return result('period-ended', 0, 0);

  const earliest = [...amounts.keys()].reduce((min, day) => Math.min(min, day), first);
  const basis = Math.min(WINDOW_DAYS, today - earliest);
  if (basis > 0) {
    let weighted = 0;
    let weights = 0;
    for (let age = 0; age < basis; age++) {
      const weight = 2 ** (-age / HALF_LIFE_DAYS);
      weighted += weight * (amounts.get(today - 1 - age) ?? 0);
      weights += weight;
    }
    return result('recent-days', weighted / weights, basis);
  }
  const todayStart = startOfDay(fromDayNumber(today), tz);
  const elapsed = (at - todayStart) / (startOfDay(fromDayNumber(today + 1), tz) - todayStart);
  if (elapsed >= TODAY_MIN_ELAPSED) return result('today-so-far', (amounts.get(today) ?? 0) / elapsed, 0);
  return result('insufficient-data', 0, 0);
}

function project(actual: number, rate: number, at: number, today: number, last: number, tz: string, limit?: number) {
  let total = actual;
  let overrun: number | undefined;
  for (let day = today; day <= last; day++) {
    const start = startOfDay(fromDayNumber(day), tz);
    const end = startOfDay(fromDayNumber(day + 1), tz);
    const from = Math.max(start, at);
    const share = rate * ((end - from) / (end - start));
    if (limit !== undefined && overrun === undefined && total < limit && total + share >= limit && share > 0) {
      overrun = from + ((limit - total) / share) * (end - from);
    }
    total += share;
  }
  return {
    projectedTotal: Math.round(total),
    ...(overrun === undefined ? {} : { projectedOverrunAt: new Date(Math.ceil(overrun)) }),
  };
}
