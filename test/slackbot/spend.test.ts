import { strict as assert } from 'node:assert';
import { daysIn, forecastPeriod, parseRange, periodContaining, quotaStatus, type Budget } from '../../core';
import { helpBlocks } from '../../slackbot/blocks/help';
import { homeView } from '../../slackbot/blocks/home';
import { budgetLine, spendBlocks } from '../../slackbot/blocks/spend';
import { sparkline } from '../../slackbot/blocks/text';
import { ArgumentError, parseSpendArgs, words } from '../../slackbot/spend/args';
import type { SpendReport } from '../../slackbot/spend/report';
import { loadConfig } from '../../slackbot/config';
import { promptFile, promptLink } from '../../slackbot/repository';
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

  it('reads spend by prompt and one prompt id, refusing what the prompt roll-up cannot answer', () => {
    assert.deepEqual(parseSpendArgs(words('by prompt 7d')), {
      filter: undefined,
      range: '7d',
      by: 'prompt',
      public: false,
    });
    assert.equal(parseSpendArgs(words('app ranker by prompt')).by, 'prompt');
    assert.deepEqual(parseSpendArgs(words('prompt src/triage.ts#triageTicket last-week')), {
      filter: { dimension: 'prompt', value: 'src/triage.ts#triageTicket' },
      range: 'last-week',
      by: 'model',
      public: false,
    });
    assert.equal(parseSpendArgs(words('prompt "Weekly digest" by app')).filter?.value, 'Weekly digest');
    assert.throws(() => parseSpendArgs(words('prompt')), /"prompt" needs the id the audit prints/);
    assert.throws(
      () => parseSpendArgs(['prompt', `src/a.ts#x\u202egnp`]),
      /That prompt id won't do: it must not contain invisible or text-direction characters/,
    );
    assert.throws(
      () => parseSpendArgs(['prompt', 'p'.repeat(513)]),
      /That prompt id won't do: it must be at most 512 characters/,
    );
    assert.throws(() => parseSpendArgs(words('team search by prompt')), /organisation or one app: .* no team/);
    assert.throws(() => parseSpendArgs(words('prompt src/a.ts#x by team')), /breaks down by model or app/);
    assert.throws(() => parseSpendArgs(words('app ranker prompt src/a.ts#x')), /Only one of/);
  });
});

describe('prompt links', () => {
  const repository = { url: 'https://github.com/acme/app', branch: 'release/2026' };

  it('links an id naming a relative file to that file on the branch', () => {
    assert.equal(
      promptLink('src/triage.ts#triageTicket', repository),
      'https://github.com/acme/app/blob/release/2026/src/triage.ts',
    );
    assert.equal(
      promptLink('prompts/@team/c++.prompt.md', repository),
      'https://github.com/acme/app/blob/release/2026/prompts/%40team/c%2B%2B.prompt.md',
    );
    assert.equal(promptLink('src/triage.ts#triageTicket', undefined), undefined);
  });

  it('never links an id that is not a relative path', () => {
    for (const id of [
      'Weekly digest',
      'triage',
      '/etc/passwd#x',
      '../secrets.ts#x',
      'src/../../x.ts#y',
      './src/a.ts#x',
      'https://evil.example/a.ts#x',
      'javascript:alert(1).ts',
      'src//a.ts#x',
      'src/a b.ts#x',
      'src/a.ts|evil>#x',
      'C:\\src\\a.ts#x',
    ])
      assert.equal(promptFile(id), undefined, id);
  });

  it('takes REPOSITORY_URL only as an https repository address, with REPOSITORY_BRANCH defaulting to main', () => {
    const base = {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing-secret-0123456',
      INGEST_TOKEN: 'ingest-token-0123456789',
    };
    assert.deepEqual(loadConfig({ ...base, REPOSITORY_URL: 'https://github.com/acme/app/' }).repository, {
      url: 'https://github.com/acme/app',
      branch: 'main',
    });
    assert.equal(loadConfig(base).repository, undefined);
    for (const url of [
      'http://github.com/acme/app',
      'https://token@github.com/acme/app',
      'https://github.com/acme/app?x=1',
      'javascript:alert(1)',
    ])
      assert.throws(() => loadConfig({ ...base, REPOSITORY_URL: url }), /REPOSITORY_URL: must be/, url);
    assert.throws(
      () => loadConfig({ ...base, REPOSITORY_URL: 'https://github.com/acme/app', REPOSITORY_BRANCH: 'a b' }),
      /REPOSITORY_BRANCH: must be a branch name/,
    );
  });

  it('keeps READ_TOKEN apart from the tokens that write usage or read the audit trail', () => {
    const base = {
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'signing-secret-0123456',
      INGEST_TOKEN: 'ingest-token-0123456789',
    };
    assert.equal(loadConfig(base).readToken, undefined);
    assert.equal(loadConfig({ ...base, READ_TOKEN: 'read-token-0123456789' }).readToken, 'read-token-0123456789');
    assert.throws(
      () => loadConfig({ ...base, READ_TOKEN: base.INGEST_TOKEN }),
      /READ_TOKEN: must differ from INGEST_TOKEN/,
    );
    assert.throws(
      () => loadConfig({ ...base, AUDIT_TOKEN: 'audit-token-0123456789', READ_TOKEN: 'audit-token-0123456789' }),
      /READ_TOKEN: must differ/,
    );
    assert.throws(() => loadConfig({ ...base, READ_TOKEN: 'short' }), /READ_TOKEN: must be at least 16/);
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
      topPrompts: Array.from({ length: 5 }, (_, i) => ({
        key: `src/${i}${'p'.repeat(500)}.ts#x`,
        costNanos: 1e8,
        tokens: 10,
        link: `https://github.com/acme/${'r'.repeat(480)}/blob/main/src/${i}${'p'.repeat(500)}.ts`,
      })),
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
