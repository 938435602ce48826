import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  checkQuota,
  effectiveQuota,
  quotaStatus,
  thresholdCrossings,
  thresholdKey,
  type Budget,
  type Grant,
} from '../../../core/budget';

const USD = 1_000_000_000;
const at = (iso: string) => new Date(iso);
const team: Budget = {
  scope: 'team',
  subject: 'ml',
  unit: 'usd',
  period: 'month',
  limit: 1000 * USD,
  thresholds: [50, 80, 100],
  hardCapPercent: 100,
};
const user: Budget = {
  scope: 'user',
  subject: 'U123',
  unit: 'tokens',
  period: 'day',
  limit: 1_000_000,
  thresholds: [80],
  hardCapPercent: 100,
};
const context = { at: at('2026-11-22T12:00:00Z'), timeZone: 'Europe/London' };

describe('budget quotas', () => {
  describe('effectiveQuota', () => {
    const grants: Grant[] = [
      { amount: 200 * USD, approvedAt: at('2026-11-10T09:00:00Z') },
      { amount: 300 * USD, approvedAt: at('2026-11-20T09:00:00Z'), expiresAt: at('2026-11-30T00:00:00Z') },
      { amount: 50 * USD, approvedAt: at('2026-11-25T09:00:00Z') },
    ];

    it('adds permanent and unexpired temporary grants approved by then', () => {
      assert.equal(effectiveQuota(team, grants, at('2026-11-01T00:00:00Z')), 1000 * USD);
      assert.equal(effectiveQuota(team, grants, at('2026-11-22T00:00:00Z')), 1500 * USD);
      assert.equal(effectiveQuota(team, grants, at('2026-11-26T00:00:00Z')), 1550 * USD);
    });

    it('drops a temporary grant exactly at its expiry, with nothing else to do', () => {
      assert.equal(effectiveQuota(team, grants, at('2026-11-29T23:59:59.999Z')), 1550 * USD);
      assert.equal(effectiveQuota(team, grants, at('2026-11-30T00:00:00Z')), 1250 * USD);
      assert.equal(effectiveQuota(team, grants, at('2027-06-01T00:00:00Z')), 1250 * USD);
    });
  });

  describe('quotaStatus', () => {
    it('reports limit, use, remaining, percent and the thresholds reached, in the period of `at`', () => {
      const status = quotaStatus({ budget: team, grants: [], used: 850 * USD, ...context });
      assert.equal(status.period.key, '2026-11');
      assert.equal(status.limit, 1000 * USD);
      assert.equal(status.remaining, 150 * USD);
      assert.equal(status.percent, 85);
      assert.deepEqual(status.crossed, [
        { threshold: 50, key: 'team:ml:usd:2026-11:50' },
        { threshold: 80, key: 'team:ml:usd:2026-11:80' },
      ]);
      assert.equal(status.hardCap, 1000 * USD);
      assert.equal(status.overHardCap, false);
    });

    it('counts a grant towards the limit, which can un-reach a threshold', () => {
      const status = quotaStatus({
        budget: team,
        grants: [{ amount: 1000 * USD, approvedAt: at('2026-11-01T00:00:00Z') }],
        used: 850 * USD,
        ...context,
      });
      assert.deepEqual(
        status.crossed.map((crossing) => crossing.threshold),
        [],
      );
      assert.equal(status.remaining, 1150 * USD);
    });

    it('reaching the hard cap is overHardCap; remaining never goes negative', () => {
      const status = quotaStatus({ budget: team, grants: [], used: 1200 * USD, ...context });
      assert.equal(status.overHardCap, true);
      assert.equal(status.remaining, 0);
      assert.equal(status.percent, 120);
      assert.equal(quotaStatus({ budget: team, grants: [], used: 1000 * USD, ...context }).overHardCap, true);
      assert.equal(
        quotaStatus({ budget: { ...team, hardCapPercent: null }, grants: [], used: 1200 * USD, ...context }).hardCap,
        null,
      );
    });

    it('uses the period in the organisation time zone', () => {
      const status = quotaStatus({
        budget: user,
        grants: [],
        used: 0,
        at: at('2026-11-22T23:30:00Z'),
        timeZone: 'Asia/Kolkata',
      });
      assert.equal(status.period.key, '2026-11-23');
    });
  });

  describe('thresholdCrossings', () => {
    it('reports one crossing, several at once, or none', () => {
      assert.deepEqual(thresholdCrossings(40, 55, 100, [50, 80, 100]), [50]);
      assert.deepEqual(thresholdCrossings(10, 130, 100, [50, 80, 100]), [50, 80, 100]);
      assert.deepEqual(thresholdCrossings(55, 79, 100, [50, 80, 100]), []);
      assert.deepEqual(thresholdCrossings(79, 80, 100, [50, 80, 100]), [80]);
      assert.deepEqual(thresholdCrossings(80, 81, 100, [50, 80, 100]), []);
    });

    it('is exact for nano-dollar quotas beyond 2^53 / 100', () => {
      const limit = 9_000_000 * USD; // 9e15 nanos
      assert.deepEqual(thresholdCrossings(0, limit / 2 - 1, limit, [50]), []);
      assert.deepEqual(thresholdCrossings(0, limit / 2, limit, [50]), [50]);
    });

    it('handles fractional percentages exactly', () => {
      assert.deepEqual(thresholdCrossings(0, 9_049, 10_000, [90.5]), []);
      assert.deepEqual(thresholdCrossings(0, 9_050, 10_000, [90.5]), [90.5]);
    });

    it('never reports a threshold at zero use', () => {
      assert.deepEqual(thresholdCrossings(0, 0, 100, [50]), []);
    });

    it('the crossings of successive changes add up to the crossings of the whole change', () => {
      fc.assert(
        fc.property(
          fc.array(fc.nat(5000), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 1, max: 10_000 }),
          (steps, limit) => {
            const thresholds = [25, 50, 80, 100, 150];
            let used = 0;
            const seen: number[] = [];
            for (const step of steps) {
              seen.push(...thresholdCrossings(used, used + step, limit, thresholds));
              used += step;
            }
            assert.deepEqual(seen, thresholdCrossings(0, used, limit, thresholds));
          },
        ),
      );
    });

    it('keys are stable per budget, period and threshold', () => {
      assert.equal(
        thresholdKey({ scope: 'team', subject: 'data:eng', unit: 'tokens' }, '2026-W47', 80),
        'team:data%3Aeng:tokens:2026-W47:80',
      );
    });
  });

  describe('checkQuota', () => {
    const entries = (teamUsed: number, userUsed: number, grants: Grant[] = []) => [
      { budget: team, grants, used: teamUsed },
      { budget: user, grants: [], used: userUsed },
    ];

    it('allows a request within every budget and reports the least remaining per unit', () => {
      const decision = checkQuota({
        budgets: entries(400 * USD, 100_000),
        ...context,
        requestTokens: 5000,
        requestCostNanos: USD,
      });
      assert.equal(decision.allow, true);
      assert.equal(decision.reason, 'Within every budget');
      assert.deepEqual(decision.remaining, { usd: 600 * USD, tokens: 900_000 });
    });

    it('denies a request that would pass a hard cap and names the budget', () => {
      const decision = checkQuota({ budgets: entries(400 * USD, 998_000), ...context, requestTokens: 5000 });
      assert.equal(decision.allow, false);
      assert.equal(
        decision.reason,
        'The request (5,000 tokens) would pass the hard cap of the daily token budget of user U123: 998,000 tokens of 1,000,000 tokens used',
      );
      assert.equal(decision.remaining.tokens, 2000);
    });

    it('allows a request that lands exactly on the cap, then denies everything', () => {
      assert.equal(checkQuota({ budgets: entries(0, 995_000), ...context, requestTokens: 5000 }).allow, true);
      const spent = checkQuota({ budgets: entries(1000 * USD, 0), ...context });
      assert.equal(spent.allow, false);
      assert.equal(
        spent.reason,
        'The monthly dollar budget of team ml has reached its hard cap: $1,000 of $1,000 used',
      );
    });

    it('an approved increase lifts the cap; alert-only budgets never deny', () => {
      const grants = [{ amount: 500 * USD, approvedAt: at('2026-11-22T11:00:00Z') }];
      assert.equal(
        checkQuota({ budgets: entries(1000 * USD, 0, grants), ...context, requestCostNanos: 10 * USD }).allow,
        true,
      );
      const soft = [{ budget: { ...team, hardCapPercent: null }, grants: [], used: 5000 * USD }];
      assert.equal(checkQuota({ budgets: soft, ...context, requestCostNanos: USD }).allow, true);
    });

    it('a hard cap above 100 % leaves headroom over the quota', () => {
      const decision = checkQuota({
        budgets: [{ budget: { ...team, hardCapPercent: 110 }, grants: [], used: 1050 * USD }],
        ...context,
        requestCostNanos: 50 * USD,
      });
      assert.equal(decision.allow, true);
      assert.equal(decision.remaining.usd, 50 * USD);
    });

    it('allows exactly the requests that fit under the cap, with the grants in effect', () => {
      fc.assert(
        fc.property(
          fc.nat(3000),
          fc.nat(3000),
          fc.nat(1000),
          fc.option(fc.integer({ min: 50, max: 200 }), { nil: null }),
          (used, request, granted, cap) => {
            const budget: Budget = { ...user, limit: 1000, hardCapPercent: cap };
            const grants = granted ? [{ amount: granted, approvedAt: at('2026-11-01T00:00:00Z') }] : [];
            const decision = checkQuota({ budgets: [{ budget, grants, used }], ...context, requestTokens: request });
            const ceiling = cap === null ? Infinity : Math.floor(((1000 + granted) * cap) / 100);
            assert.equal(decision.allow, cap === null || (used < ceiling && used + request <= ceiling));
            assert.equal(decision.remaining.tokens, Math.max(0, (cap === null ? 1000 + granted : ceiling) - used));
          },
        ),
      );
    });

    it('allows when no budget applies', () => {
      assert.deepEqual(checkQuota({ budgets: [], ...context, requestTokens: 10 }), {
        allow: true,
        reason: 'No budget applies',
        remaining: {},
        decisions: [],
      });
    });
  });
});
