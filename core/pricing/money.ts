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
