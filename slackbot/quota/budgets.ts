// The budgets in force (the policy file's, overridden by what admins set in Slack) and their status now: base
// quota plus the grants in force, use in the current period from the ledger's roll-ups, and what is left.
import {
  addExact,
  budgetsFromPolicy,
  daysIn,
  periodContaining,
  quotaStatus,
  type Budget,
  type BudgetScope,
  type Policy,
  type QuotaStatus,
} from '../../core';
import { tokensOf } from '../spend/report';
import type { StoredBudget, StoredGrant } from '../store/quota';
import type { RollupDimension, Store } from '../store/store';

const budgetKey = (budget: Pick<Budget, 'scope' | 'subject' | 'unit'>) =>
  `${budget.scope}\u0000${budget.subject}\u0000${budget.unit}`;

/** One budget per scope, subject and unit: one set in Slack replaces the policy file's. */
export async function budgetsInForce(policy: Policy, store: Store): Promise<Budget[]> {
  return budgetsWith(policy, await store.budgets());
}

/** The policy's budgets with the admin-set ones (`stored`) in place of theirs. */
export function budgetsWith(policy: Policy, stored: readonly StoredBudget[]): Budget[] {
  const byKey = new Map<string, Budget>();
  for (const budget of budgetsFromPolicy(policy)) byKey.set(budgetKey(budget), budget);
  for (const { setBy: _by, setAt: _at, ...budget } of stored) byKey.set(budgetKey(budget), budget);
  return [...byKey.values()];
}

export interface BudgetStatus extends QuotaStatus {
  /** The grants counted in the quota now. */
  grants: StoredGrant[];
}

export interface StatusContext {
  store: Store;
  timeZone: string;
  now: Date;
}

const DIMENSION: Record<BudgetScope, RollupDimension | undefined> = {
  organization: undefined,
  team: 'team',
  user: 'user',
  environment: 'environment',
  app: 'app',
};

/**
 * Each budget's status now. `identities` gives the values a user's events may carry (their id, their email), so a
 * user budget counts every event attributed to them.
 */
export async function budgetStatuses(
  budgets: readonly Budget[],
  identities: (userId: string) => Promise<string[]>,
  { store, timeZone, now }: StatusContext,
): Promise<BudgetStatus[]> {
  const grants = await store.grantsInForce(now);
  return Promise.all(
    budgets.map(async (budget) => {
      const period = periodContaining(now, budget.period, timeZone);
      const days = daysIn(period, timeZone);
      const dimension = DIMENSION[budget.scope];
      const values = budget.scope === 'user' ? await identities(budget.subject) : [budget.subject];
      const rows = await store.spend({
        fromDay: days[0]!,
        toDay: days[days.length - 1]!,
        by: dimension ?? 'team',
        filter: dimension && { dimension, values },
      });
      const used = rows.reduce((sum, row) => addExact(sum, budget.unit === 'usd' ? row.costNanos : tokensOf(row)), 0);
      const own = grants.filter(
        (grant) => grant.scope === budget.scope && grant.subject === budget.subject && grant.unit === budget.unit,
      );
      return { ...quotaStatus({ budget, grants: own, used, at: now, timeZone }), grants: own };
    }),
  );
}
