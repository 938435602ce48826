import { strict as assert } from 'node:assert';
import { budgetsFromPolicy } from '../../../core/budget';
import { policySchema } from '../../../core/policy';

describe('budgets from the policy file', () => {
  it('makes one budget per unit, with the organisation thresholds as default and hardCap as a 100 % cap', () => {
    const policy = policySchema.parse({
      teams: { ml: { members: ['U0001'], approvers: ['U0002'] } },
      budgets: {
        organization: { amountUsd: 10_000 },
        teams: { ml: { amountUsd: 500.25, tokens: 2_000_000, period: 'week', thresholds: [75, 90.5], hardCap: true } },
      },
      alerts: { thresholds: [50, 100] },
    });
    assert.deepEqual(budgetsFromPolicy(policy), [
      {
        scope: 'organization',
        subject: 'organization',
        period: 'month',
        thresholds: [50, 100],
        hardCapPercent: null,
        unit: 'usd',
        limit: 10_000_000_000_000,
      },
      {
        scope: 'team',
        subject: 'ml',
        period: 'week',
        thresholds: [75, 90.5],
        hardCapPercent: 100,
        unit: 'usd',
        limit: 500_250_000_000,
      },
      {
        scope: 'team',
        subject: 'ml',
        period: 'week',
        thresholds: [75, 90.5],
        hardCapPercent: 100,
        unit: 'tokens',
        limit: 2_000_000,
      },
    ]);
  });
});
