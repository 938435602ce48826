// Budget amounts: tokens, or US dollars held as integer nano-dollars (1 USD = 1e9), parsed from and written as text.
import { NANOS_PER_USD, formatUsd, type Nanos } from '../pricing';
import { BudgetError } from './zone';

export type BudgetUnit = 'tokens' | 'usd';

export interface Amount {
  unit: BudgetUnit;
  /** Whole tokens, or nano-dollars when `unit` is `usd`. */
  amount: number | Nanos;
}

/** Powers of ten of the k, M and B suffixes. */
const SCALE: Record<string, number> = { '': 0, k: 3, m: 6, b: 9 };
/** Decimal places of a dollar amount: nano-dollars are the unit amounts are held in. */
const USD_DECIMALS = Math.log10(NANOS_PER_USD);
/** A number with an optional k/M/B suffix and unit; commas only in thousands groups (1,500,000). */
const AMOUNT = /^(\$)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*([kmb]?)\s*(usd|dollars?|tokens?)?$/;
const FORMS = 'write dollars as $500, $1,250.50 or 500 usd, and tokens as 2M tokens, 1.5M tokens or 1,500,000 tokens';

/**
 * Parses `$500`, `$1,250.50`, `500 usd`, `$1.5k`, `2M tokens`, `1,500,000 tokens`. A bare number takes `defaultUnit`
 * (for a form whose unit is chosen elsewhere); without one it is an error, because `500` alone is ambiguous. The
 * value is exact or refused: a comma other than a thousands separator (`1,5M`, `$1,5`: a decimal comma?) is refused,
 * as is a fraction of a token (`1.5 tokens`; `1.5M tokens` is a whole 1,500,000) or of a nano-dollar.
 */
export function parseAmount(text: string, defaultUnit?: BudgetUnit): Amount {
  const input = text.trim().toLowerCase();
  const match = AMOUNT.exec(input);
  const dollarSign = match?.[1] === '$';
  const word = match?.[5];
  if (!match || (match[2] === undefined && match[3] === undefined) || (dollarSign && word?.startsWith('token'))) {
    const comma = /\d,\d/.test(input)
      ? 'a comma only separates thousands (1,500,000) and decimals take a point (1.5M); '
      : '';
    throw new BudgetError(`Amount "${text}": ${comma}${FORMS}`);
  }
  const unit: BudgetUnit | undefined =
    dollarSign || word === 'usd' || word?.startsWith('dollar') ? 'usd' : word ? 'tokens' : defaultUnit;
  if (!unit) throw new BudgetError(`Amount "${text}": say whether it is dollars ($500) or tokens (500 tokens)`);
  // Digits and a power of ten, in BigInt, so 1.1M is 1,100,000 and not 1,100,000.0000000002.
  const fraction = match[3] ?? '';
  const exponent = SCALE[match[4]!]! + (unit === 'usd' ? USD_DECIMALS : 0) - fraction.length;
  const digits = BigInt(`${(match[2] ?? '0').replace(/,/g, '')}${fraction}`);
  const divisor = 10n ** BigInt(Math.max(0, -exponent));
  if (digits % divisor !== 0n) {
    throw new BudgetError(
      unit === 'tokens'
        ? `Amount "${text}": tokens are whole (1.5M tokens is 1,500,000; 1.5 tokens is not)`
        : `Amount "${text}": dollars go to at most nine decimal places`,
    );
  }
  const amount = (digits / divisor) * 10n ** BigInt(Math.max(0, exponent));
  if (amount <= 0n) throw new BudgetError(`Amount "${text}": must be more than zero`);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw new BudgetError(`Amount "${text}": too large`);
  return { unit, amount: Number(amount) };
}

/** `$1,250.50` or `2,000,000 tokens`. */
export function formatAmount({ unit, amount }: Amount): string {
  if (unit === 'usd') return formatUsd(amount);
  return `${amount.toLocaleString('en-US')} token${amount === 1 ? '' : 's'}`;
}
