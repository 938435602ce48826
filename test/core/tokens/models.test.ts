import { strict as assert } from 'node:assert';
import { countTokens, getEncoding, resolveTokenizer, UnknownModelError } from '../../../core';

describe('model → tokenizer', () => {
  const cases: [string, string][] = [
    ['gpt-5', 'o200k_base'],
    ['gpt-5-mini-2025-08-07', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-4o-2024-08-06', 'o200k_base'],
    ['chatgpt-4o-latest', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo-0125', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['text-embedding-ada-002', 'cl100k_base'],
    ['text-davinci-003', 'p50k_base'],
    ['code-davinci-002', 'p50k_base'],
    ['davinci', 'r50k_base'],
    ['text-curie-001', 'r50k_base'],
  ];
  for (const [model, encoding] of cases) {
    it(`${model} → ${encoding}, exact`, () => {
      const tokenizer = resolveTokenizer(model);
      assert.equal(tokenizer.encoding, encoding);
      assert.equal(tokenizer.exact, true);
      assert.equal(tokenizer.provider, 'openai');
    });
  }

  it('estimates Claude and Gemini with a band around the calibrated factor', () => {
    for (const model of [
      'claude-sonnet-4-5',
      'claude-3-5-haiku-20241022',
      'anthropic.claude-3-haiku-20240307-v1:0',
      'gemini-2.5-flash',
    ]) {
      const tokenizer = resolveTokenizer(model);
      assert.equal(tokenizer.exact, false);
      assert.ok(tokenizer.low <= tokenizer.factor && tokenizer.factor <= tokenizer.high, model);
      assert.match(tokenizer.note ?? '', /not public/);
    }
    assert.equal(resolveTokenizer('claude-opus-4-1').provider, 'anthropic');
    assert.equal(resolveTokenizer('gemini-2.5-pro').provider, 'google');
  });

  it('rejects an unknown model with close-name suggestions', () => {
    assert.throws(
      () => resolveTokenizer('gtp-4o'),
      (error: unknown) => {
        assert.ok(error instanceof UnknownModelError);
        assert.equal(error.model, 'gtp-4o');
        assert.ok(error.suggestions.includes('gpt-4o'));
        assert.match(error.message, /Unknown model 'gtp-4o'.*Did you mean 'gpt-4o'/);
        return true;
      },
    );
    assert.throws(() => resolveTokenizer('llama-3-70b'), UnknownModelError);
  });

  it('estimates an unknown model only when asked, and says why', () => {
    const tokenizer = resolveTokenizer('llama-3-70b', { fallback: 'estimate' });
    assert.equal(tokenizer.exact, false);
    assert.match(tokenizer.note ?? '', /Unknown model 'llama-3-70b'/);
  });
});

describe('countTokens', () => {
  it('is exact for OpenAI models', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    const count = countTokens(text, 'gpt-4o');
    const tokens = getEncoding('o200k_base').encode(text).length;
    assert.deepEqual(count, {
      tokens,
      exact: true,
      low: tokens,
      high: tokens,
      encoding: 'o200k_base',
      model: 'gpt-4o',
    });
  });

  it('gives Claude an estimate with a band and a note', () => {
    const text = 'Summarise the customer complaint below in two sentences.\n'.repeat(20);
    const base = getEncoding('o200k_base').count(text);
    const count = countTokens(text, 'claude-sonnet-4-5');
    assert.equal(count.exact, false);
    // English prose: o200k_base × the prose ratio fitted on count_tokens counts.
    assert.equal(count.tokens, Math.round(base * 1.12));
    assert.ok(count.low < count.tokens && count.tokens < count.high);
    assert.ok(count.note);
  });

  it('counts empty text as zero', () => {
    assert.equal(countTokens('', 'gpt-4').tokens, 0);
    assert.equal(countTokens('', 'claude-haiku-4-5').high, 0);
  });

  it('throws for an unknown model unless an estimate is requested', () => {
    assert.throws(() => countTokens('hi', 'mystery-model'), UnknownModelError);
    const estimate = countTokens('hi there', 'mystery-model', { fallback: 'estimate' });
    assert.equal(estimate.exact, false);
    assert.match(estimate.note!, /Unknown model/);
  });
});
