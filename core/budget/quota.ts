// Budgets, quotas and the decisions built on them. Everything here is a pure function of its inputs: the quota at
// an instant follows from the base budget and the grants, so a temporary increase expires by itself.
import { addExact, exactAmount } from '../pricing';
import { formatAmount, type BudgetUnit } from './amount';
import { periodContaining, type Period, type PeriodKind, type PeriodOptions } from './period';

export type BudgetScope = 'organization' | 'team' | 'user' | 'environment' | 'app';

export interface Budget {
  scope: BudgetScope;
  /** Team name, the user's id, the environment's or app's name (as gateways send them), or `organization`. */
  subject: string;
  unit: BudgetUnit;
  period: PeriodKind;
  /** Base quota per period: whole tokens, or nano-dollars when `unit` is `usd`. */
  limit: number;
  /** Percentages of the quota (to 0.01) that raise an alert once per period each, ascending (e.g. 50, 80, 100). */
  thresholds: number[];
  /** Requests that would take use past this percentage of the quota are denied; null: alerts only. */
  hardCapPercent: number | null;
}

/** An approved increase, in the budget's unit. */
export interface Grant {
  amount: number;
  approvedAt: Date;
  /** A temporary grant is in effect until this instant (exclusive); a permanent one has none. */
  expiresAt?: Date | null;
}

export interface QuotaContext extends PeriodOptions {
  at: Date;
  timeZone: string;
}

export interface QuotaInput {
  budget: Budget;
  grants: readonly Grant[];
  /** Use so far in the budget's period containing `at` (the caller sums its ledger over `periodContaining`). */
  used: number;
}

export interface ThresholdCrossing {
  threshold: number;
  /** Stable per budget, period and threshold: store it to post each crossing once per period. */
  key: string;
}

export interface QuotaStatus {
  budget: Budget;
  period: Period;
  /** Base budget plus the grants in effect. */
  limit: number;
  used: number;
  /** Left before the quota is reached, never negative. */
  remaining: number;
  percent: number;
  crossed: ThresholdCrossing[];
  /** The use at which requests are denied, or null when the budget only alerts. */
  hardCap: number | null;
  /** Use has reached or passed the hard cap: any further request is denied. */
  overHardCap: boolean;
}

export function effectiveQuota(budget: Budget, grants: readonly Grant[], at: Date): number {
  const time = at.getTime();
  return grants.reduce((limit, grant) => {
    const active = grant.approvedAt.getTime() <= time && (grant.expiresAt == null || time < grant.expiresAt.getTime());
    return active ? addExact(limit, grant.amount) : limit;
  }, budget.limit);
}

// Percentages in hundredths, compared in BigInt: nano-dollar quotas times 10,000 exceed 2^53.
const hundredths = (percent: number) => BigInt(Math.round(percent * 100));

function reached(used: number, threshold: number, limit: number): boolean {
  return used > 0 && BigInt(used) * 10_000n >= hundredths(threshold) * BigInt(limit);
}

/** The thresholds (percent of `limit`) that a change of use from `previousUsed` to `newUsed` crossed upwards. */
export function thresholdCrossings(
  previousUsed: number,
  newUsed: number,
  limit: number,
  thresholds: readonly number[],
): number[] {
  return thresholds.filter(
    (threshold) => !reached(previousUsed, threshold, limit) && reached(newUsed, threshold, limit),
  );
}

export function thresholdKey(
  budget: Pick<Budget, 'scope' | 'subject' | 'unit'>,
  periodKey: string,
  threshold: number,
): string {
  return `${budget.scope}:${encodeURIComponent(budget.subject)}:${budget.unit}:${periodKey}:${threshold}`;
}

function hardCapOf(budget: Budget, limit: number): number | null {
  return budget.hardCapPercent === null
    ? null
    : exactAmount((BigInt(limit) * hundredths(budget.hardCapPercent)) / 10_000n);
}

export function quotaStatus(input: QuotaInput & QuotaContext): QuotaStatus {
  const { budget, grants, used, at } = input;
  const period = periodContaining(at, budget.period, input.timeZone, input);
  const limit = effectiveQuota(budget, grants, at);
  const hardCap = hardCapOf(budget, limit);
  return {
    budget,
    period,
    limit,
    used,
    remaining: Math.max(0, limit - used),
    percent: (used * 100) / limit,
    crossed: budget.thresholds
      .filter((threshold) => reached(used, threshold, limit))
      .map((threshold) => ({ threshold, key: thresholdKey(budget, period.key, threshold) })),
    hardCap,
    overHardCap: hardCap !== null && used >= hardCap,
  };
}

export interface QuotaCheck extends QuotaContext {
  /** Every budget that applies to the caller (their own and their team's, in tokens and in dollars). */
  budgets: readonly QuotaInput[];
  requestTokens?: number;
  requestCostNanos?: number;
}

export interface BudgetDecision {
  budget: Budget;
  allow: boolean;
  limit: number;
  used: number;
  /** How much more may be spent before this budget denies: up to the hard cap, or the quota when there is none. */
  remaining: number;
}

export interface QuotaDecision {
  allow: boolean;
  /** One sentence for people and logs: why the request is allowed or which budget denies it. */
  reason: string;
  /** The least remaining over the budgets of each unit. */
  remaining: Partial<Record<BudgetUnit, number>>;
  decisions: BudgetDecision[];
}

/**
 * The enforcement hook's decision: a request is allowed when, for every budget with a hard cap, use plus the
 * request stays within the cap. A request of unknown size (0) is allowed while use is below every cap.
 */
export function checkQuota(check: QuotaCheck): QuotaDecision {
  const decisions = check.budgets.map(({ budget, grants, used }): BudgetDecision => {
    const limit = effectiveQuota(budget, grants, check.at);
    const hardCap = hardCapOf(budget, limit);
    const request = (budget.unit === 'usd' ? check.requestCostNanos : check.requestTokens) ?? 0;
    const ceiling = hardCap ?? limit;
    return {
      budget,
      // In BigInt: use plus a large request may pass 2^53.
      allow: hardCap === null || (used < hardCap && BigInt(used) + BigInt(request) <= BigInt(hardCap)),
      limit,
      used,
      remaining: Math.max(0, ceiling - used),
    };
  });
  const remaining: Partial<Record<BudgetUnit, number>> = {};
  for (const { budget, remaining: left } of decisions)
    remaining[budget.unit] = Math.min(remaining[budget.unit] ?? Infinity, left);
  const denied = decisions.find((decision) => !decision.allow);
  return {
    allow: !denied,
    reason: denied ? budgetDenial(denied, check) : decisions.length === 0 ? 'No budget applies' : 'Within every budget',
    remaining,
    decisions,
  };
}

/** Why a budget denies the checked request, in one sentence. */
export function budgetDenial(
  { budget, used, limit }: BudgetDecision,
  check: Pick<QuotaCheck, 'requestTokens' | 'requestCostNanos'>,
): string {
  const amount = (value: number) => formatAmount({ unit: budget.unit, amount: value });
  const cap = hardCapOf(budget, limit) ?? limit;
  const request = budget.unit === 'usd' ? check.requestCostNanos : check.requestTokens;
  const period = budget.period === 'day' ? 'daily' : `${budget.period}ly`;
  const name = `${period} ${budget.unit === 'usd' ? 'dollar' : 'token'} budget of ${budget.scope} ${budget.subject}`;
  return used >= cap
    ? `The ${name} has reached its hard cap: ${amount(used)} of ${amount(cap)} used`
    : `The request (${amount(request ?? 0)}) would pass the hard cap of the ${name}: ${amount(used)} of ${amount(cap)} used`;
}
