import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { findModel } from '../../../core/models';
import {
  BUNDLED_PRICES_AS_OF,
  parsePriceData,
  PriceDataError,
  priceData,
  pricesAsOf,
  priceUsage,
  resetPriceData,
  setPriceData,
} from '../../../core/pricing';
import { BUNDLED_PRICES_VERSION } from '../../../core/pricing/data';
import facts from '../../../core/models/facts.json';

function minimalData(inputMtok: number): Provider[] {
  return [
    {
      id: 'openai',
      name: 'OpenAI',
      api_pattern: 'https://api\\.openai\\.com',
      model_match: { starts_with: 'gpt-' },
      models: [
        {
          id: 'gpt-5',
          match: { equals: 'gpt-5' },
          context_window: 400_000,
          prices: { input_mtok: inputMtok, output_mtok: 10 },
        },
      ],
    },
  ];
}

describe('price data', () => {
  afterEach(() => resetPriceData());

  it('uses the bundled genai-prices snapshot by default, dated by its release', () => {
    const pkg = JSON.parse(readFileSync('node_modules/@pydantic/genai-prices/package.json', 'utf8'));
    assert.equal(
      pkg.version,
      BUNDLED_PRICES_VERSION,
      'genai-prices was upgraded: update BUNDLED_PRICES_VERSION and BUNDLED_PRICES_AS_OF',
    );
    assert.equal(pricesAsOf(), BUNDLED_PRICES_AS_OF);
    assert.equal(priceData().source, 'bundled');
  });

  it('lists every bundled provider (facts.json is in step with the package)', async () => {
    const bundled = (await waitForUpdate())!.map((p) => p.id);
    assert.deepEqual(facts.priceProviders, bundled);
    assert.equal(priceData().providers.length, bundled.length);
  });

  it('accepts injected data as an object and prices with it, then resets to the bundle', () => {
    setPriceData(minimalData(2), { asOf: '2027-01-02', source: 'test' });
    assert.equal(pricesAsOf(), '2027-01-02');
    assert.equal(priceUsage({ inputTokens: 1_000_000, outputTokens: 0 }, { model: 'gpt-5' }).total, 2e9);
    assert.equal(findModel('claude-opus-5'), undefined);
    resetPriceData();
    assert.equal(priceUsage({ inputTokens: 1_000_000, outputTokens: 0 }, { model: 'gpt-5' }).total, 1.25e9);
    assert.equal(findModel('claude-opus-5')?.provider, 'anthropic');
  });

  it('rejects invalid data with the path of the bad field and keeps the data in use', () => {
    const bad = minimalData(2) as unknown as { models: { prices: unknown }[] }[];
    bad[0]!.models[0]!.prices = { input_mtok: 'cheap' };
    assert.throws(
      () => setPriceData(bad, { asOf: '2027-01-02', source: 'test' }),
      (e: unknown) => e instanceof PriceDataError && /0\.models\.0\.prices/.test(e.message),
    );
    assert.throws(() => parsePriceData([]), /no providers/);
    assert.throws(() => parsePriceData({ providers: [] }), PriceDataError);
    assert.equal(pricesAsOf(), BUNDLED_PRICES_AS_OF);
  });
});
