// What `/tokens spend` and App Home show, computed from the daily roll-ups: totals, a top-N breakdown, the daily
// trend, and budget use with a forecast to the end of the budget's period (budgets from the policy file).
import { daysIn, forecastPeriod, parseRange, periodContaining, type Forecast, type Policy } from '../../core';
import { emptyTotals, type Dimension, type SpendRow, type Store, type Totals } from '../store/store';
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
  /** 'team search' or 'organisation'. */
  scope: string;
  periodKey: string;
  periodEnd: Date;
  unit: 'usd' | 'tokens';
  /** Nano-dollars or tokens. */
  limit: number;
  used: number;
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
  budget?: BudgetUse;
}

export interface SpendContext {
  store: Store;
  policy: Policy;
  timeZone: string;
  now: Date;
  /** The values a Slack user's events may carry (their id, their email). */
  identities: (userId: string) => Promise<string[]>;
}

function add(into: Totals, row: Totals): void {
  into.requests += row.requests;
  into.inputTokens += row.inputTokens;
  into.cacheReadTokens += row.cacheReadTokens;
  into.cacheWriteTokens += row.cacheWriteTokens;
  into.outputTokens += row.outputTokens;
  into.reasoningTokens += row.reasoningTokens;
  into.costNanos += row.costNanos;
}

export function tokensOf(totals: Totals): number {
  return totals.inputTokens + totals.outputTokens;
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
  const rows = days.length ? await store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by: args.by, filter }) : [];

  const totals = emptyTotals();
  const perKey = new Map<string, BreakdownItem>();
  const perDay = new Map<string, number>();
  for (const row of rows) {
    add(totals, row);
    const item = perKey.get(row.key) ?? { key: row.key, costNanos: 0, tokens: 0 };
    item.costNanos += row.costNanos;
    item.tokens += tokensOf(row);
    perKey.set(row.key, item);
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.costNanos);
  }
  const ranked = [...perKey.values()].sort((a, b) => b.costNanos - a.costNanos || b.tokens - a.tokens || (a.key < b.key ? -1 : 1));
  const rest = ranked.slice(TOP);
  return {
    subject: subjectOf(args.filter),
    rangeLabel: range.label,
    timeZone,
    by: args.by,
    totals,
    breakdown: ranked.slice(0, TOP),
    rest: { keys: rest.length, costNanos: rest.reduce((sum, item) => sum + item.costNanos, 0) },
    daily: days.map((day) => ({ day, costNanos: perDay.get(day) ?? 0 })),
    budget: await budgetUse(args.filter, filter, context),
  };
}

/** Budget use for a team (its budget) or the whole organisation; users get budgets with stored quotas. */
export async function budgetUse(
  named: SpendArgs['filter'],
  filter: { dimension: Dimension; values: string[] } | undefined,
  { store, policy, timeZone, now }: SpendContext,
): Promise<BudgetUse | undefined> {
  const budget = !named ? policy.budgets.organization : named.dimension === 'team' ? policy.budgets.teams[named.value] : undefined;
  if (!budget) return undefined;
  const period = periodContaining(now, budget.period, timeZone);
  const days = daysIn({ start: new Date(period.start.getTime() - RATE_DAYS * DAY_MS), end: period.end }, timeZone);
  const rows = await store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by: 'team', filter });
  const unit = budget.amountUsd !== undefined ? 'usd' : 'tokens';
  const amountOf = (row: SpendRow) => (unit === 'usd' ? row.costNanos : tokensOf(row));
  const limit = unit === 'usd' ? Math.round(budget.amountUsd! * 1e9) : budget.tokens!;
  const forecast = forecastPeriod({ series: rows.map((row) => ({ day: row.day, amount: amountOf(row) })), period, now, limit });
  return {
    scope: named ? `team ${named.value}` : 'organisation',
    periodKey: period.key,
    periodEnd: period.end,
    unit,
    limit,
    used: forecast.actual,
    forecast,
  };
}
