import { strict as assert } from 'node:assert';
import { addExact, AmountOverflowError, exactAmount, formatUsd, tokenCost } from '../../../core/pricing';

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

  it('adds whole amounts exactly, and refuses a total past Number.MAX_SAFE_INTEGER instead of rounding it', () => {
    assert.equal(addExact(Number.MAX_SAFE_INTEGER - 1, 1), Number.MAX_SAFE_INTEGER);
    assert.throws(() => addExact(Number.MAX_SAFE_INTEGER, 1), AmountOverflowError);
    assert.throws(
      () => addExact(5e15, 5e15),
      /a total passed 9,007,199,254,740,991 \(\$9,007,199.25 in nano-dollars\)/,
    );
  });

  it('takes a database’s whole amount exactly: number, bigint or PostgreSQL’s decimal text', () => {
    assert.equal(exactAmount(42), 42);
    assert.equal(exactAmount(9007199254740991n), Number.MAX_SAFE_INTEGER);
    assert.equal(exactAmount('9007199254740991'), Number.MAX_SAFE_INTEGER);
    // Past 2^53: text and bigint are refused, and so is a number that has already lost its last digits.
    for (const value of ['9007199254740993', 9007199254740993n, 2 ** 53, 1e19])
      assert.throws(() => exactAmount(value), AmountOverflowError, String(value));
    assert.throws(() => exactAmount('12.5'), TypeError);
    assert.throws(() => exactAmount(null), TypeError);
  });
});
