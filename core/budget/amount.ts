// Budget amounts: tokens, or US dollars held as integer nano-dollars (1 USD = 1e9), parsed from and written as text.
import { NANOS_PER_USD, formatUsd, type Nanos } from '../pricing';
import { BudgetError } from './zone';

export type BudgetUnit = 'tokens' | 'usd';

export interface Amount {
  unit: BudgetUnit;
  /** Whole tokens, or nano-dollars when `unit` is `usd`. */
  amount: number | Nanos;
}

const SCALE: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

/**
 * Parses `$500`, `$1,250.50`, `500 usd`, `$1.5k`, `2M tokens`, `250000 tokens`. A bare number takes `defaultUnit`
 * (for a form whose unit is chosen elsewhere); without one it is an error, because `500` alone is ambiguous.
 */
export function parseAmount(text: string, defaultUnit?: BudgetUnit): Amount {
  const input = text.trim().toLowerCase().replace(/,/g, '');
  const match = /^(\$)?\s*(\d+(?:\.\d+)?|\.\d+)\s*([kmb]?)\s*(usd|dollars?|tokens?)?$/.exec(input);
  const dollarSign = match?.[1] === '$';
  const word = match?.[4];
  if (!match || (dollarSign && word?.startsWith('token'))) {
    throw new BudgetError(`Amount "${text}": write dollars as $500 or 500 usd, tokens as 2M tokens`);
  }
  const unit: BudgetUnit | undefined = dollarSign || word === 'usd' || word?.startsWith('dollar') ? 'usd' : word ? 'tokens' : defaultUnit;
  if (!unit) throw new BudgetError(`Amount "${text}": say whether it is dollars ($500) or tokens (500 tokens)`);
  const value = Number(match[2]) * SCALE[match[3]];
  const amount = Math.round(unit === 'usd' ? value * NANOS_PER_USD : value);
  if (amount <= 0) throw new BudgetError(`Amount "${text}": must be more than zero`);
  if (!Number.isSafeInteger(amount)) throw new BudgetError(`Amount "${text}": too large`);
  return { unit, amount };
}

/** `$1,250.50` or `2,000,000 tokens`. */
export function formatAmount({ unit, amount }: Amount): string {
  if (unit === 'usd') return formatUsd(amount);
  return `${amount.toLocaleString('en-US')} token${amount === 1 ? '' : 's'}`;
}
