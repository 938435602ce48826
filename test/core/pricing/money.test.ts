import { strict as assert } from 'node:assert';
import { formatUsd, tokenCost } from '../../../core/pricing';

describe('money', () => {
  it('formats dollars to a sensible precision', () => {
    assert.equal(formatUsd(93e9), '$93');
    assert.equal(formatUsd(1_204.5e9), '$1,204.50');
    assert.equal(formatUsd(1.005e9), '$1.01');
    assert.equal(formatUsd(3_100_000), '$0.0031');
    assert.equal(formatUsd(42_000), '$0.000042');
    assert.equal(formatUsd(550_000_000), '$0.55');
    assert.equal(formatUsd(55_000_000), '$0.055');
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(-2.5e9), '-$2.50');
  });

  it('rounds a token cost once to whole nano-dollars', () => {
    assert.equal(tokenCost(80_000, 0.125), 10_000_000);
    assert.equal(tokenCost(1, 0.0375), 38); // 37.5 nano-dollars rounds half up
    assert.ok(Number.isInteger(tokenCost(333, 0.1)));
  });

  it('refuses a non-finite amount', () => {
    assert.throws(() => formatUsd(Number.NaN), RangeError);
  });
});
