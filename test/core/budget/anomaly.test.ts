import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { comparableWindows, detectAnomaly, explainDriver } from '../../../core/budget';

const at = (iso: string) => new Date(iso);

describe('budget anomalies', () => {
  describe('detectAnomaly', () => {
    const noisy = [95, 104, 88, 120, 101, 97, 110, 92, 105, 99, 115, 90];

    it('flags a spike with its ratio and robust z-score', () => {
      const result = detectAnomaly({ current: 340, history: noisy, minIncrease: 50 });
      assert.equal(result.anomalous, true);
      assert.equal(result.verdict, 'anomalous');
      assert.equal(result.baseline, 100);
      assert.equal(result.ratio, 3.4);
      assert.ok(result.score > 3.5, String(result.score));
    });

    it('leaves ordinary noise alone', () => {
      for (const current of [85, 100, 125]) {
        assert.equal(detectAnomaly({ current, history: noisy, minIncrease: 1 }).anomalous, false, String(current));
      }
    });

    it('a flat history (MAD 0) still flags a real jump but not a wobble', () => {
      const flat = Array(14).fill(100);
      const jump = detectAnomaly({ current: 300, history: flat, minIncrease: 10 });
      assert.equal(jump.anomalous, true);
      assert.ok(Number.isFinite(jump.score));
      assert.equal(jump.spread, 10);
      assert.equal(detectAnomaly({ current: 130, history: flat, minIncrease: 10 }).verdict, 'usual');
    });

    it('a quiet identity (all-zero history) needs minIncrease before it alerts', () => {
      const zeros = Array(14).fill(0);
      assert.equal(detectAnomaly({ current: 5, history: zeros, minIncrease: 1000 }).verdict, 'small-increase');
      const burst = detectAnomaly({ current: 50_000, history: zeros, minIncrease: 1000 });
      assert.equal(burst.anomalous, true);
      assert.equal(burst.ratio, Infinity);
    });

    it('a thin history needs a larger jump but does not stay silent', () => {
      assert.equal(detectAnomaly({ current: 300, history: [100, 100, 110], minIncrease: 10 }).verdict, 'thin-history');
      assert.equal(detectAnomaly({ current: 900, history: [100, 100, 110], minIncrease: 10 }).verdict, 'anomalous');
      assert.equal(detectAnomaly({ current: 900, history: [], minIncrease: 10 }).verdict, 'no-history');
    });

    it('ignores drops and small absolute rises', () => {
      assert.equal(detectAnomaly({ current: 0, history: noisy, minIncrease: 1 }).anomalous, false);
      assert.equal(
        detectAnomaly({ current: 3, history: [1, 1, 1, 1, 1, 1, 1, 1], minIncrease: 100 }).verdict,
        'small-increase',
      );
    });

    it('a single outlier in the history does not shift the baseline', () => {
      const withOutlier = [...noisy, 10_000];
      assert.equal(detectAnomaly({ current: 340, history: withOutlier, minIncrease: 50 }).anomalous, true);
    });

    it('raising current never turns an anomaly off (monotone)', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(1000), { maxLength: 30 }), fc.nat(5000), fc.nat(5000), (history, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (detectAnomaly({ current: low, history, minIncrease: 20 }).anomalous) {
            assert.ok(detectAnomaly({ current: high, history, minIncrease: 20 }).anomalous);
          }
        }),
      );
    });
  });

  describe('explainDriver', () => {
    it('names the row that rose most', () => {
      const now = [
        { labels: { app: 'triage', model: 'gpt-4o' }, amount: 900 },
        { labels: { app: 'search', model: 'gpt-4o-mini' }, amount: 120 },
      ];
      const baseline = [
        { labels: { app: 'triage', model: 'gpt-4o' }, amount: 200 },
        { labels: { app: 'search', model: 'gpt-4o-mini' }, amount: 100 },
      ];
      const driver = explainDriver(now, baseline);
      assert.equal(driver?.text, 'app triage on model gpt-4o');
      assert.equal(driver?.increase, 700);
      assert.equal(driver?.share, 700 / 720);
    });

    it('counts a row new since the baseline, and returns nothing when nothing rose', () => {
      assert.equal(explainDriver([{ labels: { user: 'U1' }, amount: 50 }], [])?.text, 'user U1');
      assert.equal(
        explainDriver([{ labels: { app: 'a' }, amount: 5 }], [{ labels: { app: 'a' }, amount: 10 }]),
        undefined,
      );
    });
  });

  describe('comparableWindows', () => {
    it('picks the same local hour on earlier days of the same kind', () => {
      // Monday 23 Nov 2026, 15:00 in London.
      const windows = comparableWindows(at('2026-11-23T15:00:00Z'), 'Europe/London', { days: 7 });
      assert.deepEqual(
        windows.map((window) => window.end.toISOString()),
        [
          '2026-11-20T15:00:00.000Z',
          '2026-11-19T15:00:00.000Z',
          '2026-11-18T15:00:00.000Z',
          '2026-11-17T15:00:00.000Z',
          '2026-11-16T15:00:00.000Z',
        ],
      );
      assert.equal(windows[0].end.getTime() - windows[0].start.getTime(), 3_600_000);
    });

    it('follows local time across DST and skips a time that did not exist', () => {
      // Sunday 8 Mar 2026 02:30 does not exist in New York; 15 Mar 02:30 EDT is 06:30 UTC.
      const windows = comparableWindows(at('2026-03-15T06:30:00Z'), 'America/New_York', { days: 14 });
      assert.deepEqual(
        windows.map((window) => window.end.toISOString()),
        ['2026-03-14T06:30:00.000Z', '2026-03-07T07:30:00.000Z', '2026-03-01T07:30:00.000Z'],
      );
    });
  });
});
