import { strict as assert } from 'node:assert';
import {
  findModel,
  ladder,
  ladderProviders,
  listModels,
  suggestModels,
  tierRank,
  type Tier,
} from '../../../core/models';
import type { CustomModelPrices } from '../../../core/pricing';

describe('model catalog', () => {
  it('has a small → frontier ladder of current models for OpenAI, Anthropic, Google and Groq', () => {
    assert.deepEqual(ladderProviders(), ['openai', 'anthropic', 'google', 'groq']);
    for (const provider of ladderProviders()) {
      const models = ladder(provider);
      assert.ok(models.length >= 3, provider);
      assert.equal(models[0]!.tier, 'small');
      assert.equal(models.at(-1)!.tier, 'frontier');
      const ranks = models.map((m) => tierRank(m.tier));
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => a - b),
      );
      for (const model of models) {
        assert.equal(model.provider, provider);
        assert.ok(model.contextWindow > 0 && model.maxOutputTokens > 0, `${model.id} limits`);
        assert.ok(model.inputPerMTok !== undefined && model.outputPerMTok !== undefined, `${model.id} prices`);
        assert.ok(model.capabilities.tools, `${model.id} tools`);
        assert.equal(model.deprecation, undefined, `${model.id} is deprecated`);
      }
    }
  });

  it('takes context windows and prices from the price data, limits and capabilities from the facts', () => {
    const gpt5 = findModel('gpt-5')!;
    assert.equal(gpt5.contextWindow, 400_000); // genai-prices' figure
    assert.equal(gpt5.maxOutputTokens, 128_000);
    assert.deepEqual(gpt5.capabilities, { tools: true, reasoning: true, vision: true, jsonMode: true });
    assert.equal(gpt5.inputPerMTok, 1.25);
    assert.equal(gpt5.outputPerMTok, 10);
    const haiku3 = findModel('llama-3.1-8b-instant')!;
    assert.equal(haiku3.capabilities.vision, false);
    assert.deepEqual(findModel('gemini-3.6-flash')!.modalities, ['text', 'image', 'audio', 'pdf']);
  });

  it('has the published standard prices, not one flat price for every OpenAI model', () => {
    const prices = (id: string) => [findModel(id)!.inputPerMTok, findModel(id)!.outputPerMTok];
    assert.deepEqual(prices('gpt-4o'), [2.5, 10]);
    assert.deepEqual(prices('gpt-4.1'), [2, 8]);
    assert.deepEqual(prices('gpt-5'), [1.25, 10]);
  });

  it('resolves aliases and dated ids', () => {
    assert.equal(findModel('gpt-4o-2024-08-06')?.id, 'gpt-4o');
    assert.equal(findModel('claude-sonnet-4-5-20250929')?.id, 'claude-sonnet-4-5');
    assert.equal(findModel('GPT-4o')?.id, 'gpt-4o');
    assert.equal(findModel('anthropic:claude-opus-5')?.provider, 'anthropic');
  });

  it('finds models that only a host such as Groq or Together serves, by their id with or without the host', () => {
    const found = (id: string) => {
      const model = findModel(id);
      return model && `${model.provider}/${model.id}`;
    };
    assert.equal(found('llama-3.3-70b-versatile'), 'groq/llama-3.3-70b-versatile');
    assert.equal(found('groq/llama-3.1-8b-instant'), 'groq/llama-3.1-8b-instant');
    // The prefix names the model's maker (itself a provider in the data), not the host that serves it.
    assert.equal(found('moonshotai/kimi-k2-instruct'), 'groq/moonshotai/kimi-k2-instruct');
    assert.equal(found('meta-llama/Llama-3.3-70B-Instruct-Turbo'), 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.equal(
      found('together/meta-llama/Llama-3.3-70B-Instruct-Turbo'),
      'together/meta-llama/Llama-3.3-70B-Instruct-Turbo',
    );
    // Without the organisation part of the host's id.
    assert.equal(found('Llama-3.3-70B-Instruct-Turbo'), 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo');
    assert.equal(found('kimi-k2-instruct'), 'groq/moonshotai/kimi-k2-instruct');
    for (const provider of ladderProviders())
      for (const model of ladder(provider)) assert.ok(findModel(model.id), `ladder model ${model.id}`);
  });

  it('records deprecations', () => {
    assert.equal(findModel('claude-3-7-sonnet-latest')?.deprecation, '2026-02-19');
  });

  it('returns undefined for unknown models and suggests the closest names', () => {
    assert.equal(findModel('gpt-7-ultra'), undefined);
    assert.equal(suggestModels('gpt-4oo')[0], 'gpt-4o');
    assert.equal(suggestModels('claude-sonet-4-5')[0], 'claude-sonnet-4-5');
    assert.equal(suggestModels('gemni-2.5-flash', 5)[0], 'gemini-2.5-flash');
    assert.equal(suggestModels('opus')[0], 'claude-opus-5');
    assert.equal(suggestModels('sonnet 4.5')[0], 'claude-sonnet-4-5');
    assert.ok(
      suggestModels('gpt-3.5-turbo-x', 10).every((name) => !name.endsWith('-')),
      'no match-pattern ids',
    );
    assert.equal(suggestModels('x', 2).length, 2);
  });

  it('handles custom models from the policy file explicitly', () => {
    const customModels: CustomModelPrices = {
      'acme-70b': {
        provider: 'self-hosted',
        inputPerMTok: 0.2,
        outputPerMTok: 0.4,
        contextWindow: 32_000,
        tier: 'large',
      },
    };
    const info = findModel('acme-70b', customModels)!;
    assert.equal(info.custom, true);
    assert.equal(info.tier, 'large');
    assert.equal(info.contextWindow, 32_000);
    assert.deepEqual(info.capabilities, { tools: false, reasoning: false, vision: false, jsonMode: false });
    assert.ok(listModels({ customModels }).some((m) => m.id === 'acme-70b'));
    assert.deepEqual(
      listModels({ provider: 'self-hosted', customModels }).map((m) => m.id),
      ['acme-70b'],
    );
    assert.equal(suggestModels('acme-7b', 1, customModels)[0], 'acme-70b');
  });

  it('lists a provider’s catalog with tiers', () => {
    const anthropic = listModels({ provider: 'anthropic' });
    assert.ok(anthropic.length >= 5);
    assert.ok(anthropic.every((m) => m.provider === 'anthropic'));
    const tiers = new Set<Tier>(anthropic.map((m) => m.tier));
    assert.ok(tiers.has('small') && tiers.has('frontier'));
  });
});
