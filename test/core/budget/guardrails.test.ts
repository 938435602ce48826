import { strict as assert } from 'node:assert';
import {
  breakerActive,
  breakerDenial,
  breakerIdentity,
  breakerVerdict,
  breakerWindowStart,
  budgetsFromPolicy,
  coolDownEnd,
  guardrailDecision,
  guardrailRules,
  minuteWindow,
  rateDenial,
  rateSteps,
  requestLimitDenials,
  type GuardedRequest,
} from '../../../core/budget';
import { policySchema } from '../../../core/policy';

const policy = policySchema.parse({
  budgets: {
    environments: { dev: { tokens: 2_000_000, period: 'day', hardCap: true } },
    apps: { triage: { amountUsd: 50, period: 'week' } },
  },
  guardrails: {
    requestLimits: [
      { environment: 'dev', maxInputTokens: 8000, maxOutputTokens: 1000 },
      { id: 'triage-out', app: 'triage', maxOutputTokens: 500 },
    ],
    rateLimits: [
      { per: 'user', rpm: 60 },
      { id: 'dev-key', per: 'apiKey', environment: 'dev', tpm: 100_000 },
    ],
    breakers: [
      { id: 'agent-spend', maxUsd: 5 },
      { id: 'loops', windowMinutes: 2, maxCalls: 100, maxRepeats: 20, coolDownMinutes: 15 },
    ],
  },
});
const rules = guardrailRules(policy.guardrails);
const request = (fields: Partial<GuardedRequest>): GuardedRequest => ({ tokens: 0, costNanos: 0, ...fields });
const AT = Date.parse('2026-11-23T09:00:42.500Z');

