// GET /v1/quota/check?team=…&user=…&tokens=…&usd=…: the enforcement hook gateways call before a model request.
// Bearer-token authenticated like POST /v1/usage. Every call reads the budgets, the grants in force, the period's
// use (roll-ups, a few indexed rows) and the breaker from the store in one read (one query on PostgreSQL), so a
// decision is never made on a stale copy: an approval or an acknowledged ingest counts from the next check on. With environment, app, session… the request
// also meets the policy's guardrails (size limits, rate limits, the runaway-loop breaker); a request every rule
// allows is counted in the rate limits and its breaker's window, atomically in the store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  addExact,
  breakerActive,
  breakerDenial,
  breakerIdentity,
  budgetDenial,
  checkQuota,
  guardrailDecision,
  guardrailRules,
  MAX_EVENT_COST_NANOS,
  NANOS_PER_USD,
  periodContaining,
  priceUsage,
  rateDenial,
  rateSteps,
  requestLimitDenials,
  ruleApplies,
  UnpricedModelError,
  type Budget,
  type BudgetUnit,
  type Denial,
  type GuardedRequest,
  type GuardrailRules,
  type Period,
  type PeriodKind,
  type Policy,
  type QuotaDecision,
  type QuotaInput,
} from '../../core';
import { teamOf, type BotContext } from '../context';
import { localDay } from '../ledger';
import { budgetsWith } from '../quota/budgets';
import type { BreakerRecord } from '../store/guardrails';
import type { DailyUse, RollupDimension } from '../store/store';
import { authorized } from './ingest';
import { sendJson } from './respond';

const name = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const tokenCount = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number of tokens, 0 or more')
  .transform(Number);

const PARAMETERS =
  'team, user, environment, app, session, apiKey, model, fingerprint, tokens, inputTokens, outputTokens and usd';

