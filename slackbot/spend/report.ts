// What `/tokens spend` and App Home show, computed from the daily roll-ups: totals, a top-N breakdown, the daily
// trend, budget use with a forecast to the end of each budget's period, and the prompts behind the spend (the
// per-prompt roll-up) linked to their files when a repository is configured.
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
import type { Config } from '../config';
import { budgetsInForce } from '../quota/budgets';
import { promptLink } from '../repository';
import { addTotals, emptyTotals, type Dimension, type SpendRow, type Store, type Totals } from '../store/store';
import type { SpendArgs, SpendDimension } from './args';

export const TOP = 8;
/** Prompts named beside another breakdown (the organisation's or an app's report). */
export const TOP_PROMPTS = 5;
const DAY_MS = 86_400_000;
/** Complete days before a budget period that inform the forecast's daily rate on its first days. */
const RATE_DAYS = 14;

export interface BreakdownItem {
  key: string;
  costNanos: number;
  tokens: number;
  /** A prompt id's file in the repository. */
  link?: string;
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
  by: SpendDimension;
  totals: Totals;
  breakdown: BreakdownItem[];
  /** Keys beyond the top ones, and what they cost together. */
  rest: { keys: number; costNanos: number };
  daily: Array<{ day: string; costNanos: number }>;
  /** The subject's budgets in force, dollars first; empty when none applies. */
  budgets: BudgetUse[];
  /** The prompt ids behind the most spend (organisation and app reports, when events carry them). */
  topPrompts: BreakdownItem[];
  /** A prompt report's id, and its file in the repository when it names one and a repository is configured. */
  prompt?: { id: string; link?: string };
}

export interface SpendContext {
  store: Store;
  policy: Policy;
  timeZone: string;
  now: Date;
  /** The values a Slack user's events may carry (their id, their email). */
  identities: (userId: string) => Promise<string[]>;
  /** Where prompt ids link to (REPOSITORY_URL). */
  repository?: Config['repository'];
}

export function tokensOf(totals: Totals): number {
  return addExact(totals.inputTokens, totals.outputTokens);
}

export function subjectOf(filter: SpendArgs['filter']): string {
  if (!filter) return 'Organisation';
  if (filter.dimension === 'user') return `<@${filter.value}>`;
  return `${filter.dimension[0]!.toUpperCase()}${filter.dimension.slice(1)} ${filter.value}`;
}

/** Items ranked by cost, then tokens, then key; the top ones and what the rest add up to. */
function ranked(items: Iterable<BreakdownItem>): Pick<SpendReport, 'breakdown' | 'rest'> {
  const sorted = [...items].sort(
    (a, b) => b.costNanos - a.costNanos || b.tokens - a.tokens || (a.key < b.key ? -1 : 1),
  );
  const rest = sorted.slice(TOP);
  return {
    breakdown: sorted.slice(0, TOP),
    rest: { keys: rest.length, costNanos: rest.reduce((sum, item) => addExact(sum, item.costNanos), 0) },
  };
}

/** Spend per prompt id over the days, for every app or one, most costly first, each linked to its file. */
async function promptItems(days: readonly string[], app: string | null, context: SpendContext) {
  if (days.length === 0) return [];
  const rows = await context.store.promptUsage({ fromDay: days[0]!, toDay: days[days.length - 1]!, app });
  return rows.map((row) => {
    const item: BreakdownItem = { key: row.prompt, costNanos: row.costNanos, tokens: tokensOf(row) };
    const link = promptLink(row.prompt, context.repository);
    if (link) item.link = link;
    return item;
  });
}

