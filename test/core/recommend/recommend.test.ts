import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findModel, ladder, listModels, tierRank, type ModelInfo } from '../../../core/models';
import { parsePolicy } from '../../../core/policy';
import { estimatePromptCost } from '../../../core/pricing';
import { recommendModel, tierServes, type Recommendation, type RecommendInput } from '../../../core/recommend';
import { labelledPrompts } from './labelled';

const triage = labelledPrompts.find((p) => p.app === 'support triage')!;
const invoice = labelledPrompts.find((p) => p.app === 'invoice processing')!;
const agent = labelledPrompts.find((p) => p.app === 'customer service agent')!;
const sql = labelledPrompts.find((p) => p.app === 'analytics SQL assistant')!;
const claims = labelledPrompts.find((p) => p.app === 'insurance claims')!;
const releaseNotes = labelledPrompts.find((p) => p.app === 'release notes')!;

const monthly = (model: string, input: { promptTokens: number; outputTokens: number; callsPerDay: number }) =>
  estimatePromptCost({ model, ...input }).perMonth;

/** The catalog entry of a recommended model, at the provider it was recommended at. */
function chosenModel(recommendation: { model: string; provider: string }): ModelInfo {
  return (
    listModels({ provider: recommendation.provider }).find((m) => m.id === recommendation.model) ??
    chosenModel(recommendation)
  );
}

/** The recommendation, which the test expects to exist. */
function recommend(input: RecommendInput): Recommendation {
  const { recommendation, notSure } = recommendModel(input);
  assert.ok(recommendation, notSure ?? 'no recommendation');
  return recommendation;
}

function base(prompt: { prompt: string; callSite?: RecommendInput['callSite'] }, model: string): RecommendInput {
  return {
    promptText: prompt.prompt,
    promptTokens: 450,
    outputTokens: 300,
    model,
    callsPerDay: 20000,
    callSite: prompt.callSite,
  };
}

