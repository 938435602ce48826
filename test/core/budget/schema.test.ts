import { strict as assert } from 'node:assert';
import type { z } from 'zod';
import {
  BudgetError,
  budgetInputSchema,
  budgetSchema,
  formatAmount,
  grantSchema,
  parseAmount,
  quotaRequestSchema,
  timeZoneSchema,
} from '../../../core/budget';

const USD = 1_000_000_000;
const issues = (result: { success: boolean; error?: z.ZodError }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('budget amounts and schemas', () => {
  describe('parseAmount / formatAmount', () => {
    it('reads dollars and tokens as people write them', () => {
      assert.deepEqual(parseAmount('$500'), { unit: 'usd', amount: 500 * USD });
      assert.deepEqual(parseAmount('$1,250.50'), { unit: 'usd', amount: 1250.5 * USD });
      assert.deepEqual(parseAmount('200 USD'), { unit: 'usd', amount: 200 * USD });
      assert.deepEqual(parseAmount('$1.5k'), { unit: 'usd', amount: 1500 * USD });
      assert.deepEqual(parseAmount('2M tokens'), { unit: 'tokens', amount: 2_000_000 });
      assert.deepEqual(parseAmount('250,000 tokens'), { unit: 'tokens', amount: 250_000 });
      assert.deepEqual(parseAmount('$0.10'), { unit: 'usd', amount: 100_000_000 });
    });

    it('needs a unit for a bare number unless one is given', () => {
      assert.throws(() => parseAmount('500'), /say whether it is dollars/);
      assert.deepEqual(parseAmount('500', 'tokens'), { unit: 'tokens', amount: 500 });
    });

    it('rejects zero, nonsense and mixed units', () => {
      assert.throws(() => parseAmount('$0'), /more than zero/);
      assert.throws(() => parseAmount('lots'), BudgetError);
      assert.throws(() => parseAmount('$5 tokens'), /write dollars as \$500/);
      assert.throws(() => parseAmount('-5 usd'), BudgetError);
    });

    it('keeps thousands groups but refuses a decimal comma, showing the accepted forms', () => {
      assert.deepEqual(parseAmount('1,500,000 tokens'), { unit: 'tokens', amount: 1_500_000 });
      assert.deepEqual(parseAmount('$12,000'), { unit: 'usd', amount: 12_000 * USD });
      for (const text of ['1,5M', '$1,5', '1,50 tokens', '1,5000 tokens', '$1,25.50']) {
        assert.throws(
          () => parseAmount(text, 'tokens'),
          (error: Error) => {
            assert.ok(error instanceof BudgetError);
            assert.match(error.message, /a comma only separates thousands \(1,500,000\) and decimals take a point/);
            assert.match(
              error.message,
              /\$500, \$1,250\.50 or 500 usd, and tokens as 2M tokens, 1\.5M tokens or 1,500,000 tokens/,
            );
            return true;
          },
        );
      }
    });

    it('refuses a fraction of a token rather than rounding it, and reads a scaled fraction exactly', () => {
      for (const text of ['0.5', '1.5', '1.5 tokens', '2.0000005M tokens'])
        assert.throws(() => parseAmount(text, 'tokens'), /tokens are whole/, text);
      assert.deepEqual(parseAmount('1.5M tokens'), { unit: 'tokens', amount: 1_500_000 });
      assert.deepEqual(parseAmount('1.1M tokens'), { unit: 'tokens', amount: 1_100_000 });
      assert.deepEqual(parseAmount('2.0', 'tokens'), { unit: 'tokens', amount: 2 });
      assert.deepEqual(parseAmount('$0.000000001'), { unit: 'usd', amount: 1 });
      assert.throws(() => parseAmount('$0.0000000015'), /at most nine decimal places/);
      assert.throws(() => parseAmount('9,007,199,254,740,992 tokens'), /too large/);
    });

    it('writes amounts back', () => {
      assert.equal(formatAmount({ unit: 'usd', amount: 1250.5 * USD }), '$1,250.50');
      assert.equal(formatAmount({ unit: 'tokens', amount: 2_000_000 }), '2,000,000 tokens');
      assert.equal(formatAmount({ unit: 'tokens', amount: 1 }), '1 token');
    });
  });

  describe('budgets', () => {
    it('fills defaults and orders thresholds', () => {
      const budget = budgetSchema.parse({
        scope: 'team',
        subject: 'ml',
        unit: 'usd',
        period: 'month',
        limit: 500 * USD,
        thresholds: [100, 50, 80, 80],
      });
      assert.deepEqual(budget.thresholds, [50, 80, 100]);
      assert.equal(budget.hardCapPercent, 100);
      assert.deepEqual(
        budgetSchema.parse({
          scope: 'user',
          subject: 'U1',
          unit: 'tokens',
          period: 'day',
          limit: 1,
          hardCapPercent: null,
        }).thresholds,
        [50, 80, 100],
      );
    });

    it('names every bad field', () => {
      const result = budgetSchema.safeParse({
        scope: 'org',
        subject: ' ',
        unit: 'eur',
        period: 'year',
        limit: -5,
        thresholds: [0, '50'],
        hardCapPercent: 1001,
      });
      assert.deepEqual(issues(result), {
        scope: 'must be organization, team, user, environment or app',
        subject: 'must not be empty',
        unit: 'must be tokens or usd',
        period: 'must be day, week or month',
        limit: 'must be more than zero',
        'thresholds.0': 'must be more than 0 %',
        'thresholds.1': 'must be a percentage',
        hardCapPercent: 'must be at most 1000 %',
      });
    });

    it('takes a written amount from people', () => {
      const budget = budgetInputSchema.parse({ scope: 'team', subject: 'ml', period: 'week', amount: '$250' });
      assert.deepEqual([budget.unit, budget.limit], ['usd', 250 * USD]);
      assert.deepEqual(
        issues(budgetInputSchema.safeParse({ scope: 'team', subject: '', period: 'week', amount: '250' })),
        {
          subject: 'must not be empty',
          amount: 'Amount "250": say whether it is dollars ($500) or tokens (500 tokens)',
        },
      );
    });
  });

  describe('grants', () => {
    it('accepts stored dates as strings and rejects an expiry before approval', () => {
      const grant = grantSchema.parse({
        amount: 5,
        approvedAt: '2026-11-22T10:00:00Z',
        expiresAt: '2026-12-01T00:00:00Z',
      });
      assert.equal(grant.expiresAt?.toISOString(), '2026-12-01T00:00:00.000Z');
      assert.deepEqual(issues(grantSchema.safeParse({ amount: 0, approvedAt: 'soon' })), {
        amount: 'must be more than zero',
        approvedAt: 'must be a date-time',
      });
      assert.deepEqual(
        issues(
          grantSchema.safeParse({ amount: 5, approvedAt: '2026-11-22T10:00:00Z', expiresAt: '2026-11-01T00:00:00Z' }),
        ),
        {
          expiresAt: 'must be after approvedAt',
        },
      );
    });
  });

  describe('quota requests', () => {
    // 22 Nov 2026 23:30 UTC is already 23 Nov in Kolkata.
    const schema = quotaRequestSchema({ now: new Date('2026-11-22T23:30:00Z'), timeZone: 'Asia/Kolkata' });
    const base = { team: 'ml', amount: '$200', reason: 'eval run' };

    it('a temporary increase lasts through its end date in the organisation time zone', () => {
      const request = schema.parse({ ...base, duration: 'temporary', until: '2026-11-30' });
      assert.deepEqual(request, {
        team: 'ml',
        unit: 'usd',
        amount: 200 * USD,
        until: '2026-11-30',
        expiresAt: new Date('2026-11-30T18:30:00Z'),
        reason: 'eval run',
      });
      assert.equal(schema.parse({ ...base, duration: 'temporary', until: '2026-11-23' }).until, '2026-11-23');
    });

    it('a permanent increase has no end; a bare amount takes the unit field', () => {
      const request = schema.parse({ ...base, amount: '500000', unit: 'tokens', duration: 'permanent' });
      assert.deepEqual([request.unit, request.amount, request.expiresAt], ['tokens', 500_000, null]);
    });

    it('gives each modal field its own error', () => {
      assert.deepEqual(
        issues(schema.safeParse({ team: '', amount: '-3', duration: 'temporary', until: '2026-11-22', reason: ' ' })),
        {
          team: 'must not be empty',
          amount:
            'Amount "-3": write dollars as $500, $1,250.50 or 500 usd, and tokens as 2M tokens, 1.5M tokens or 1,500,000 tokens',
          until: 'must be today or later',
          reason: 'please say why the increase is needed',
        },
      );
      assert.deepEqual(
        issues(schema.safeParse({ ...base, amount: 'plenty', duration: 'temporary', until: '2026-11-22' })),
        {
          amount:
            'Amount "plenty": write dollars as $500, $1,250.50 or 500 usd, and tokens as 2M tokens, 1.5M tokens or 1,500,000 tokens',
          until: 'must be today or later',
        },
      );
      assert.deepEqual(issues(schema.safeParse({ ...base, duration: 'temporary' })), {
        until: 'a temporary increase needs an end date',
      });
      assert.deepEqual(issues(schema.safeParse({ ...base, duration: 'temporary', until: '2026-02-30' })), {
        until: 'must be a calendar date written YYYY-MM-DD',
      });
      assert.deepEqual(issues(schema.safeParse({ ...base, duration: 'temporary', until: '2028-01-01' })), {
        until: 'must be within a year; ask for a permanent increase instead',
      });
      assert.deepEqual(issues(schema.safeParse({ ...base, duration: 'permanent', until: '2026-12-01' })), {
        until: 'only a temporary increase has an end date',
      });
      assert.deepEqual(issues(schema.safeParse({ ...base, duration: 'forever' })), {
        duration: 'must be permanent or temporary',
      });
    });
  });

  it('time zones must be IANA names', () => {
    assert.equal(timeZoneSchema.safeParse('Pacific/Chatham').success, true);
    assert.deepEqual(issues(timeZoneSchema.safeParse('GMT+25')), {
      '': 'must be an IANA time zone such as Europe/London',
    });
  });
});
