// Money as integer nano-dollars: every computed amount is rounded once, then only ever added as integers, so totals
// over millions of events never drift the way summed floats do.
export type Nanos = number;

export const NANOS_PER_USD = 1_000_000_000;

/** The cost of `tokens` at `perMTok` dollars per million tokens, rounded once to whole nano-dollars. */
export function tokenCost(tokens: number, perMTok: number): Nanos {
  // perMTok $/1e6 tokens = perMTok × 1,000 nano-dollars per token.
  return Math.round(tokens * perMTok * 1000);
}

/**
 * Dollars to a sensible precision: cents from $1 up ("$93", "$1,204.50"), two significant digits below
 * ("$0.0031", "$0.000042").
 */
export function formatUsd(nanos: Nanos): string {
  if (!Number.isFinite(nanos)) throw new RangeError(`formatUsd: not a finite amount: ${nanos}`);
  const sign = nanos < 0 ? '-' : '';
  const usd = Math.abs(nanos) / NANOS_PER_USD;
  if (usd === 0) return '$0';
  if (usd >= 1) {
    const cents = Math.round(Math.abs(nanos) / 10_000_000);
    const whole = Math.floor(cents / 100).toLocaleString('en-US');
    const fraction = cents % 100;
    return `${sign}$${whole}${fraction === 0 ? '' : `.${String(fraction).padStart(2, '0')}`}`;
  }
  const decimals = Math.max(2, 1 - Math.floor(Math.log10(usd)));
  return `${sign}$${usd.toFixed(decimals)}`;
}

/** A total of whole amounts (tokens, nano-dollars) that would pass Number.MAX_SAFE_INTEGER, where numbers stop being exact. */
export class AmountOverflowError extends RangeError {
  override name = 'AmountOverflowError';
  constructor() {
    super(
      `a total passed ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')} (${formatUsd(Number.MAX_SAFE_INTEGER)} in nano-dollars), beyond which it would not be exact`,
    );
  }
}

/** a + b for whole amounts: exact, or AmountOverflowError instead of a silently rounded sum. */
export function addExact(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new AmountOverflowError();
  return sum;
}

/**
 * A whole amount as a database hands it back (a number, a bigint, or the decimal text PostgreSQL gives for bigint
 * and numeric), exactly: AmountOverflowError when it is past what a number holds exactly.
 */
export function exactAmount(value: unknown): number {
  const whole =
    typeof value === 'bigint'
      ? value
      : typeof value === 'number' && Number.isSafeInteger(value)
        ? BigInt(value)
        : typeof value === 'string' && /^-?\d+$/.test(value)
          ? BigInt(value)
          : undefined;
  if (whole === undefined) {
    if (typeof value === 'number' && Number.isInteger(value)) throw new AmountOverflowError();
    throw new TypeError(`not a whole amount: ${String(value)}`);
  }
  if (whole > BigInt(Number.MAX_SAFE_INTEGER) || whole < BigInt(Number.MIN_SAFE_INTEGER))
    throw new AmountOverflowError();
  return Number(whole);
}