describe('tier recommendation', () => {
  it('moves a classification prompt from the frontier model to the cheapest small one of the same provider', () => {
    const recommendation = recommend(base(triage, 'gpt-5.6-sol'));
    assert.equal(recommendation.taskClass, 'classification');
    assert.equal(recommendation.provider, 'openai');
    assert.equal(recommendation.tier, 'small');
    const cheapest = ladder('openai')
      .filter((m) => m.tier === 'small')
      .map((m) => ({ id: m.id, cost: monthly(m.id, { promptTokens: 450, outputTokens: 300, callsPerDay: 20000 }) }))
      .sort((a, b) => a.cost - b.cost)[0]!;
    assert.equal(recommendation.model, cheapest.id);
  });

  it('reports the saving as the pricing module computes it, in integer nano-dollars', () => {
    const recommendation = recommend(base(triage, 'gpt-5.6-sol'));
    const volume = { promptTokens: 450, outputTokens: 300, callsPerDay: 20000 };
    const from = monthly('gpt-5.6-sol', volume);
    const to = monthly(recommendation.model, volume);
    assert.equal(recommendation.from, 'gpt-5.6-sol');
    assert.equal(recommendation.currentPerMonth, from);
    assert.equal(recommendation.recommendedPerMonth, to);
    assert.equal(recommendation.savingPerMonth, from - to);
    assert.ok(Number.isInteger(recommendation.savingPerMonth));
    assert.equal(recommendation.savingPercent, Math.round(((from - to) / from) * 1000) / 10);
    assert.ok(recommendation.confidence > 0.5);
    assert.ok(recommendation.reasons.some((r) => r.includes('classify')));
  });

  it('keeps reasoning where it is and says why, code generation on medium or above', () => {
    const reasoning = recommendModel(base(claims, 'claude-opus-5'));
    assert.equal(reasoning.recommendation, undefined);
    assert.match(reasoning.notSure!, /^not sure: /);
    const code = recommend(base(sql, 'gpt-5.6-sol'));
    assert.equal(code.taskClass, 'code-generation');
    assert.equal(code.tier, 'medium');
  });

  it('keeps long rewrites off small models', () => {
    const short = recommend({ ...base(releaseNotes, 'claude-opus-5'), outputTokens: 400 });
    assert.equal(short.tier, 'small');
    const long = recommend({ ...base(releaseNotes, 'claude-opus-5'), outputTokens: 3000 });
    assert.notEqual(long.tier, 'small');
  });

  it('never suggests a model whose context window cannot hold prompt and output', () => {
    const promptTokens = 600_000;
    const recommendation = recommend({ ...base(invoice, 'gpt-5.6-sol'), promptTokens });
    const model = chosenModel(recommendation);
    assert.ok(model.contextWindow >= promptTokens + 300, `${model.id} has ${model.contextWindow}`);
    assert.notEqual(recommendation.model, 'gpt-5.4-nano');
    assert.ok(
      recommendation.reasons.includes('not gpt-5.4-nano: context window 400,000 < 600,300 tokens'),
      recommendation.reasons.join('\n'),
    );
  });

  it('counts the call site max tokens as output that must fit', () => {
    const uncapped = recommend(base(triage, 'moonshotai/kimi-k2-instruct'));
    assert.equal(uncapped.model, 'llama-3.1-8b-instant');
    // That model writes at most 8,192 tokens, so a call allowed 20,000 goes elsewhere.
    const capped = recommend({ ...base(triage, 'moonshotai/kimi-k2-instruct'), callSite: { maxTokens: 20_000 } });
    assert.notEqual(capped.model, 'llama-3.1-8b-instant');
    assert.ok(chosenModel(capped).maxOutputTokens >= 20_000);
  });

  it('requires every capability the call uses', () => {
    // Groq's ladder has no vision model: an image call has nowhere cheaper to go.
    assert.equal(
      recommendModel({ ...base(triage, 'moonshotai/kimi-k2-instruct'), callSite: { hasImages: true } }).recommendation,
      undefined,
    );
    // Its small model has no JSON mode, so a JSON-mode extraction goes to the next model that has it.
    const json = recommend({ ...base(invoice, 'moonshotai/kimi-k2-instruct'), callSite: { jsonMode: true } });
    assert.notEqual(json.model, 'llama-3.1-8b-instant');
    assert.ok(chosenModel(json).capabilities.jsonMode);
  });

  it('keeps agentic prompts with tools on a large model with tool use', () => {
    const recommendation = recommend(base(agent, 'claude-opus-5'));
    assert.equal(recommendation.taskClass, 'agentic');
    assert.ok(['large', 'frontier'].includes(recommendation.tier));
    assert.ok(chosenModel(recommendation).capabilities.tools);
    assert.ok(recommendation.reasons.includes('supports tools'));
  });

  it('only suggests models the policy approves for the environment, including approved older models', () => {
    const policy = parsePolicy(
      'approvedModels:\n  production: [gpt-4o-mini, "gpt-5.6-*"]\n  development: ["*"]\n',
      'tokenwise.config.yaml',
    );
    const production = recommend({ ...base(triage, 'gpt-4o'), policy });
    assert.equal(production.model, 'gpt-4o-mini');
    assert.ok(production.reasons.includes('approved for production'));
    const development = recommend({ ...base(triage, 'gpt-4o'), policy, environment: 'development' });
    assert.ok(
      ladder('openai').some((m) => m.id === development.model),
      'a bare "*" approves the ladder, not every old model',
    );
    const flashOnly = parsePolicy('approvedModels:\n  production: [gemini-3.6-flash]\n', 'tokenwise.config.yaml');
    const google = recommend({ ...base(triage, 'gemini-3.1-pro-preview'), policy: flashOnly });
    assert.equal(google.model, 'gemini-3.6-flash');
    assert.ok(
      google.reasons.includes('not gemini-3.1-flash-lite: not approved for production'),
      google.reasons.join('\n'),
    );
    const locked = parsePolicy('approvedModels:\n  default: [gpt-5.6-sol]\n', 'tokenwise.config.yaml');
    assert.equal(recommendModel({ ...base(triage, 'gpt-5.6-sol'), policy: locked }).recommendation, undefined);
  });

  it('stays with the provider unless asked to cross providers', () => {
    const same = recommend(base(triage, 'claude-opus-5'));
    assert.equal(same.provider, 'anthropic');
    const across = recommend({ ...base(triage, 'claude-opus-5'), acrossProviders: true });
    assert.ok(across.recommendedPerMonth <= same.recommendedPerMonth);
  });

  it('uses the policy custom models of a self-hosted provider', () => {
    const policy = parsePolicy(
      [
        'customModels:',
        '  llama-3.3-70b-internal: { provider: self-hosted, inputPerMTok: 0.6, outputPerMTok: 0.9, contextWindow: 128000, maxOutputTokens: 8192, tier: large }',
        '  llama-3.2-3b-internal: { provider: self-hosted, inputPerMTok: 0.05, outputPerMTok: 0.08, contextWindow: 128000, maxOutputTokens: 8192, tier: small }',
        '  qwen-tiny-internal: { provider: self-hosted, inputPerMTok: 0.01, outputPerMTok: 0.01, tier: small }',
      ].join('\n'),
      'tokenwise.config.yaml',
    );
    const recommendation = recommend({ ...base(triage, 'llama-3.3-70b-internal'), policy });
    // The cheaper tiny model states no context window, so it cannot be shown to fit.
    assert.equal(recommendation.model, 'llama-3.2-3b-internal');
    // A custom model claims no tool use, so a tool-using call stays where it is.
    assert.equal(
      recommendModel({ ...base(triage, 'llama-3.3-70b-internal'), policy, callSite: { usesTools: true } })
        .recommendation,
      undefined,
    );
  });

  it('returns nothing for unknown models or the cheapest model, and withholds a smaller tier on no evidence, saying why', () => {
    assert.equal(recommendModel(base(triage, 'no-such-model-9000')).recommendation, undefined);
    assert.equal(recommendModel(base(triage, 'llama-3.1-8b-instant')).recommendation, undefined);
    const unclear = recommendModel({ ...base(triage, 'gpt-5.6-sol'), promptText: 'Hello there.', callSite: undefined });
    assert.deepEqual(unclear, { notSure: 'not sure: no task features found' }, 'no evidence: no smaller tier, and why');
  });

  it('holds its guarantees for any labelled prompt, model and size', function () {
    this.timeout(30_000);
    const models = [
      'gpt-5.6-sol',
      'gpt-4o',
      'claude-opus-5',
      'claude-sonnet-5',
      'gemini-3.1-pro-preview',
      'moonshotai/kimi-k2-instruct',
    ];
    const policy = parsePolicy(
      'approvedModels:\n  production: ["gpt-5*", "claude-*", "gemini-*", "openai/*", "llama-*"]\n',
      'p.yaml',
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...labelledPrompts),
        fc.constantFrom(...models),
        fc.integer({ min: 1, max: 1_200_000 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.record({ usesTools: fc.boolean(), jsonMode: fc.boolean(), hasImages: fc.boolean() }),
        fc.boolean(),
        (example, model, promptTokens, outputTokens, callSite, acrossProviders) => {
          const input = {
            promptText: example.prompt,
            promptTokens,
            outputTokens,
            model,
            callsPerDay: 1000,
            callSite,
            policy,
            acrossProviders,
          };
          const { recommendation } = recommendModel(input);
          if (!recommendation) return;
          const chosen = chosenModel(recommendation);
          assert.ok(chosen.contextWindow >= promptTokens + outputTokens);
          assert.ok(chosen.maxOutputTokens >= outputTokens);
          assert.ok(!callSite.usesTools || chosen.capabilities.tools);
          assert.ok(!callSite.jsonMode || chosen.capabilities.jsonMode);
          assert.ok(!callSite.hasImages || chosen.capabilities.vision);
          assert.ok(/^(gpt-5|claude-|gemini-|openai\/|llama-)/.test(chosen.id), `${chosen.id} is not approved`);
          assert.ok(
            acrossProviders ||
              chosen.provider === (findModel(model) ?? ladder('groq').find((m) => m.id === model))!.provider,
          );
          const current = findModel(model) ?? ladder('groq').find((m) => m.id === model)!;
          if (recommendation.kind === 'smaller-tier')
            assert.ok(tierServes(chosen.tier, recommendation.taskClass!, outputTokens));
          else assert.ok(tierRank(chosen.tier) >= tierRank(current.tier) && recommendation.taskClass === undefined);
          assert.ok(
            recommendation.reasons.length > 0 && recommendation.confidence > 0 && recommendation.confidence <= 1,
          );
          assert.ok(
            recommendation.savingPerMonth > 0 && recommendation.recommendedPerMonth < recommendation.currentPerMonth,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
