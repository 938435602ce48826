// What `/tokens spend` and App Home show, computed from the daily roll-ups: totals, a top-N breakdown, the daily
// trend, and budget use with a forecast to the end of each budget's period.
import {
  addExact,
  daysIn,
  forecastPeriod,
  parseRange,
  periodContaining,
  quotaStatus,
  type Budget,
  type Forecast,
  type Policy,
  type QuotaStatus,
} from '../../core';
import { budgetsInForce } from '../quota/budgets';
import { addTotals, emptyTotals, type Dimension, type SpendRow, type Store, type Totals } from '../store/store';
import type { SpendArgs } from './args';

export const TOP = 8;
const DAY_MS = 86_400_000;
/** Complete days before a budget period that inform the forecast's daily rate on its first days. */
const RATE_DAYS = 14;

export interface BreakdownItem {
  key: string;
  costNanos: number;
  tokens: number;
}

export interface BudgetUse {
  /** 'organisation', 'team search' or a user mention. */
  scope: string;
  /** Use in the budget's current period against its quota (base plus approved increases in force). */
  status: QuotaStatus;
  forecast: Forecast;
}

export interface SpendReport {
  subject: string;
  rangeLabel: string;
  timeZone: string;
  by: Dimension;
  totals: Totals;
  breakdown: BreakdownItem[];
  /** Keys beyond the top ones, and what they cost together. */
  rest: { keys: number; costNanos: number };
  daily: Array<{ day: string; costNanos: number }>;
  /** The subject's budgets in force, dollars first; empty when none applies. */
  budgets: BudgetUse[];
}

export interface SpendContext {
  store: Store;
  policy: Policy;
  timeZone: string;
  now: Date;
  /** The values a Slack user's events may carry (their id, their email). */
  identities: (userId: string) => Promise<string[]>;
}

export function tokensOf(totals: Totals): number {
  return addExact(totals.inputTokens, totals.outputTokens);
}

export function subjectOf(filter: SpendArgs['filter']): string {
  if (!filter) return 'Organisation';
  if (filter.dimension === 'user') return `<@${filter.value}>`;
  return `${filter.dimension[0]!.toUpperCase()}${filter.dimension.slice(1)} ${filter.value}`;
}

export async function spendReport(args: SpendArgs, context: SpendContext): Promise<SpendReport> {
  const { store, timeZone, now } = context;
  const range = parseRange(args.range, { now, timeZone });
  const days = daysIn(range, timeZone);
  const filter = args.filter && {
    dimension: args.filter.dimension,
    values: args.filter.dimension === 'user' ? await context.identities(args.filter.value) : [args.filter.value],
  };
  const rows = days.length
    ? await store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by: args.by, filter })
    : [];

  const totals = emptyTotals();
  const perKey = new Map<string, BreakdownItem>();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    addTotals(totals, row);
    const item = perKey.get(row.key) ?? { key: row.key, costNanos: 0, tokens: 0 };
    item.costNanos = addExact(item.costNanos, row.costNanos);
    item.tokens = addExact(item.tokens, tokensOf(row));
    perKey.set(row.key, item);
    perDay.set(row.day, addExact(perDay.get(row.day) ?? 0, row.costNanos));
  }
  const ranked = [...perKey.values()].sort(
    (a, b) => b.costNanos - a.costNanos || b.tokens - a.tokens || (a.key < b.key ? -1 : 1),
  );
  const rest = ranked.slice(TOP);
  return {
    subject: subjectOf(args.filter),
    rangeLabel: range.label,
    timeZone,
    by: args.by,
    totals,
    breakdown: ranked.slice(0, TOP),
    rest: { keys: rest.length, costNanos: rest.reduce((sum, item) => addExact(sum, item.costNanos), 0) },
    daily: days.map((day) => ({ day, costNanos: perDay.get(day) ?? 0 })),
    budgets: await budgetUse(args.filter, filter, context),
  };
}

/** The budgets a report's subject answers to: the organisation's when unfiltered, else the named team's or person's. */
function appliesTo(budget: Budget, named: SpendArgs['filter']): boolean {
  if (!named) return budget.scope === 'organization';
  return (
    (named.dimension === 'team' || named.dimension === 'user') &&
    budget.scope === named.dimension &&
    budget.subject === named.value
  );
}

/**
 * Use of each budget in force for the subject (the policy file's, or one an admin set in Slack), against its quota
 * now (base plus the approved increases in force), with a forecast to the end of the budget's period.
 */
export async function budgetUse(
  named: SpendArgs['filter'],
  filter: { dimension: Dimension; values: string[] } | undefined,
  { store, policy, timeZone, now }: SpendContext,
): Promise<BudgetUse[]> {
  const budgets = (await budgetsInForce(policy, store))
    .filter((budget) => appliesTo(budget, named))
    .sort((a, b) => (a.unit === b.unit ? 0 : a.unit === 'usd' ? -1 : 1));
  if (budgets.length === 0) return [];
  const grants = await store.grantsInForce(now);
  return Promise.all(
    budgets.map(async (budget) => {
      const period = periodContaining(now, budget.period, timeZone);
      const days = daysIn({ start: new Date(period.start.getTime() - RATE_DAYS * DAY_MS), end: period.end }, timeZone);
      const rows = await store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by: 'team', filter });
      const amountOf = (row: SpendRow) => (budget.unit === 'usd' ? row.costNanos : tokensOf(row));
      const inPeriod = new Set(daysIn(period, timeZone));
      const used = rows.reduce((sum, row) => (inPeriod.has(row.day) ? addExact(sum, amountOf(row)) : sum), 0);
      const own = grants.filter(
        (grant) => grant.scope === budget.scope && grant.subject === budget.subject && grant.unit === budget.unit,
      );
      const status = quotaStatus({ budget, grants: own, used, at: now, timeZone });
      const forecast = forecastPeriod({
        series: rows.map((row) => ({ day: row.day, amount: amountOf(row) })),
        period,
        now,
        limit: status.limit,
      });
      return {
        scope:
          budget.scope === 'organization'
            ? 'organisation'
            : budget.scope === 'team'
              ? `team ${budget.subject}`
              : `<@${budget.subject}>`,
        status,
        forecast,
      };
    }),
  );
}
