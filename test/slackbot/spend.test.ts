import { strict as assert } from 'node:assert';
import { daysIn, forecastPeriod, parseRange, periodContaining, quotaStatus, type Budget } from '../../core';
import { helpBlocks } from '../../slackbot/blocks/help';
import { homeView } from '../../slackbot/blocks/home';
import { budgetLine, spendBlocks } from '../../slackbot/blocks/spend';
import { sparkline } from '../../slackbot/blocks/text';
import { ArgumentError, parseSpendArgs, words } from '../../slackbot/spend/args';
import type { SpendReport } from '../../slackbot/spend/report';
import { blockKitProblems } from './support/slackApi';

describe('/tokens spend arguments', () => {
  it('reads filters, ranges, breakdowns and public in any order', () => {
    assert.deepEqual(parseSpendArgs(words('team search 7d')), {
      filter: { dimension: 'team', value: 'search' },
      range: '7d',
      by: 'user',
      public: false,
    });
    assert.deepEqual(parseSpendArgs(words('public by app <@U123|ada> last-month')), {
      filter: { dimension: 'user', value: 'U123' },
      range: 'last-month',
      by: 'app',
      public: true,
    });
    assert.deepEqual(parseSpendArgs(words('model "gpt-4o mini" 2026-10-01..2026-10-15')).filter, {
      dimension: 'model',
      value: 'gpt-4o mini',
    });
    assert.deepEqual(parseSpendArgs([]), { filter: undefined, range: 'month', by: 'team', public: false });
    for (const range of ['today', '7d', '30d', 'month', 'last-month', '2026-10', '2026-10-01..2026-10-15']) {
      const args = parseSpendArgs(words(`app ranker ${range}`));
      assert.equal(args.range, range);
      // Each range reads as a span of the organisation's local days.
      assert.ok(
        daysIn(
          parseRange(args.range, { now: new Date('2026-11-22T12:00:00Z'), timeZone: 'Europe/Berlin' }),
          'Europe/Berlin',
        ).length >= 1,
        range,
      );
    }
  });

  it('explains what it does not understand', () => {
    assert.throws(() => parseSpendArgs(words('sideways')), ArgumentError);
    assert.throws(() => parseSpendArgs(words('team')), /needs a name/);
    assert.throws(() => parseSpendArgs(words('team a model b')), /Only one of/);
    assert.throws(() => parseSpendArgs(words('by colour')), /"by" takes/);
    assert.throws(() => parseSpendArgs(words('@ada')), /@ menu/);
    assert.throws(() => parseSpendArgs(words('7d 30d')), /One range/);
  });
});

describe('spend blocks', () => {
  it('draws a sparkline scaled to the largest day, bucketing long ranges', () => {
    assert.equal(sparkline([0, 1, 2, 4, 8]), '▁▂▃▅█');
    assert.equal(sparkline(new Array(90).fill(1)).length, 30);
    assert.equal(sparkline([0, 0]), '▁▁');
  });

  it('stays within Block Kit limits however long the names, in messages and App Home', () => {
    const long = 'x'.repeat(5000);
    const report: SpendReport = {
      subject: `Team ${long}`,
      rangeLabel: 'November 2026',
      timeZone: 'UTC',
      by: 'model',
      totals: {
        requests: 10,
        inputTokens: 100,
        cacheReadTokens: 10,
        cacheWriteTokens: 0,
        outputTokens: 5,
        reasoningTokens: 0,
        costNanos: 1e9,
      },
      breakdown: Array.from({ length: 8 }, (_, i) => ({ key: `${i}${long}`, costNanos: 1e8, tokens: 10 })),
      rest: { keys: 3, costNanos: 2e8 },
      daily: Array.from({ length: 365 }, (_, i) => ({ day: `d${i}`, costNanos: i })),
      budgets: [],
    };
    const now = new Date('2026-11-16T11:00:00Z');
    const budget: Budget = {
      scope: 'team',
      subject: long,
      unit: 'tokens',
      period: 'month',
      limit: 1e12,
      thresholds: [80],
      hardCapPercent: 100,
    };
    const status = quotaStatus({ budget, grants: [], used: 5e11, at: now, timeZone: 'UTC' });
    const use = {
      scope: `team ${long}`,
      status,
      forecast: forecastPeriod({ series: [], period: status.period, now, limit: status.limit }),
    };
    const withBudgets = { ...report, budgets: [use, use] };
    assert.deepEqual(blockKitProblems(spendBlocks(withBudgets), 50), []);
    assert.deepEqual(
      blockKitProblems(homeView({ mine: withBudgets, team: { name: long, report: withBudgets } }).blocks, 100),
      [],
    );
    assert.deepEqual(blockKitProblems(helpBlocks(long), 50), []);
  });
});

describe('budget line', () => {
  const now = new Date('2026-11-16T11:00:00Z');
  const budget: Budget = {
    scope: 'team',
    subject: 'search',
    unit: 'usd',
    period: 'month',
    limit: 100e9,
    thresholds: [80],
    hardCapPercent: null,
  };
  const period = periodContaining(now, 'month', 'Europe/Berlin');
  // $5 a day for the first 15 days: $75 used, on pace for about $150 in a 30-day month.
  const series = Array.from({ length: 15 }, (_, i) => ({
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
    amount: 5e9,
  }));

  it('shows use as a percentage of the quota in force and the forecast to the period end, in the organisation’s days', () => {
    const status = quotaStatus({
      budget,
      grants: [{ amount: 20e9, approvedAt: new Date('2026-11-02T00:00:00Z') }],
      used: 75e9,
      at: now,
      timeZone: 'Europe/Berlin',
    });
    const forecast = forecastPeriod({ series, period, now, limit: status.limit });
    const line = budgetLine({ scope: 'team search', status, forecast });
    assert.match(line, /\*Budget 2026-11\* \(team search\): \$75 of \$120 — \*63%\*/);
    assert.match(line, /forecast \$147\.50 by 2026-11-30/);
    assert.match(line, /projected to run out on 2026-11-25/);
  });

  it('says when the budget is already spent', () => {
    const status = quotaStatus({ budget, grants: [], used: 120e9, at: now, timeZone: 'Europe/Berlin' });
    const forecast = forecastPeriod({
      series: [...series, { day: '2026-11-16', amount: 45e9 }],
      period,
      now,
      limit: status.limit,
    });
    assert.match(budgetLine({ scope: 'team search', status, forecast }), /120%.*\n.*over budget/);
  });
});