describe('guardrails', () => {
  it('reads environment and app budgets from the policy file', () => {
    assert.deepEqual(
      budgetsFromPolicy(policy).map((b) => [b.scope, b.subject, b.unit, b.period, b.limit, b.hardCapPercent]),
      [
        ['environment', 'dev', 'tokens', 'day', 2_000_000, 100],
        ['app', 'triage', 'usd', 'week', 50_000_000_000, null],
      ],
    );
  });

  it('names rules by kind and position unless the policy names them, with defaults for breakers', () => {
    assert.deepEqual(
      rules.requestLimits.map((rule) => rule.id),
      ['request-limit-1', 'triage-out'],
    );
    assert.deepEqual(
      rules.rateLimits.map((rule) => rule.id),
      ['rate-limit-1', 'dev-key'],
    );
    assert.deepEqual(
      rules.breakers.map((rule) => [rule.id, rule.windowMinutes, rule.coolDownMinutes]),
      [
        ['agent-spend', 10, 30],
        ['loops', 2, 15],
      ],
    );
  });

  it('refuses guardrails that set no limit, or an unknown counting key, naming the field', () => {
    for (const [guardrails, path] of [
      [{ requestLimits: [{ environment: 'dev' }] }, 'guardrails.requestLimits.0'],
      [{ rateLimits: [{ per: 'team', rpm: 5 }] }, 'guardrails.rateLimits.0.per'],
      [{ rateLimits: [{ per: 'user' }] }, 'guardrails.rateLimits.0'],
      [{ breakers: [{ windowMinutes: 10 }] }, 'guardrails.breakers.0'],
      [{ breakers: [{ maxCalls: 10, windowMinutes: 0 }] }, 'guardrails.breakers.0.windowMinutes'],
    ] as const) {
      const result = policySchema.safeParse({ guardrails });
      assert.equal(result.success, false, path);
      assert.equal(result.error!.issues[0]!.path.join('.'), path);
    }
  });

  it('denies a request over a size limit of its environment or app, each side on its own', () => {
    assert.deepEqual(
      requestLimitDenials(rules.requestLimits, request({ environment: 'dev', inputTokens: 8000, outputTokens: 1000 })),
      [],
    );
    assert.deepEqual(
      requestLimitDenials(rules.requestLimits, request({ environment: 'prod', inputTokens: 90_000 })),
      [],
    );
    const denials = requestLimitDenials(
      rules.requestLimits,
      request({ environment: 'dev', app: 'triage', inputTokens: 8001, outputTokens: 600 }),
    );
    assert.deepEqual(
      denials.map((denial) => [denial.rule, denial.retryAfterSeconds]),
      [
        ['request-limit-1', undefined],
        ['triage-out', undefined],
      ],
    );
    assert.equal(
      denials[0]!.reason,
      "The request's input of 8,001 tokens is over the limit of 8,000 tokens per request (environment dev)",
    );
  });

  it('steps one counter per rate rule whose subject the request names, in the minute it falls in', () => {
    assert.deepEqual(minuteWindow(AT), {
      start: Date.parse('2026-11-23T09:00:00Z'),
      end: Date.parse('2026-11-23T09:01:00Z'),
    });
    const { steps, denials } = rateSteps(
      rules.rateLimits,
      request({ user: 'U1', apiKey: 'k1', environment: 'dev', tokens: 900 }),
      AT,
    );
    assert.deepEqual(denials, []);
    assert.deepEqual(
      steps.map((step) => [step.rule, step.subject, step.rpm, step.tpm, step.tokens]),
      [
        ['dev-key', 'apiKey:k1', null, 100_000, 900],
        ['rate-limit-1', 'user:U1', 60, null, 900],
      ],
    );
    assert.equal(
      rateSteps(rules.rateLimits, request({ apiKey: 'k1', environment: 'prod' }), AT).steps.length,
      0,
      'no user, and the key rule is dev’s',
    );
    const denial = rateDenial(steps[1]!, AT);
    assert.equal(denial.retryAfterSeconds, 18, 'rounded up to the end of the minute');
    assert.equal(denial.reason, 'The rate limit of 60 requests per minute for user U1 is reached this minute');
    const huge = rateSteps(rules.rateLimits, request({ apiKey: 'k1', environment: 'dev', tokens: 100_001 }), AT);
    assert.deepEqual(
      [huge.steps.length, huge.denials[0]!.rule, huge.denials[0]!.retryAfterSeconds],
      [0, 'dev-key', undefined],
    );
  });

  it('counts a breaker per session, else per user and app', () => {
    assert.equal(breakerIdentity({ session: 's1', user: 'U1', app: 'a' }), 'session:s1');
    assert.equal(breakerIdentity({ user: 'U1', app: 'a' }), 'user-app:U1:a');
    assert.equal(breakerIdentity({ user: 'U1' }), 'user-app:U1:');
    assert.equal(breakerIdentity({ app: 'a' }), undefined);
  });

  it('trips when a window total passes a threshold, never at it, and not on calls before the last reset', () => {
    const [spend, loops] = rules.breakers as [(typeof rules.breakers)[0], (typeof rules.breakers)[0]];
    assert.equal(breakerVerdict(spend, { calls: 500, tokens: 9e6, costNanos: 5_000_000_000, repeats: 499 }), undefined);
    assert.equal(
      breakerVerdict(spend, { calls: 2, tokens: 10, costNanos: 5_100_000_000, repeats: 0 }),
      '$5.10 in 10 minutes, over the limit of $5',
    );
    assert.equal(breakerVerdict(loops, { calls: 100, tokens: 0, costNanos: 0, repeats: 20 }), undefined);
    assert.equal(
      breakerVerdict(loops, { calls: 101, tokens: 0, costNanos: 0, repeats: 21 }),
      '101 calls in 2 minutes, over the limit of 100',
    );
    assert.equal(
      breakerVerdict(loops, { calls: 30, tokens: 0, costNanos: 0, repeats: 21 }),
      'the same request 21 times in 2 minutes, over the limit of 20',
    );
    assert.equal(breakerWindowStart(loops, AT, 0), AT - 120_000 + 1);
    assert.equal(breakerWindowStart(loops, AT, AT - 5_000), AT - 5_000);
    assert.equal(coolDownEnd(loops, AT), AT + 15 * 60_000);
  });

  it('reports a tripped breaker with why and since when, until its cool-down ends or someone releases it', () => {
    const tripped = {
      identity: 'session:agent-7',
      rule: 'loops',
      reason: 'the same request 21 times in 2 minutes, over the limit of 20',
      trippedAt: new Date(AT),
      until: new Date(AT + 900_000),
    };
    assert.equal(breakerActive(tripped, AT + 899_999), true);
    assert.equal(breakerActive(tripped, AT + 900_000), false);
    assert.equal(breakerActive({ until: null }, AT + 1e12), true, 'kept blocked');
    const denial = breakerDenial(tripped, AT + 60_000);
    assert.equal(
      denial.reason,
      'Runaway-loop breaker tripped for session agent-7 since 2026-11-23T09:00:42.500Z: the same request 21 times in 2 minutes, over the limit of 20; blocked until 2026-11-23T09:15:42.500Z',
    );
    assert.equal(denial.retryAfterSeconds, 840);
    assert.ok(
      breakerDenial({ ...tripped, identity: 'user-app:U1:coder', until: null }, AT).reason.startsWith(
        'Runaway-loop breaker tripped for user U1 in app coder since 2026-11-23',
      ),
    );
    assert.equal(breakerDenial({ ...tripped, until: null }, AT).retryAfterSeconds, undefined);
  });

  it('allows when nothing denies, and retries after the longest wait only when every denial passes by itself', () => {
    assert.deepEqual(guardrailDecision([]), { allow: true });
    const rate = { kind: 'rate-limit' as const, rule: 'r', reason: 'rate', retryAfterSeconds: 18 };
    const breaker = { kind: 'breaker' as const, rule: 'b', reason: 'loop', retryAfterSeconds: 840 };
    assert.deepEqual(guardrailDecision([rate, breaker]), {
      allow: false,
      reason: 'rate; loop',
      retryAfterSeconds: 840,
    });
    assert.deepEqual(guardrailDecision([rate, { kind: 'budget', rule: 'x', reason: 'budget' }]), {
      allow: false,
      reason: 'rate; budget',
    });
  });
});
