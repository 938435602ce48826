import { strict as assert } from 'node:assert';
import { calcPrice } from '@pydantic/genai-prices';
import fc from 'fast-check';
import {
  estimatePromptCost,
  formatUsd,
  priceUsage,
  PricingError,
  UnpricedModelError,
  type CustomModelPrices,
} from '../../../core/pricing';
import { BUNDLED_PRICES_AS_OF } from '../../../core/pricing/data';

const usd = (dollars: number) => Math.round(dollars * 1e9);

describe('priceUsage', () => {
  it('prices gpt-5 with 80k of 100k input cached and 2k output at $0.055, cache reads not added on top', () => {
    const cost = priceUsage({ inputTokens: 100_000, cacheReadTokens: 80_000, outputTokens: 2_000 }, { model: 'gpt-5' });
    assert.equal(cost.uncachedInput, usd(0.025)); // 20k × $1.25/M
    assert.equal(cost.cacheRead, usd(0.01)); // 80k × $0.125/M
    assert.equal(cost.output, usd(0.02)); // 2k × $10/M
    assert.equal(cost.total, usd(0.055));
    assert.equal(formatUsd(cost.total), '$0.055');
    assert.equal(cost.provider, 'openai');
    assert.equal(cost.mode, 'standard');
    assert.equal(cost.pricesAsOf, BUNDLED_PRICES_AS_OF);
    assert.equal(cost.estimated, false);
  });

  it('counts OpenAI reasoning tokens once, as part of output', () => {
    const withReasoning = priceUsage(
      { inputTokens: 1_000, outputTokens: 5_000, reasoningTokens: 4_000 },
      { model: 'gpt-5' },
    );
    const without = priceUsage({ inputTokens: 1_000, outputTokens: 5_000 }, { model: 'gpt-5' });
    assert.equal(withReasoning.total, without.total);
    assert.equal(withReasoning.output, usd(0.05));
    assert.equal(withReasoning.reasoning, usd(0.04));
    assert.equal(
      withReasoning.total,
      withReasoning.uncachedInput + withReasoning.cacheRead + withReasoning.cacheWrite + withReasoning.output,
    );
  });

  it('prices Anthropic cache writes at their write rates, 1-hour writes at the 1-hour rate', () => {
    const cost = priceUsage(
      {
        inputTokens: 10_000,
        cacheWriteTokens: 6_000,
        cacheWrite1hTokens: 2_000,
        cacheReadTokens: 1_000,
        outputTokens: 500,
      },
      { model: 'claude-haiku-4-5' },
    );
    assert.equal(cost.uncachedInput, usd((3_000 * 1) / 1e6));
    assert.equal(cost.cacheWrite, usd((4_000 * 1.25) / 1e6 + (2_000 * 2) / 1e6));
    assert.equal(cost.cacheRead, usd((1_000 * 0.1) / 1e6));
    assert.equal(cost.output, usd((500 * 5) / 1e6));
  });

  it('moves the whole request to the long-context tier when its input crosses the threshold', () => {
    const short = priceUsage(
      { inputTokens: 200_000, outputTokens: 1_000 },
      { model: 'claude-sonnet-4-5', provider: 'anthropic' },
    );
    assert.equal(short.tier, undefined);
    assert.equal(short.uncachedInput, usd(0.6));
    const long = priceUsage(
      { inputTokens: 200_001, cacheReadTokens: 100_000, outputTokens: 1_000 },
      { model: 'claude-sonnet-4-5', provider: 'anthropic' },
    );
    assert.equal(long.tier, 'input over 200,000 tokens');
    assert.equal(long.uncachedInput, usd((100_001 * 6) / 1e6));
    assert.equal(long.cacheRead, usd((100_000 * 0.6) / 1e6));
    assert.equal(long.output, usd((1_000 * 22.5) / 1e6));
  });

  it('uses the prices in force on the request date', () => {
    // OpenAI cut GPT-5.6 Luna prices by 80 % on 2026-07-30.
    const usage = { inputTokens: 100_000, outputTokens: 0 };
    const before = priceUsage(usage, { model: 'gpt-5.6-luna', at: new Date('2026-07-01T00:00:00Z') });
    const after = priceUsage(usage, { model: 'gpt-5.6-luna', at: new Date('2026-08-01T00:00:00Z') });
    assert.equal(before.total, usd(0.1));
    assert.equal(after.total, usd(0.02));
    // Events arrive in any order; each is priced at its own date.
    const dates = ['2026-07-29T23:59:00Z', '2026-07-30T00:00:00Z', '2026-07-29T23:59:30Z', '2026-08-02T00:00:00Z'];
    const totals = dates.map((at) => priceUsage(usage, { model: 'gpt-5.6-luna', at: new Date(at) }).total);
    assert.deepEqual(totals, [usd(0.1), usd(0.02), usd(0.1), usd(0.02)]);
  });

  it('applies documented batch and flex discounts from data, and refuses undocumented ones', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    const standard = priceUsage(usage, { model: 'gpt-4o' });
    assert.equal(priceUsage(usage, { model: 'gpt-4o', mode: 'batch' }).total, standard.total / 2);
    assert.equal(
      priceUsage(usage, { model: 'gpt-5', mode: 'flex' }).total,
      priceUsage(usage, { model: 'gpt-5' }).total / 2,
    );
    assert.equal(priceUsage(usage, { model: 'claude-opus-5', mode: 'batch' }).total, usd(15)); // provider-wide 50 %
    assert.throws(() => priceUsage(usage, { model: 'claude-opus-5', mode: 'flex' }), PricingError);
  });

  it('resolves dated ids and provider-qualified ids to their model', () => {
    assert.equal(priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'gpt-4o-2024-08-06' }).model, 'gpt-4o');
    assert.equal(priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'openai:gpt-5-mini' }).model, 'gpt-5-mini');
    assert.equal(
      priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'llama-3.3-70b-versatile' }).provider,
      'groq',
    );
  });

  it('rejects an unknown model with the closest known names', () => {
    assert.throws(
      () => priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'gpt-4oo' }),
      (error: unknown) =>
        error instanceof UnpricedModelError &&
        error.suggestions.includes('gpt-4o') &&
        /Closest known: .*gpt-4o/.test(error.message),
    );
    assert.throws(
      () => priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'gpt-5', provider: 'anthropic' }),
      UnpricedModelError,
    );
  });

  it('rejects usage whose parts exceed their totals', () => {
    assert.throws(
      () => priceUsage({ inputTokens: 10, cacheReadTokens: 11, outputTokens: 0 }, { model: 'gpt-5' }),
      /cannot exceed/,
    );
    assert.throws(
      () => priceUsage({ inputTokens: 10, outputTokens: 1, reasoningTokens: 2 }, { model: 'gpt-5' }),
      /reasoningTokens/,
    );
    assert.throws(() => priceUsage({ inputTokens: -1, outputTokens: 0 }, { model: 'gpt-5' }), /inputTokens/);
    assert.throws(() => priceUsage({ inputTokens: 1.5, outputTokens: 0 }, { model: 'gpt-5' }), /whole number/);
  });

  it('prices custom models from the policy file, marked as estimated', () => {
    const customModels: CustomModelPrices = {
      'acme-llama-70b': { provider: 'self-hosted', inputPerMTok: 0.5, outputPerMTok: 1.5, cachedInputPerMTok: 0.1 },
    };
    const cost = priceUsage(
      { inputTokens: 2_000_000, cacheReadTokens: 1_000_000, outputTokens: 1_000_000 },
      { model: 'acme-llama-70b', customModels },
    );
    assert.equal(cost.provider, 'self-hosted');
    assert.equal(cost.total, usd(0.5 + 0.1 + 1.5));
    assert.equal(cost.estimated, true);
  });

  it('agrees with the genai-prices engine total on current models (property)', () => {
    const models = [
      'gpt-5',
      'gpt-5.4',
      'gpt-4o',
      'claude-sonnet-4-5',
      'claude-opus-4-6',
      'claude-haiku-4-5',
      'gemini-2.5-pro',
      'gemini-3.1-flash-lite',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.integer({ min: 0, max: 400_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 50_000 }),
        (model, input, readShare, writeShare, output) => {
          const read = Math.floor(input * readShare);
          const write = Math.floor((input - read) * writeShare);
          const ours = priceUsage(
            { inputTokens: input, cacheReadTokens: read, cacheWriteTokens: write, outputTokens: output },
            { model },
          );
          const engine = calcPrice(
            { input_tokens: input, cache_read_tokens: read, cache_write_tokens: write, output_tokens: output },
            model,
          );
          assert.ok(engine);
          assert.ok(
            Math.abs(ours.total - engine.total_price * 1e9) <= 4,
            `${model}: ${ours.total} vs ${engine.total_price * 1e9}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sums millions of events exactly, as integers', () => {
    const one = priceUsage(
      { inputTokens: 1_234, cacheReadTokens: 1_000, outputTokens: 77 },
      { model: 'gpt-5-mini' },
    ).total;
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += one;
    assert.ok(Number.isSafeInteger(sum));
    assert.equal(sum, one * 1_000_000);
  });
});

describe('estimatePromptCost', () => {
  it('gives cost per call, per day and per 30-day month', () => {
    const estimate = estimatePromptCost({
      model: 'gpt-4o',
      promptTokens: 1_000,
      outputTokens: 500,
      callsPerDay: 10_000,
    });
    assert.equal(estimate.perCall, usd((1_000 * 2.5) / 1e6 + (500 * 10) / 1e6));
    assert.equal(estimate.perDay, estimate.perCall * 10_000);
    assert.equal(estimate.perMonth, estimate.perDay * 30);
    assert.equal(estimate.withCaching, undefined);
  });

  it('shows the caching saving only once the static prefix reaches the provider minimum', () => {
    const base = { model: 'gpt-4o', promptTokens: 3_000, outputTokens: 200, callsPerDay: 50_000 };
    assert.equal(estimatePromptCost({ ...base, staticPrefixTokens: 1_023 }).withCaching, undefined);
    const cached = estimatePromptCost({ ...base, staticPrefixTokens: 1_024 }).withCaching;
    assert.ok(cached);
    assert.equal(cached.cachedPrefixTokens, 1_024);
    assert.equal(cached.perCall, usd((1_976 * 2.5) / 1e6 + (1_024 * 1.25) / 1e6 + (200 * 10) / 1e6));
    assert.ok(cached.savingPerMonth > 0);
    assert.ok(cached.savingPercent > 0 && cached.savingPercent < 50);
  });

  it('uses the model’s own cache minimum (Claude Haiku 4.5: 4,096) and charges cache writes', () => {
    const base = { model: 'claude-haiku-4-5', promptTokens: 6_000, outputTokens: 100, callsPerDay: 10_000 };
    assert.equal(estimatePromptCost({ ...base, staticPrefixTokens: 2_000 }).withCaching, undefined);
    const cached = estimatePromptCost({ ...base, staticPrefixTokens: 5_000 }).withCaching!;
    const hit = usd((1_000 * 1) / 1e6 + (5_000 * 0.1) / 1e6 + (100 * 5) / 1e6);
    const miss = usd((1_000 * 1) / 1e6 + (5_000 * 1.25) / 1e6 + (100 * 5) / 1e6);
    assert.equal(cached.perMonth, (288 * miss + (10_000 - 288) * hit) * 30);
  });

  it('estimates custom models from the policy file, with caching only when the file prices cached input', () => {
    const customModels: CustomModelPrices = {
      'acme-70b': { provider: 'self-hosted', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.25 },
      'acme-8b': { inputPerMTok: 0.1, outputPerMTok: 0.2 },
    };
    const base = {
      promptTokens: 3_000,
      outputTokens: 500,
      callsPerDay: 1_000,
      staticPrefixTokens: 2_000,
      customModels,
    };
    const big = estimatePromptCost({ ...base, model: 'acme-70b', provider: 'self-hosted' });
    assert.equal(big.perCall, usd((3_000 * 1) / 1e6 + (500 * 2) / 1e6));
    assert.equal(big.perMonth, big.perCall * 1_000 * 30);
    assert.equal(big.withCaching!.perCall, usd((1_000 * 1) / 1e6 + (2_000 * 0.25) / 1e6 + (500 * 2) / 1e6));
    const small = estimatePromptCost({ ...base, model: 'ACME-8B' });
    assert.equal(small.perCall, usd((3_000 * 0.1) / 1e6 + (500 * 0.2) / 1e6));
    assert.equal(small.withCaching, undefined);
    assert.equal(
      priceUsage({ inputTokens: 1, outputTokens: 1 }, { model: 'acme-8b', customModels }).provider,
      'custom',
    );
    assert.throws(() => estimatePromptCost({ ...base, model: 'acme-70b', provider: 'openai' }), UnpricedModelError);
  });

  it('rejects a negative call volume', () => {
    assert.throws(
      () => estimatePromptCost({ model: 'gpt-4o', promptTokens: 1, outputTokens: 1, callsPerDay: -1 }),
      /callsPerDay/,
    );
  });
});
