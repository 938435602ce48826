// Budgets declared in the policy file, as the budgets the quota functions take.
import { NANOS_PER_USD } from '../pricing';
import type { Policy, PolicyBudget } from '../policy';
import type { Budget, BudgetScope } from './quota';

/**
 * One budget per unit the policy sets (a policy budget may cap dollars, tokens or both). The policy's `hardCap`
 * switch becomes a cap at 100 % of the quota.
 */
export function budgetsFromPolicy(policy: Policy): Budget[] {
  const convert = (scope: BudgetScope, subject: string, entry: PolicyBudget): Budget[] => {
    const common = {
      scope,
      subject,
      period: entry.period,
      thresholds: entry.thresholds,
      hardCapPercent: entry.hardCap ? 100 : null,
    };
    return [
      ...(entry.amountUsd === undefined
        ? []
        : [{ ...common, unit: 'usd' as const, limit: Math.max(1, Math.round(entry.amountUsd * NANOS_PER_USD)) }]),
      ...(entry.tokens === undefined ? [] : [{ ...common, unit: 'tokens' as const, limit: entry.tokens }]),
    ];
  };
  const { organization, teams, environments, apps } = policy.budgets;
  return [
    ...(organization ? convert('organization', 'organization', organization) : []),
    ...Object.entries(teams).flatMap(([team, entry]) => convert('team', team, entry)),
    ...Object.entries(environments).flatMap(([environment, entry]) => convert('environment', environment, entry)),
    ...Object.entries(apps).flatMap(([app, entry]) => convert('app', app, entry)),
  ];
}
