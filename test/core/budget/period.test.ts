import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  BudgetError,
  daysIn,
  nextPeriod,
  parseRange,
  periodContaining,
  previousPeriod,
  type Period,
  type PeriodKind,
} from '../../../core/budget';

const at = (iso: string) => new Date(iso);
const span = (period: Period) => [period.key, period.start.toISOString(), period.end.toISOString()];
const hours = (period: Period) => (period.end.getTime() - period.start.getTime()) / 3_600_000;

describe('budget periods', () => {
  describe('days across DST', () => {
    it('New York spring-forward day is 23 hours and starts at local midnight', () => {
      const day = periodContaining(at('2026-03-08T12:00:00Z'), 'day', 'America/New_York');
      assert.deepEqual(span(day), ['2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
      assert.equal(hours(day), 23);
    });

    it('New York fall-back day is 25 hours', () => {
      const day = periodContaining(at('2026-11-01T06:30:00Z'), 'day', 'America/New_York');
      assert.deepEqual(span(day), ['2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
      assert.equal(hours(day), 25);
    });

    it('London changes at 01:00 UTC in March and October', () => {
      assert.equal(hours(periodContaining(at('2026-03-29T12:00:00Z'), 'day', 'Europe/London')), 23);
      const october = periodContaining(at('2026-10-25T12:00:00Z'), 'day', 'Europe/London');
      assert.deepEqual(span(october), ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z']);
    });

    it('Lord Howe shifts by half an hour', () => {
      const spring = periodContaining(at('2026-10-04T12:00:00Z'), 'day', 'Australia/Lord_Howe');
      assert.deepEqual(span(spring), ['2026-10-04', '2026-10-03T13:30:00.000Z', '2026-10-04T13:00:00.000Z']);
      assert.equal(hours(spring), 23.5);
      assert.equal(hours(periodContaining(at('2026-04-05T12:00:00Z'), 'day', 'Australia/Lord_Howe')), 24.5);
    });

    it('a day whose midnight is skipped starts when the clock jumps (Santiago)', () => {
      const day = periodContaining(at('2026-09-06T12:00:00Z'), 'day', 'America/Santiago');
      assert.deepEqual(span(day), ['2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
    });

    it('a day whose midnight is repeated starts at its first midnight (Santiago)', () => {
      const saturday = periodContaining(at('2026-04-05T03:30:00Z'), 'day', 'America/Santiago');
      assert.deepEqual(span(saturday), ['2026-04-04', '2026-04-04T03:00:00.000Z', '2026-04-05T04:00:00.000Z']);
      assert.equal(hours(saturday), 25);
    });
  });

  describe('fixed and odd offsets', () => {
    it('Kolkata (+5:30) days and months start at 18:30 UTC', () => {
      assert.deepEqual(span(periodContaining(at('2026-11-22T18:29:59.999Z'), 'day', 'Asia/Kolkata')), [
        '2026-11-22',
        '2026-11-21T18:30:00.000Z',
        '2026-11-22T18:30:00.000Z',
      ]);
      assert.equal(periodContaining(at('2026-11-22T18:30:00Z'), 'day', 'Asia/Kolkata').key, '2026-11-23');
      assert.deepEqual(span(periodContaining(at('2026-11-30T18:29:59Z'), 'month', 'Asia/Kolkata')), [
        '2026-11',
        '2026-10-31T18:30:00.000Z',
        '2026-11-30T18:30:00.000Z',
      ]);
    });

    it('Chatham (+12:45 / +13:45) resets exactly at the local boundary', () => {
      // 2026-09-27 02:45 → 03:45 local.
      const day = periodContaining(at('2026-09-27T00:00:00Z'), 'day', 'Pacific/Chatham');
      assert.deepEqual(span(day), ['2026-09-27', '2026-09-26T11:15:00.000Z', '2026-09-27T10:15:00.000Z']);
      assert.equal(hours(day), 23);
      const week = periodContaining(at('2026-11-22T12:00:00Z'), 'week', 'Pacific/Chatham');
      assert.deepEqual(span(week), ['2026-W48', '2026-11-22T10:15:00.000Z', '2026-11-29T10:15:00.000Z']);
    });

    it('the boundary instant belongs to the new period, the millisecond before to the old', () => {
      const boundary = at('2026-11-01T00:00:00Z');
      assert.equal(periodContaining(boundary, 'month', 'UTC').key, '2026-11');
      assert.equal(periodContaining(new Date(boundary.getTime() - 1), 'month', 'UTC').key, '2026-10');
    });
  });

  describe('weeks and months', () => {
    it('ISO weeks start on Monday and carry the ISO week-year across New Year', () => {
      assert.deepEqual(span(periodContaining(at('2027-01-01T12:00:00Z'), 'week', 'UTC')), [
        '2026-W53',
        '2026-12-28T00:00:00.000Z',
        '2027-01-04T00:00:00.000Z',
      ]);
      assert.equal(periodContaining(at('2024-12-30T12:00:00Z'), 'week', 'UTC').key, '2025-W01');
      assert.equal(periodContaining(at('2026-11-22T12:00:00Z'), 'week', 'Europe/London').key, '2026-W47');
    });

    it('a week spanning a DST change is 7 local days (167 or 169 hours)', () => {
      const week = periodContaining(at('2026-03-10T12:00:00Z'), 'week', 'America/New_York');
      assert.deepEqual(span(week), ['2026-W11', '2026-03-09T04:00:00.000Z', '2026-03-16T04:00:00.000Z']);
      assert.equal(hours(periodContaining(at('2026-03-08T12:00:00Z'), 'week', 'America/New_York')), 167);
      assert.equal(hours(periodContaining(at('2026-11-01T12:00:00Z'), 'week', 'America/New_York')), 169);
    });

    it('supports other week starts', () => {
      const sunday = periodContaining(at('2026-11-22T12:00:00Z'), 'week', 'UTC', { weekStart: 7 });
      assert.deepEqual(span(sunday), ['week-of-2026-11-22', '2026-11-22T00:00:00.000Z', '2026-11-29T00:00:00.000Z']);
      assert.throws(() => periodContaining(at('2026-11-22T12:00:00Z'), 'week', 'UTC', { weekStart: 0 }), BudgetError);
    });

    it('months roll over the year and handle February in leap years', () => {
      const december = periodContaining(at('2026-12-31T23:59:59Z'), 'month', 'UTC');
      assert.deepEqual(span(nextPeriod(december)), ['2027-01', '2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z']);
      assert.equal(previousPeriod(periodContaining(at('2027-01-15T00:00:00Z'), 'month', 'UTC')).key, '2026-12');
      assert.equal(hours(periodContaining(at('2028-02-10T00:00:00Z'), 'month', 'UTC')), 29 * 24);
      // New York's New Year begins at 05:00 UTC.
      assert.equal(periodContaining(at('2027-01-01T04:59:59Z'), 'month', 'America/New_York').key, '2026-12');
    });

    it('a month containing a DST change is its local days long', () => {
      assert.equal(hours(periodContaining(at('2026-03-15T00:00:00Z'), 'month', 'America/New_York')), 31 * 24 - 1);
      assert.equal(hours(periodContaining(at('2026-10-15T00:00:00Z'), 'month', 'Europe/London')), 31 * 24 + 1);
    });

    it('rejects unknown time zones with the name', () => {
      assert.throws(() => periodContaining(at('2026-11-22T00:00:00Z'), 'day', 'Mars/Olympus'), /Mars\/Olympus/);
    });
  });

  describe('daysIn', () => {
    it('lists the local days of a period', () => {
      const march = periodContaining(at('2026-03-15T00:00:00Z'), 'month', 'America/New_York');
      const days = daysIn(march, 'America/New_York');
      assert.equal(days.length, 31);
      assert.equal(days[0], '2026-03-01');
      assert.equal(days[30], '2026-03-31');
    });

    it('counts only days that begin inside the range', () => {
      assert.deepEqual(daysIn({ start: at('2026-11-22T12:00:00Z'), end: at('2026-11-24T00:00:00Z') }, 'UTC'), [
        '2026-11-23',
      ]);
    });
  });

  describe('parseRange', () => {
    const context = { now: at('2026-11-22T23:30:00Z'), timeZone: 'Asia/Kolkata' }; // 23 Nov 05:00 in Kolkata
    const parsed = (text: string) => {
      const range = parseRange(text, context);
      return [range.start.toISOString(), range.end.toISOString(), range.label];
    };

    it('today, yesterday and N days end with the local today', () => {
      assert.deepEqual(parsed('today'), [
        '2026-11-22T18:30:00.000Z',
        '2026-11-23T18:30:00.000Z',
        'Today (23 Nov 2026)',
      ]);
      assert.deepEqual(parsed('yesterday'), [
        '2026-11-21T18:30:00.000Z',
        '2026-11-22T18:30:00.000Z',
        'Yesterday (22 Nov 2026)',
      ]);
      assert.deepEqual(parsed('7d'), [
        '2026-11-16T18:30:00.000Z',
        '2026-11-23T18:30:00.000Z',
        'Last 7 days (17 Nov 2026 – 23 Nov 2026)',
      ]);
      assert.deepEqual(parsed(' 30D '), [
        '2026-10-24T18:30:00.000Z',
        '2026-11-23T18:30:00.000Z',
        'Last 30 days (25 Oct 2026 – 23 Nov 2026)',
      ]);
    });

    it('month, last-month and YYYY-MM are whole calendar months', () => {
      assert.deepEqual(parsed('month'), ['2026-10-31T18:30:00.000Z', '2026-11-30T18:30:00.000Z', 'November 2026']);
      assert.deepEqual(parsed('last-month'), ['2026-09-30T18:30:00.000Z', '2026-10-31T18:30:00.000Z', 'October 2026']);
      assert.deepEqual(parsed('2024-02'), ['2024-01-31T18:30:00.000Z', '2024-02-29T18:30:00.000Z', 'February 2024']);
      const january = parseRange('last-month', { now: at('2027-01-10T00:00:00Z'), timeZone: 'UTC' });
      assert.equal(january.label, 'December 2026');
    });

    it('week and last-week follow the week start', () => {
      assert.deepEqual(parsed('week'), [
        '2026-11-22T18:30:00.000Z',
        '2026-11-29T18:30:00.000Z',
        'This week (23 Nov 2026 – 29 Nov 2026)',
      ]);
      assert.equal(
        parseRange('last-week', { ...context, weekStart: 7 }).label,
        'Last week (15 Nov 2026 – 21 Nov 2026)',
      );
    });

    it('FROM..TO includes both days; a single date is that day', () => {
      assert.deepEqual(parsed('2026-11-01..2026-11-15'), [
        '2026-10-31T18:30:00.000Z',
        '2026-11-15T18:30:00.000Z',
        '1 Nov 2026 – 15 Nov 2026',
      ]);
      assert.deepEqual(parsed('2026-11-01'), ['2026-10-31T18:30:00.000Z', '2026-11-01T18:30:00.000Z', '1 Nov 2026']);
    });

    it('explains what is wrong with a bad range', () => {
      assert.throws(() => parseRange('fortnight', context), /Unknown range "fortnight": use today/);
      assert.throws(() => parseRange('2026-13', context), /month must be 01 … 12/);
      assert.throws(() => parseRange('2026-02-30..2026-03-02', context), /2026-02-30 is not a calendar date/);
      assert.throws(() => parseRange('2026-11-15..2026-11-01', context), /FROM must not be after TO/);
      assert.throws(() => parseRange('0d', context), /number of days/);
      assert.throws(() => parseRange('2026-11-01..2026-11-02..2026-11-03', context), BudgetError);
    });
  });

  describe('properties', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'America/Santiago',
      'Pacific/Apia',
    ];
    const instant = fc.date({ min: at('1990-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z'), noInvalidDate: true });
    const kind = fc.constantFrom<PeriodKind>('day', 'week', 'month');
    const zone = fc.constantFrom(...zones);

    it('every instant falls in exactly the period that contains it', () => {
      fc.assert(
        fc.property(instant, kind, zone, fc.integer({ min: 1, max: 7 }), (date, k, tz, weekStart) => {
          const period = periodContaining(date, k, tz, { weekStart });
          assert.ok(period.start <= date && date < period.end);
          assert.equal(periodContaining(period.start, k, tz, { weekStart }).key, period.key);
          assert.equal(periodContaining(new Date(period.end.getTime() - 1), k, tz, { weekStart }).key, period.key);
        }),
      );
    });

    it('consecutive periods tile time without gaps or overlaps and with distinct keys', () => {
      fc.assert(
        fc.property(instant, kind, zone, (date, k, tz) => {
          const period = periodContaining(date, k, tz);
          const next = nextPeriod(period);
          const previous = previousPeriod(period);
          assert.equal(next.start.getTime(), period.end.getTime());
          assert.equal(previous.end.getTime(), period.start.getTime());
          assert.notEqual(next.key, period.key);
          assert.notEqual(previous.key, period.key);
          const length = hours(period);
          const limits = { day: [22, 26], week: [166, 170], month: [28 * 24 - 2, 31 * 24 + 2] }[k];
          assert.ok(length >= limits[0] && length <= limits[1], `${period.key} lasts ${length} h in ${tz}`);
        }),
      );
    });

    it('a period has as many local days as its kind says', () => {
      fc.assert(
        fc.property(instant, kind, zone, (date, k, tz) => {
          const period = periodContaining(date, k, tz);
          const days = daysIn(period, tz);
          if (k === 'day') assert.deepEqual(days, [period.key]);
          if (k === 'week') assert.equal(days.length, 7);
          if (k === 'month')
            assert.ok(days.length >= 28 && days.length <= 31 && days.every((day) => day.startsWith(period.key)));
        }),
        { numRuns: 50 },
      );
    });
    it('spend ranges agree with periods and cover whole local days', () => {
      fc.assert(
        fc.property(instant, zone, fc.integer({ min: 1, max: 60 }), (now, tz, count) => {
          const context = { now, timeZone: tz };
          const today = parseRange('today', context);
          assert.ok(today.start <= now && now < today.end);
          const month = periodContaining(now, 'month', tz);
          assert.deepEqual(
            [parseRange('month', context).start, parseRange('month', context).end],
            [month.start, month.end],
          );
          assert.equal(parseRange('last-month', context).end.getTime(), month.start.getTime());
          const last = parseRange(`${count}d`, context);
          assert.equal(daysIn(last, tz).length, count);
          assert.equal(last.end.getTime(), today.end.getTime());
        }),
        { numRuns: 50 },
      );
    });
  });
});