export const checkQuerySchema = z
  .strictObject(
    {
      team: name.optional(),
      user: name.optional(),
      environment: z
        .string()
        .regex(
          /^[A-Za-z][\w-]{0,63}$/,
          'must be an environment name such as dev (a letter, then letters, digits, _ or -)',
        )
        .optional(),
      app: name.optional(),
      session: name.optional(),
      /** An API key's alias or hash as the gateway names it: never the key itself. */
      apiKey: name.optional(),
      model: name.optional(),
      /** A hash of the request; its characters rule out prompt text. */
      fingerprint: z
        .string()
        .regex(
          /^[A-Za-z0-9+/=_:.-]{8,128}$/,
          'must be a hash of the request (8-128 letters, digits, + / = _ : . -), never its text',
        )
        .optional(),
      tokens: tokenCount.optional(),
      inputTokens: tokenCount.optional(),
      outputTokens: tokenCount.optional(),
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
    { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter; use ${PARAMETERS}` : undefined) },
  )
  .refine(
    (query) =>
      [query.team, query.user, query.environment, query.app, query.session].some((value) => value !== undefined),
    {
      path: ['team'],
      message: 'give team, user, environment, app or session (one or more)',
    },
  );

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
  budgets: Array<{
    scope: string;
    subject: string;
    unit: BudgetUnit;
    period: string;
    periodKey: string;
    limit: number;
    used: number;
    remaining: number;
    allow: boolean;
  }>;
  /** Every rule that denied the request (budgets, size limits, rate limits, the breaker); empty when allowed. */
  denials: Denial[];
  /** When retrying may pass: present only when every denial passes by itself (rate limits, a breaker's cool-down). */
  retryAfterSeconds?: number;
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

const rulesOfPolicy = new WeakMap<Policy, GuardrailRules>();
const rulesOf = (policy: Policy) =>
  rulesOfPolicy.get(policy) ?? rulesOfPolicy.set(policy, guardrailRules(policy.guardrails)).get(policy)!;

/** The request's cost: as the gateway gives it, else priced from the model and token counts; 0 when unknown. */
function costOf(bot: BotContext, query: CheckQuery, at: Date): number {
  if (query.usd !== undefined) return query.usd;
  if (query.model === undefined || (query.inputTokens ?? query.outputTokens) === undefined) return 0;
  try {
    return priceUsage(
      { inputTokens: query.inputTokens ?? 0, outputTokens: query.outputTokens ?? 0 },
      { model: query.model, at, customModels: bot.policy.customModels },
    ).total;
  } catch (error) {
    if (error instanceof UnpricedModelError) return 0;
    throw error;
  }
}

/**
 * The guardrails after the budgets: size limits and a breaker already tripped are read; when nothing denies, the
 * store admits the call (rate counters and the breaker's window, atomically) or says which of them denies.
 */
async function guardrailDenials(
  bot: BotContext,
  request: GuardedRequest,
  now: Date,
  earlier: readonly Denial[],
  identity: string | undefined,
  breaker: BreakerRecord | undefined,
): Promise<Denial[]> {
  const rules = rulesOf(bot.policy);
  const at = now.getTime();
  const rates = rateSteps(rules.rateLimits, request, at);
  const denials = [...earlier, ...requestLimitDenials(rules.requestLimits, request), ...rates.denials];
  const breakers = identity === undefined ? [] : rules.breakers.filter((rule) => ruleApplies(rule, request));
  if (breaker && breakerActive(breaker, at)) denials.push(breakerDenial(breaker, at));
  if (denials.length || (rates.steps.length === 0 && breakers.length === 0)) return denials;
  const call =
    identity === undefined || breakers.length === 0
      ? undefined
      : {
          identity,
          tokens: request.tokens,
          costNanos: request.costNanos,
          fingerprint: request.fingerprint ?? '',
          rules: breakers,
          context: {
            session: request.session ?? '',
            user: request.user ?? '',
            app: request.app ?? '',
            team: request.team ?? '',
            environment: request.environment ?? '',
            model: request.model ?? '',
          },
        };
  const admission = await bot.store.admit({ at: now, steps: rates.steps, call });
  if (admission.admitted) return [];
  if ('full' in admission) return admission.full.map((step) => rateDenial(step, at));
  if (admission.tripped) bot.breakerTripped?.(admission.breaker);
  return [breakerDenial(admission.breaker, at)];
}

const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month'];
const SCOPE_DIMENSION: Record<Budget['scope'], DailyUse['dimension']> = {
  organization: 'organization',
  team: 'team',
  user: 'user',
  environment: 'environment',
  app: 'app',
};

/** The decision for a checked query at `bot.now()`: the budgets that apply, then the policy's guardrails. */
export async function quotaCheck(bot: BotContext, query: CheckQuery): Promise<CheckAnswer> {
  const now = bot.now();
  // A gateway that knows only the user is checked against the policy team listing them too.
  const team = query.team ?? (query.user ? teamOf(bot.policy, query.user) : undefined);
  const subjectOf: Record<Budget['scope'], string | undefined> = {
    organization: 'organization',
    team,
    user: query.user,
    environment: query.environment,
    app: query.app,
  };
  const sized = query.inputTokens !== undefined || query.outputTokens !== undefined;
  const tokens = query.tokens ?? (sized ? (query.inputTokens ?? 0) + (query.outputTokens ?? 0) : undefined);
  const costNanos = costOf(bot, query, now);
  const request: GuardedRequest = { ...query, team, tokens: tokens ?? 0, costNanos };
  const identity = rulesOf(bot.policy).breakers.length ? breakerIdentity(request) : undefined;
  const periods = new Map(PERIOD_KINDS.map((kind) => [kind, periodContaining(now, kind, bot.timeZone)]));
  // Each period's local days: its first, and the day of its last millisecond.
  const daysOf = (period: Period) => ({
    from: localDay(period.start.getTime(), bot.timeZone),
    to: localDay(period.end.getTime() - 1, bot.timeZone),
  });
  const spans = [...periods.values()].map(daysOf);
  const subjects = (['team', 'user', 'environment', 'app'] as const)
    .filter((scope) => subjectOf[scope] !== undefined)
    .map((scope) => ({ dimension: scope as RollupDimension, key: subjectOf[scope]! }));
  // Budgets, grants, every period's use and the breaker in one read.
  const snapshot = await bot.store.quotaSnapshot({
    at: now,
    fromDay: spans.map((span) => span.from).sort()[0]!,
    toDay: spans
      .map((span) => span.to)
      .sort()
      .at(-1)!,
    subjects,
    breaker: identity,
  });
  const budgets = budgetsWith(bot.policy, snapshot.budgets).filter(
    (budget) => budget.subject === subjectOf[budget.scope],
  );
  const inputs: QuotaInput[] = budgets.map((budget) => {
    const { from, to } = daysOf(periods.get(budget.period)!);
    const dimension = SCOPE_DIMENSION[budget.scope];
    const key = budget.scope === 'organization' ? '' : budget.subject;
    const used = snapshot.use
      .filter((row) => row.dimension === dimension && row.key === key && row.day >= from && row.day <= to)
      .reduce((sum, row) => addExact(sum, budget.unit === 'usd' ? row.costNanos : row.tokens), 0);
    const own = snapshot.grants.filter(
      (grant) => grant.scope === budget.scope && grant.subject === budget.subject && grant.unit === budget.unit,
    );
    return { budget, grants: own, used };
  });
  const periodOf = (kind: PeriodKind) => periods.get(kind)!;
  const decision = checkQuota({
    budgets: inputs,
    at: now,
    timeZone: bot.timeZone,
    requestTokens: tokens,
    requestCostNanos: costNanos,
  });
  const budgetDenials = decision.decisions
    .filter((item) => !item.allow)
    .map(
      (item): Denial => ({
        kind: 'budget',
        rule: `${item.budget.scope}:${item.budget.subject}:${item.budget.unit}:${item.budget.period}`,
        reason: budgetDenial(item, { requestTokens: tokens, requestCostNanos: costNanos }),
      }),
    );
  const denials = await guardrailDenials(bot, request, now, budgetDenials, identity, snapshot.breaker);
  const verdict = guardrailDecision(denials);
  return {
    allow: verdict.allow,
    reason: verdict.reason ?? decision.reason,
    remaining: {
      ...(decision.remaining.tokens === undefined ? {} : { tokens: decision.remaining.tokens }),
      ...(decision.remaining.usd === undefined ? {} : { usdNanos: decision.remaining.usd }),
    },
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
    denials,
    ...(verdict.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: verdict.retryAfterSeconds }),
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
  const answer = await quotaCheck(bot, parsed.data);
  sendJson(
    res,
    200,
    answer,
    answer.retryAfterSeconds === undefined ? {} : { 'retry-after': String(answer.retryAfterSeconds) },
  );
}
