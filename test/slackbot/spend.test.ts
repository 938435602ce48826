import { strict as assert } from 'node:assert';
import { helpBlocks } from '../../slackbot/blocks/help';
import { spendBlocks } from '../../slackbot/blocks/spend';
import { sparkline } from '../../slackbot/blocks/text';
import { ArgumentError, parseSpendArgs, words } from '../../slackbot/spend/args';
import type { SpendReport } from '../../slackbot/spend/report';
import { blockKitProblems } from './support/slackApi';

describe('/tokens spend arguments', () => {
  it('reads filters, ranges, breakdowns and public in any order', () => {
    assert.deepEqual(parseSpendArgs(words('team search 7d')), { filter: { dimension: 'team', value: 'search' }, range: '7d', by: 'user', public: false });
    assert.deepEqual(parseSpendArgs(words('public by app <@U123|ada> last-month')), { filter: { dimension: 'user', value: 'U123' }, range: 'last-month', by: 'app', public: true });
    assert.deepEqual(parseSpendArgs(words('model "gpt-4o mini" 2026-10-01..2026-10-15')).filter, { dimension: 'model', value: 'gpt-4o mini' });
    assert.deepEqual(parseSpendArgs([]), { filter: undefined, range: 'month', by: 'team', public: false });
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

  it('stays within Block Kit limits however long the names', () => {
    const long = 'x'.repeat(5000);
    const report: SpendReport = {
      subject: `Team ${long}`,
      rangeLabel: 'November 2026',
      timeZone: 'UTC',
      by: 'model',
      totals: { requests: 10, inputTokens: 100, cacheReadTokens: 10, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: 0, costNanos: 1e9 },
      breakdown: Array.from({ length: 8 }, (_, i) => ({ key: `${i}${long}`, costNanos: 1e8, tokens: 10 })),
      rest: { keys: 3, costNanos: 2e8 },
      daily: Array.from({ length: 365 }, (_, i) => ({ day: `d${i}`, costNanos: i })),
    };
    assert.deepEqual(blockKitProblems(spendBlocks(report), 50), []);
    assert.deepEqual(blockKitProblems(helpBlocks(long), 50), []);
  });
});
