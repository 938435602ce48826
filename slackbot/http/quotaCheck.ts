// GET /v1/quota/check?team=…&user=…&tokens=…&usd=…: the enforcement hook gateways call before a model request.
// Bearer-token authenticated like POST /v1/usage. Every call reads the budgets, the grants in force and the
// period's use from the store (roll-ups, a few indexed rows), so a decision is never made on a stale copy: an
// approval or an acknowledged ingest counts from the next check on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { addExact, checkQuota, MAX_EVENT_COST_NANOS, NANOS_PER_USD, periodContaining, type Budget, type BudgetUnit, type Period, type PeriodKind, type QuotaDecision, type QuotaInput } from '../../core';
import { teamOf, type BotContext } from '../context';
import { localDay } from '../ledger';
import { budgetsInForce } from '../quota/budgets';
import { tokensOf } from '../spend/report';
import { authorized } from './ingest';
import { sendJson } from './respond';

const name = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

export const checkQuerySchema = z
  .strictObject(
    {
      team: name.optional(),
      user: name.optional(),
      tokens: z
        .string()
        .regex(/^\d{1,15}$/, 'must be a whole number of tokens, 0 or more')
        .transform(Number)
        .optional(),
      usd: z
        .string()
        .regex(/^\d{1,9}(\.\d{1,9})?$/, 'must be an amount of dollars such as 0.25, 0 or more')
        // Nano-dollars from the digits themselves: no floating-point product (1.005 × 10^9 is 1004999999.9999999) to round.
        .transform((text) => {
          const [whole, fraction = ''] = text.split('.');
          return Number(BigInt(whole!) * BigInt(NANOS_PER_USD) + BigInt(fraction.padEnd(9, '0')));
        })
        .refine((nanos) => nanos <= MAX_EVENT_COST_NANOS, 'must be at most 1000000, the most one call may cost')
        .optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter; use team, user, tokens and usd` : undefined) },
  )
  .refine((query) => query.team !== undefined || query.user !== undefined, { path: ['team'], message: 'give team, user or both' });

export type CheckQuery = z.output<typeof checkQuerySchema>;

interface Remaining {
  tokens?: number;
  /** Nano-dollars (1 USD = 10^9). */
  usdNanos?: number;
}

export interface CheckAnswer {
  allow: boolean;
  reason: string;
  /** The least left before a budget denies, per unit, over every budget that applies. */
  remaining: Remaining;
  team: { name: string; remaining: Remaining } | null;
  user: { id: string; remaining: Remaining } | null;
  budgets: Array<{ scope: string; subject: string; unit: BudgetUnit; period: string; periodKey: string; limit: number; used: number; remaining: number; allow: boolean }>;
}

/** A query string as one value per parameter; a parameter given twice is an error naming it. */
export function queryParams(url: string): { params: Record<string, string> } | { field: string; message: string } {
  const search = new URL(url, 'http://localhost').searchParams;
  const params: Record<string, string> = {};
  for (const key of new Set(search.keys())) {
    if (search.getAll(key).length > 1) return { field: key, message: 'given more than once' };
    params[key] = search.get(key)!;
  }
  return { params };
}

const remainingOf = (decision: QuotaDecision, scope: Budget['scope']): Remaining => {
  const remaining: Remaining = {};
  for (const item of decision.decisions) {
    if (item.budget.scope !== scope) continue;
    const key = item.budget.unit === 'usd' ? 'usdNanos' : 'tokens';
    remaining[key] = Math.min(remaining[key] ?? Infinity, item.remaining);
  }
  return remaining;
};

/** The decision for a checked query at `bot.now()`: the organisation's, the team's and the user's budgets. */
export async function quotaCheck(bot: BotContext, query: CheckQuery): Promise<CheckAnswer> {
  const now = bot.now();
  // A gateway that knows only the user is checked against the policy team listing them too.
  const team = query.team ?? (query.user ? teamOf(bot.policy, query.user) : undefined);
  const applies = (budget: Budget) =>
    budget.scope === 'organization' || (budget.scope === 'team' && budget.subject === team) || (budget.scope === 'user' && budget.subject === query.user);
  const budgets = (await budgetsInForce(bot.policy, bot.store)).filter(applies);
  const grants = budgets.length ? await bot.store.grantsInForce(now) : [];
  const periods = new Map<PeriodKind, Period>();
  const periodOf = (kind: PeriodKind) => periods.get(kind) ?? periods.set(kind, periodContaining(now, kind, bot.timeZone)).get(kind)!;
  const inputs: QuotaInput[] = await Promise.all(
    budgets.map(async (budget) => {
      const period = periodOf(budget.period);
      const filter = budget.scope === 'organization' ? undefined : { dimension: budget.scope, values: [budget.subject] };
      // The period's local days: its first, and the day of its last millisecond.
      const rows = await bot.store.spend({ fromDay: localDay(period.start.getTime(), bot.timeZone), toDay: localDay(period.end.getTime() - 1, bot.timeZone), by: 'team', filter });
      const used = rows.reduce((sum, row) => addExact(sum, budget.unit === 'usd' ? row.costNanos : tokensOf(row)), 0);
      const own = grants.filter((grant) => grant.scope === budget.scope && grant.subject === budget.subject && grant.unit === budget.unit);
      return { budget, grants: own, used };
    }),
  );
  const decision = checkQuota({ budgets: inputs, at: now, timeZone: bot.timeZone, requestTokens: query.tokens, requestCostNanos: query.usd });
  return {
    allow: decision.allow,
    reason: decision.reason,
    remaining: { ...(decision.remaining.tokens === undefined ? {} : { tokens: decision.remaining.tokens }), ...(decision.remaining.usd === undefined ? {} : { usdNanos: decision.remaining.usd }) },
    team: team === undefined ? null : { name: team, remaining: remainingOf(decision, 'team') },
    user: query.user === undefined ? null : { id: query.user, remaining: remainingOf(decision, 'user') },
    budgets: decision.decisions.map(({ budget, limit, used, remaining, allow }) => ({
      scope: budget.scope,
      subject: budget.subject,
      unit: budget.unit,
      period: budget.period,
      periodKey: periodOf(budget.period).key,
      limit,
      used,
      remaining,
      allow,
    })),
  };
}

export async function checkQuotaRoute(req: IncomingMessage, res: ServerResponse, bot: BotContext): Promise<void> {
  if (!authorized(req, bot.config.ingestToken)) {
    sendJson(res, 401, { error: 'missing or wrong bearer token' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const split = queryParams(req.url ?? '/');
  if ('field' in split) return sendJson(res, 400, { error: `${split.field}: ${split.message}`, field: split.field });
  const parsed = checkQuerySchema.safeParse(split.params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
    return sendJson(res, 400, { error: `${field}: ${issue.message}`, field });
  }
  sendJson(res, 200, await quotaCheck(bot, parsed.data));
}
