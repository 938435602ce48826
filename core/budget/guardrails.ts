// Guardrails the enforcement hook applies besides budgets: request size limits, per-minute rate limits and the
// runaway-loop breaker. Pure functions of the policy, the request and counts the store keeps; every window is in
// Unix milliseconds, so a change of the wall clock (DST) neither shortens nor resets one.
import { NANOS_PER_USD, formatUsd } from '../pricing';
import type { PolicyGuardrails } from '../policy';

/** What the gateway says about the request it is about to send. */
export interface GuardedRequest {
  user?: string;
  team?: string;
  app?: string;
  environment?: string;
  session?: string;
  apiKey?: string;
  /** A hash of the request the gateway computes (never the prompt text); equal requests share it. */
  fingerprint?: string;
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  /** The request's tokens for budgets and rates: as given, else input + output. */
  tokens: number;
  /** The request's cost estimate, nano-dollars (0 when unknown). */
  costNanos: number;
}

export type DenialKind = 'budget' | 'request-limit' | 'rate-limit' | 'breaker';

/** One rule that denies a request. */
export interface Denial {
  kind: DenialKind;
  /** The rule's id (policy) or the budget's name. */
  rule: string;
  reason: string;
  /** When the same request may pass again; absent when waiting will not help (a budget, a size limit). */
  retryAfterSeconds?: number;
}

type Selector = { id?: string; environment?: string; app?: string };
export type RequestLimitRule = PolicyGuardrails['requestLimits'][number] & { id: string };
export type RateLimitRule = PolicyGuardrails['rateLimits'][number] & { id: string };
export type BreakerRule = PolicyGuardrails['breakers'][number] & { id: string };

const MINUTE_MS = 60_000;

/** The policy's rules with their ids: as written, else kind and position (`rate-limit-2`). */
export function guardrailRules(guardrails: PolicyGuardrails) {
  const named = <T extends Selector>(rules: readonly T[], kind: string) =>
    rules.map((rule, i) => ({ ...rule, id: rule.id ?? `${kind}-${i + 1}` }));
  return {
    requestLimits: named(guardrails.requestLimits, 'request-limit') as RequestLimitRule[],
    rateLimits: named(guardrails.rateLimits, 'rate-limit') as RateLimitRule[],
    breakers: named(guardrails.breakers, 'breaker') as BreakerRule[],
  };
}

export type GuardrailRules = ReturnType<typeof guardrailRules>;

/** A rule names an environment or app: it applies only to requests sent with that one. */
export function ruleApplies(rule: Selector, request: Pick<GuardedRequest, 'environment' | 'app'>): boolean {
  return (
    (rule.environment === undefined || rule.environment === request.environment) &&
    (rule.app === undefined || rule.app === request.app)
  );
}

const tokensText = (count: number) => `${count.toLocaleString('en-US')} token${count === 1 ? '' : 's'}`;
const where = (rule: Selector) =>
  [rule.environment && `environment ${rule.environment}`, rule.app && `app ${rule.app}`].filter(Boolean).join(', ');

/** Size limits of one request: input and output tokens against every rule that applies. */
export function requestLimitDenials(rules: readonly RequestLimitRule[], request: GuardedRequest): Denial[] {
  const denials: Denial[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, request)) continue;
    const scope = where(rule) ? ` (${where(rule)})` : '';
    for (const [side, size, max] of [
      ['input', request.inputTokens, rule.maxInputTokens],
      ['output', request.outputTokens, rule.maxOutputTokens],
    ] as const) {
      if (max === undefined || size === undefined || size <= max) continue;
      denials.push({
        kind: 'request-limit',
        rule: rule.id,
        reason: `The request's ${side} of ${tokensText(size)} is over the limit of ${tokensText(max)} per request${scope}`,
      });
    }
  }
  return denials;
}

/** One rate-limit counter a request takes a step of: the rule, who it counts, and its one-minute window. */
export interface RateStep {
  rule: string;
  /** `user:U123`, `app:triage`… */
  subject: string;
  /** Start and end (exclusive) of the minute, Unix ms. */
  windowStart: number;
  windowEnd: number;
  /** Limits, null when the rule sets none. */
  rpm: number | null;
  tpm: number | null;
  /** Tokens the request adds. */
  tokens: number;
}

const RATE_SUBJECT: Record<RateLimitRule['per'], keyof GuardedRequest> = {
  user: 'user',
  app: 'app',
  environment: 'environment',
  apiKey: 'apiKey',
};

/** The minute (Unix ms, aligned to the minute) containing `at`. */
export function minuteWindow(at: number): { start: number; end: number } {
  const start = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  return { start, end: start + MINUTE_MS };
}

/**
 * The counters a request steps, one per rate rule that applies and whose subject the request names; a request
 * larger than a rule's whole tokens per minute is denied outright (waiting would not help).
 */
export function rateSteps(
  rules: readonly RateLimitRule[],
  request: GuardedRequest,
  at: number,
): { steps: RateStep[]; denials: Denial[] } {
  const window = minuteWindow(at);
  const steps: RateStep[] = [];
  const denials: Denial[] = [];
  for (const rule of rules) {
    const value = request[RATE_SUBJECT[rule.per]];
    if (!ruleApplies(rule, request) || value === undefined) continue;
    if (rule.tpm !== undefined && request.tokens > rule.tpm) {
      denials.push({
        kind: 'rate-limit',
        rule: rule.id,
        reason: `The request's ${tokensText(request.tokens)} are more than the ${tokensText(rule.tpm)} per minute ${rule.per} ${value} may use`,
      });
      continue;
    }
    steps.push({
      rule: rule.id,
      subject: `${rule.per}:${value}`,
      windowStart: window.start,
      windowEnd: window.end,
      rpm: rule.rpm ?? null,
      tpm: rule.tpm ?? null,
      tokens: request.tokens,
    });
  }
  // Sorted, so concurrent checks lock counters in one order.
  steps.sort((a, b) =>
    a.rule === b.rule ? (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) : a.rule < b.rule ? -1 : 1,
  );
  return { steps, denials };
}

