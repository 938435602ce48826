import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { daysIn, forecastPeriod, periodContaining, type DailyAmount } from '../../../core/budget';

const at = (iso: string) => new Date(iso);
const november = periodContaining(at('2026-11-15T12:00:00Z'), 'month', 'UTC');
const days = daysIn(november, 'UTC');
const series = (amount: (index: number) => number, through: number): DailyAmount[] =>
  days.slice(0, through).map((day, index) => ({ day, amount: amount(index) }));

describe('budget forecast', () => {
  it('projects a constant rate to the period end', () => {
    // 10 complete days at 100, plus 50 today by noon of day 11.
    const input = [...series(() => 100, 10), { day: '2026-11-11', amount: 50 }];
    const forecast = forecastPeriod({ series: input, period: november, now: at('2026-11-11T12:00:00Z'), limit: 2500 });
    assert.equal(forecast.method, 'recent-days');
    assert.equal(forecast.actual, 1050);
    assert.equal(forecast.dailyRate, 100);
    assert.equal(forecast.basisDays, 10);
    assert.equal(forecast.projectedTotal, 1050 + 50 + 19 * 100);
    // 1450 to go at 100 a day: half of today (50) then 14 full days → 00:00 on 26 Nov.
    assert.equal(forecast.projectedOverrunAt?.toISOString(), '2026-11-26T00:00:00.000Z');
    assert.equal(forecast.overLimit, false);
  });

  it('has no overrun date when the projection stays under the limit', () => {
    const forecast = forecastPeriod({
      series: series(() => 100, 10),
      period: november,
      now: at('2026-11-11T00:00:00Z'),
      limit: 5000,
    });
    assert.equal(forecast.projectedTotal, 3000);
    assert.equal(forecast.projectedOverrunAt, undefined);
  });

  it('weights recent days more on an accelerating series', () => {
    const accelerating = series((index) => 10 * (index + 1), 14); // 10, 20, … 140
    const forecast = forecastPeriod({ series: accelerating, period: november, now: at('2026-11-15T00:00:00Z') });
    const mean = accelerating.reduce((sum, { amount }) => sum + amount, 0) / 14;
    assert.ok(forecast.dailyRate > mean, `${forecast.dailyRate} > ${mean}`);
    assert.ok(forecast.dailyRate < 140);
    assert.ok(forecast.projectedTotal > 1050 + 16 * mean);
  });

  it('missing days count as no spend', () => {
    const sparse = [{ day: '2026-11-01', amount: 700 }];
    const forecast = forecastPeriod({ series: sparse, period: november, now: at('2026-11-08T00:00:00Z') });
    assert.equal(forecast.basisDays, 7);
    assert.ok(forecast.dailyRate < 100);
  });

  it('uses days before the period for the rate but not the total', () => {
    const december = periodContaining(at('2026-12-01T06:00:00Z'), 'month', 'UTC');
    const history = series(() => 100, 30);
    const forecast = forecastPeriod({
      series: [...history, { day: '2026-12-01', amount: 10 }],
      period: december,
      now: at('2026-12-01T06:00:00Z'),
      limit: 1000,
    });
    assert.equal(forecast.actual, 10);
    assert.equal(forecast.dailyRate, 100);
    assert.equal(forecast.basisDays, 14);
    assert.equal(forecast.projectedTotal, Math.round(10 + 100 * (0.75 + 30)));
    assert.equal(forecast.projectedOverrunAt?.toISOString(), '2026-12-11T03:36:00.000Z');
  });

  it('on the first day alone, scales today once a quarter of it has passed', () => {
    const today = [{ day: '2026-11-01', amount: 60 }];
    assert.equal(
      forecastPeriod({ series: today, period: november, now: at('2026-11-01T03:00:00Z') }).method,
      'insufficient-data',
    );
    const later = forecastPeriod({ series: today, period: november, now: at('2026-11-01T12:00:00Z') });
    assert.equal(later.method, 'today-so-far');
    assert.equal(later.dailyRate, 120);
    assert.equal(later.projectedTotal, 60 + 60 + 29 * 120);
  });

  it('reports a limit already reached, and a finished period as its total', () => {
    const spent = forecastPeriod({
      series: series(() => 100, 10),
      period: november,
      now: at('2026-11-11T00:00:00Z'),
      limit: 900,
    });
    assert.equal(spent.overLimit, true);
    assert.equal(spent.projectedOverrunAt, undefined);
    const ended = forecastPeriod({ series: series(() => 100, 30), period: november, now: at('2026-12-03T00:00:00Z') });
    assert.deepEqual([ended.method, ended.projectedTotal], ['period-ended', 3000]);
  });

  it('counts local days, so a 25-hour day takes a day of spend', () => {
    const tz = 'America/New_York';
    const month = periodContaining(at('2026-11-15T12:00:00Z'), 'month', tz);
    const forecast = forecastPeriod({
      series: daysIn(month, tz)
        .slice(0, 14)
        .map((day) => ({ day, amount: 24 })),
      period: month,
      now: at('2026-11-15T05:00:00Z'),
      limit: 24 * 20,
    });
    assert.equal(forecast.projectedTotal, 24 * 30);
    assert.equal(forecast.projectedOverrunAt?.toISOString(), '2026-11-21T05:00:00.000Z');
  });

  it('never projects below the spend to date and lands any overrun inside the period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { minLength: 0, maxLength: 30 }),
        fc.integer({ min: 0, max: 29 * 24 }),
        fc.integer({ min: 1, max: 40_000 }),
        (amounts, hour, limit) => {
          const now = new Date(november.start.getTime() + hour * 3_600_000);
          const forecast = forecastPeriod({
            series: series((index) => amounts[index] ?? 0, amounts.length),
            period: november,
            now,
            limit,
          });
          assert.ok(forecast.projectedTotal >= forecast.actual);
          if (forecast.projectedOverrunAt) {
            assert.ok(forecast.projectedOverrunAt >= now && forecast.projectedOverrunAt <= november.end);
            assert.ok(forecast.projectedTotal >= limit - 1);
          }
        },
      ),
    );
  });
});