/** `/tokens spend prompt ID`: one prompt id's spend by model (or app) and day; no budget is set per prompt. */
async function promptReport(
  args: SpendArgs,
  prompt: string,
  rangeLabel: string,
  days: readonly string[],
  context: SpendContext,
): Promise<SpendReport> {
  const query = days.length ? { fromDay: days[0]!, toDay: days[days.length - 1]!, app: null, prompt } : undefined;
  const [parts, perDay] = query
    ? await Promise.all([
        context.store.promptUsage({ ...query, by: 'app-model' }),
        context.store.promptUsage({ ...query, by: 'day' }),
      ])
    : [[], []];
  const totals = emptyTotals();
  const perKey = new Map<string, BreakdownItem>();
  for (const row of parts) {
    addTotals(totals, row);
    const key = (args.by === 'app' ? row.app : row.model) ?? '';
    const item = perKey.get(key) ?? { key, costNanos: 0, tokens: 0 };
    item.costNanos = addExact(item.costNanos, row.costNanos);
    item.tokens = addExact(item.tokens, tokensOf(row));
    perKey.set(key, item);
  }
  const costOfDay = new Map(perDay.map((row) => [row.day!, row.costNanos]));
  const report: SpendReport = {
    subject: `Prompt ${prompt}`,
    rangeLabel,
    timeZone: context.timeZone,
    by: args.by,
    totals,
    ...ranked(perKey.values()),
    daily: days.map((day) => ({ day, costNanos: costOfDay.get(day) ?? 0 })),
    budgets: [],
    topPrompts: [],
    prompt: { id: prompt },
  };
  const link = promptLink(prompt, context.repository);
  if (link) report.prompt!.link = link;
  return report;
}

export async function spendReport(args: SpendArgs, context: SpendContext): Promise<SpendReport> {
  const { store, timeZone, now } = context;
  const range = parseRange(args.range, { now, timeZone });
  const days = daysIn(range, timeZone);
  const named = args.filter;
  if (named?.dimension === 'prompt') return promptReport(args, named.value, range.label, days, context);
  const filter = named && {
    dimension: named.dimension,
    values: named.dimension === 'user' ? await context.identities(named.value) : [named.value],
  };
  const byPrompt = args.by === 'prompt';
  // By prompt, the daily roll-up gives the totals and the trend, and the per-prompt roll-up the breakdown.
  const by: Dimension = args.by === 'prompt' ? 'app' : args.by;
  const rows = days.length ? await store.spend({ fromDay: days[0]!, toDay: days[days.length - 1]!, by, filter }) : [];

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
  // The prompt roll-up knows app and model, so the organisation's and an app's reports can name their prompts.
  const prompts =
    !named || named.dimension === 'app' ? await promptItems(days, named ? named.value : null, context) : [];
  return {
    subject: subjectOf(named),
    rangeLabel: range.label,
    timeZone,
    by: args.by,
    totals,
    ...ranked(byPrompt ? withUntagged(prompts, totals) : perKey.values()),
    daily: days.map((day) => ({ day, costNanos: perDay.get(day) ?? 0 })),
    budgets: await budgetUse(named, filter, context),
    topPrompts: byPrompt ? [] : prompts.slice(0, TOP_PROMPTS),
  };
}

/** The prompts' items and, when some spend carried no prompt id, one item ('') for it. */
function withUntagged(prompts: BreakdownItem[], totals: Totals): BreakdownItem[] {
  const tagged = prompts.reduce(
    (sum, item) => ({ costNanos: addExact(sum.costNanos, item.costNanos), tokens: addExact(sum.tokens, item.tokens) }),
    { costNanos: 0, tokens: 0 },
  );
  const untagged = {
    key: '',
    costNanos: totals.costNanos - tagged.costNanos,
    tokens: tokensOf(totals) - tagged.tokens,
  };
  return untagged.costNanos > 0 || untagged.tokens > 0 ? [...prompts, untagged] : prompts;
}

/** The budgets a report's subject answers to: the organisation's when unfiltered, else the named team's or person's. */
function appliesTo(budget: Budget, named: { dimension: Dimension; value: string } | undefined): boolean {
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
  named: { dimension: Dimension; value: string } | undefined,
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