/** The denial of a step its counter refused: retry when its minute ends. */
export function rateDenial(step: RateStep, at: number): Denial {
  const limits = [step.rpm !== null && `${step.rpm} requests`, step.tpm !== null && tokensText(step.tpm)]
    .filter(Boolean)
    .join(' and ');
  const [per, ...name] = step.subject.split(':');
  return {
    kind: 'rate-limit',
    rule: step.rule,
    reason: `The rate limit of ${limits} per minute for ${per} ${name.join(':')} is reached this minute`,
    retryAfterSeconds: Math.max(1, Math.ceil((step.windowEnd - at) / 1000)),
  };
}

/** Whose calls a breaker counts: the agent session, else the user's calls from the app; none when neither is known. */
export function breakerIdentity(request: Pick<GuardedRequest, 'session' | 'user' | 'app'>): string | undefined {
  if (request.session !== undefined) return `session:${request.session}`;
  if (request.user === undefined) return undefined;
  return `user-app:${request.user}:${request.app ?? ''}`;
}

/** Calls of one identity within a breaker's window, the checked call included. */
export interface WindowTotals {
  calls: number;
  tokens: number;
  costNanos: number;
  /** Calls carrying the checked call's fingerprint (0 without one). */
  repeats: number;
}

/** Start (inclusive, Unix ms) of the breaker's window ending at `at`; calls before `countsFrom` (its last reset) never count. */
export function breakerWindowStart(rule: Pick<BreakerRule, 'windowMinutes'>, at: number, countsFrom: number): number {
  return Math.max(at - rule.windowMinutes * MINUTE_MS + 1, countsFrom);
}

/** Why the totals trip the breaker, or undefined while they stay within every threshold. */
export function breakerVerdict(rule: BreakerRule, totals: WindowTotals): string | undefined {
  const window = `${rule.windowMinutes} minute${rule.windowMinutes === 1 ? '' : 's'}`;
  if (rule.maxCalls !== undefined && totals.calls > rule.maxCalls)
    return `${totals.calls} calls in ${window}, over the limit of ${rule.maxCalls}`;
  if (rule.maxRepeats !== undefined && totals.repeats > rule.maxRepeats)
    return `the same request ${totals.repeats} times in ${window}, over the limit of ${rule.maxRepeats}`;
  if (rule.maxTokens !== undefined && totals.tokens > rule.maxTokens)
    return `${tokensText(totals.tokens)} in ${window}, over the limit of ${tokensText(rule.maxTokens)}`;
  const maxNanos = rule.maxUsd === undefined ? undefined : Math.round(rule.maxUsd * NANOS_PER_USD);
  if (maxNanos !== undefined && totals.costNanos > maxNanos)
    return `${formatUsd(totals.costNanos)} in ${window}, over the limit of ${formatUsd(maxNanos)}`;
  return undefined;
}

/** When a breaker tripped at `at` by `rule` resets by itself. */
export function coolDownEnd(rule: Pick<BreakerRule, 'coolDownMinutes'>, at: number): number {
  return at + rule.coolDownMinutes * MINUTE_MS;
}

/** A tripped breaker as the hook reports it. */
export interface TrippedBreaker {
  identity: string;
  rule: string;
  /** Why it tripped (breakerVerdict's words). */
  reason: string;
  trippedAt: Date;
  /** When it resets by itself; null when it was kept blocked until someone releases it. */
  until: Date | null;
}

/** Whether the breaker still blocks at `at`. */
export function breakerActive(breaker: Pick<TrippedBreaker, 'until'>, at: number): boolean {
  return breaker.until === null || breaker.until.getTime() > at;
}

export function breakerDenial(breaker: TrippedBreaker, at: number): Denial {
  const who = breaker.identity.startsWith('session:')
    ? `session ${breaker.identity.slice('session:'.length)}`
    : `user ${breaker.identity.split(':')[1]} in app ${breaker.identity.split(':').slice(2).join(':') || '(none)'}`;
  const until = breaker.until === null ? 'until an approver releases it' : `until ${breaker.until.toISOString()}`;
  return {
    kind: 'breaker',
    rule: breaker.rule,
    reason: `Runaway-loop breaker tripped for ${who} since ${breaker.trippedAt.toISOString()}: ${breaker.reason}; blocked ${until}`,
    ...(breaker.until === null
      ? {}
      : { retryAfterSeconds: Math.max(1, Math.ceil((breaker.until.getTime() - at) / 1000)) }),
  };
}

/**
 * The hook's one decision over every rule that denied: allowed when none did; the reason names each; retry after the
 * latest wait only when every denial passes by itself.
 */
export function guardrailDecision(denials: readonly Denial[]): {
  allow: boolean;
  reason?: string;
  retryAfterSeconds?: number;
} {
  if (denials.length === 0) return { allow: true };
  const waits = denials.map((denial) => denial.retryAfterSeconds);
  const retryAfterSeconds = waits.every((wait) => wait !== undefined) ? Math.max(...(waits as number[])) : undefined;
  return {
    allow: false,
    reason: denials.map((denial) => denial.reason).join('; '),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}
